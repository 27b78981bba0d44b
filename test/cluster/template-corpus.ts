// What the apiserver judge sends (issue 9, docs/VALIDATION.md "Judged by kube-apiserver"): every template the
// project calls valid, as the objects Airflow would send, and the one-error schema fixtures. Spark application
// files (the spark:/kubernetes: wrapper or a plain SparkApplication) go through our SparkKubernetesOperator renderer,
// which Airflow's provider judges in the conformance phase; everything else is sent as written.
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { parseTaskFile, renderTask, seededRandom } from '../../src/operators/index.js';
import { detectKindFromContent, detectKindFromFileName, type TemplateKind } from '../../src/templates/index.js';
import { expandSnippet, fragmentSnippets, loadSnippets } from '../harness/templates/snippets.js';
import { repoRoot, templateFixturesDir } from '../harness/templates/validators.js';

export type KubeObject = Record<string, unknown> & { apiVersion: string; kind: string; metadata?: Record<string, unknown> };

export interface JudgedTemplate {
  /** Where it came from: `path#document` or `snippet kt-…`. */
  source: string;
  object: KubeObject;
  /** The document's own text and a file name that detects its kind, for our validation of it (absent for fragments). */
  text?: string;
  fileName?: string;
}

const sparkKinds: readonly TemplateKind[] = ['spark-template', 'spark-application'];

/**
 * The SparkApplication SparkKubernetesOperator creates from an application file: our renderer, which the provider
 * judges field for field (test/conformance). `random_name_suffix: false` keeps the name stable; Airflow replaces
 * `metadata.name` with the task's name either way.
 */
export function toSparkApplication(text: string, extension: 'yaml' | 'json', source: string): KubeObject {
  const input = `judge-input.${extension}`;
  const task = parseTaskFile(`operator: SparkKubernetesOperator\ntask_id: judge-spark\nrandom_name_suffix: false\napplication_file: ${input}\n`,
    '/judge/judge.task.yaml');
  if (!task.ok || !task.value.tasks[0]) throw new Error(`${source}: the judge's task file did not parse`);
  const rendered = renderTask(task.value.tasks[0], { format: 'api', random: seededRandom(1), readFile: (p) => (p.endsWith(input) ? text : undefined) });
  if (!rendered.ok) throw new Error(`${source}: the renderer refused it: ${rendered.problems.map((p) => p.message).join('; ')}`);
  const output = rendered.value.manifest.format === 'api' ? rendered.value.manifest.output : undefined;
  if (output?.kind !== 'object') throw new Error(`${source}: the renderer produced no object`);
  return output.body as KubeObject;
}

/** The objects of one file's text: each `---` document, Spark files converted as the renderer does. */
export function objectsOf(text: string, fileName: string, source: string): JudgedTemplate[] {
  const extension = fileName.endsWith('.json') ? 'json' : 'yaml';
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents)) return [];
  return documents.flatMap((document, index) => {
    const value = document.toJS() as unknown;
    if (typeof value !== 'object' || value === null) return [];
    const kind = detectKindFromContent(value) ?? detectKindFromFileName(fileName);
    const where = documents.length > 1 ? `${source}#${index}` : source;
    const own = { text: documents.length === 1 ? text : document.toString(), fileName };
    if (kind && sparkKinds.includes(kind)) return [{ source: where, object: toSparkApplication(own.text, extension, where), ...own }];
    return [{ source: where, object: value as KubeObject, ...own }];
  });
}

function filesIn(dir: string, pattern: RegExp): string[] {
  return fs.readdirSync(dir).filter((name) => pattern.test(name)).sort().map((name) => path.join(dir, name));
}

function fromFiles(files: readonly string[]): JudgedTemplate[] {
  return files.flatMap((file) => objectsOf(fs.readFileSync(file, 'utf8'), file, path.relative(repoRoot, file)));
}

/** Fragment snippets in the smallest Pod that holds them: a label, an env entry, a container. */
function fragmentPod(prefix: string, fragment: unknown): KubeObject {
  const base = { name: 'base', image: 'busybox:1.36' };
  const pod = (metadata: Record<string, unknown>, containers: unknown[]): KubeObject =>
    ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `judge-${prefix}`, ...metadata }, spec: { restartPolicy: 'Never', containers } });
  if (prefix === 'kt-kueue-label') return pod({ labels: fragment }, [base]);
  if (prefix === 'kt-env-secret') return pod({}, [{ ...base, env: fragment }]);
  if (prefix === 'kt-xcom-container') return pod({}, fragment as unknown[]);
  throw new Error(`no Pod placement for the fragment snippet ${prefix}`);
}

function fromSnippets(): JudgedTemplate[] {
  return (['yaml.json', 'json.json'] as const).flatMap((file) => loadSnippets(file).flatMap(([, snippet]) => {
    const text = expandSnippet(snippet.body);
    const source = `snippets/${file} ${snippet.prefix}`;
    if (fragmentSnippets.includes(snippet.prefix)) {
      return [{ source, object: fragmentPod(snippet.prefix, parseAllDocuments(text)[0]?.toJS()) }];
    }
    return objectsOf(text, file === 'json.json' ? 'snippet.json' : 'snippet.yaml', source);
  }));
}

/**
 * The examples' Spark application files as their own task files use them (`image` and `code_path` fill the
 * template's image and mainApplicationFile, as the provider docs' template expects), rendered by our renderer.
 */
function fromExampleTasks(): JudgedTemplate[] {
  const dir = path.join(repoRoot, 'examples');
  const read = (p: string): string | undefined => (fs.existsSync(path.resolve(dir, p)) ? fs.readFileSync(path.resolve(dir, p), 'utf8') : undefined);
  return filesIn(dir, /\.task\.ya?ml$/).flatMap((file) => {
    const parsed = parseTaskFile(fs.readFileSync(file, 'utf8'), file);
    if (!parsed.ok) throw new Error(`${file}: ${parsed.problems.map((p) => p.message).join('; ')}`);
    return parsed.value.tasks.filter((t) => t.operator === 'SparkKubernetesOperator' && typeof t.params.application_file === 'string')
      .map((task) => {
        const template = String(task.params.application_file);
        const source = `${path.relative(repoRoot, file)}#${task.taskId} (${template})`;
        const rendered = renderTask(task, { format: 'api', random: seededRandom(1), noRandomSuffix: true, readFile: read });
        const output = rendered.ok && rendered.value.manifest.format === 'api' ? rendered.value.manifest.output : undefined;
        if (output?.kind !== 'object') throw new Error(`${source}: the renderer produced no object`);
        return { source, object: output.body as KubeObject, text: read(template), fileName: template };
      });
  });
}

/** Every template the project calls valid: good/ fixtures, YAML/JSON snippets, examples/templates (via their tasks). */
export function acceptedCorpus(): JudgedTemplate[] {
  const examples = fromExampleTasks();
  for (const file of filesIn(path.join(repoRoot, 'examples', 'templates'), /\.(ya?ml|json)$/)) {
    const name = `templates/${path.basename(file)}`;
    if (!examples.some((e) => e.fileName === name)) throw new Error(`examples/${name} is used by no example task file`);
  }
  return [...fromFiles(filesIn(path.join(templateFixturesDir, 'good'), /\.(ya?ml|json)$/)), ...fromSnippets(), ...examples];
}

/** The one-error schema fixtures (KT2xxx), each with its text. */
export function schemaErrorFixtures(): { file: string; text: string }[] {
  return filesIn(path.join(repoRoot, 'test', 'fixtures', 'schema-errors'), /\.(ya?ml|json)$/)
    .map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
}
