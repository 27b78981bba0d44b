/**
 * Which kind a file or document is: from a `# kubetasks: <kind>` modeline, from content (apiVersion/kind, the
 * `spark:` wrapper, a task file's `operator:`), or from the file name. Unrelated YAML is never claimed: content must
 * name a kind we have a schema for, and names must follow one of the patterns below.
 */
import { TASK_FILE_NAME } from '../common/index.js';
import { templateKinds, type KindInfo, type TemplateKind } from './template-kinds.js';

export type DetectedBy = 'modeline' | 'content' | 'file-name' | 'caller';

export interface Detection {
  kind: TemplateKind;
  by: DetectedBy;
}

export interface Modeline {
  /** The kind named, or 'none' for `# kubetasks: none` (opt out). undefined when the name is unknown. */
  kind: TemplateKind | 'none' | undefined;
  name: string;
  startOffset: number;
  endOffset: number;
}

const MODELINE = /^[ \t]*#[ \t]*kubetasks:[ \t]*([\w.-]+)/m;
const SCHEMA_MODELINE = /^[ \t]*#[ \t]*yaml-language-server:[ \t]*\$schema=\S*?([\w-]+)\.schema\.json/m;

function kindByName(name: string): TemplateKind | undefined {
  const lower = name.toLowerCase();
  return templateKinds.find((k) => k.modelineNames.includes(lower))?.kind;
}

/** Reads `# kubetasks: pod-template` (or a yaml-language-server modeline pointing at one of our schemas). */
export function parseModeline(text: string): Modeline | undefined {
  const match = MODELINE.exec(text);
  if (match) {
    const name = match[1]!;
    const kind = name.toLowerCase() === 'none' ? 'none' : kindByName(name);
    return { kind, name, startOffset: match.index, endOffset: match.index + match[0].length };
  }
  const schema = SCHEMA_MODELINE.exec(text);
  const id = schema?.[1];
  const info = id === undefined ? undefined : templateKinds.find((k) => Object.values(k.schemas).includes(id));
  if (!schema || !info) return undefined;
  return { kind: info.kind, name: id!, startOffset: schema.index, endOffset: schema.index + schema[0].length };
}

const NAME_PATTERNS: readonly [RegExp, TemplateKind][] = [
  // Spark first: `spark_job_template.json` (the provider docs' name) is a Spark file, not a job template.
  [/(^|[._-])spark[._-]?(application|app|job)?[._-]?template([._-][^/]*)?\.(ya?ml|json)$/i, 'spark-template'],
  [/\.spark\.(ya?ml|json)$/i, 'spark-template'],
  [/(^|[._-])pod[._-]?template([._-][^/]*)?\.(ya?ml|json)$/i, 'pod'],
  [/\.pod\.(ya?ml|json)$/i, 'pod'],
  [/(^|[._-])job[._-]?template([._-][^/]*)?\.(ya?ml|json)$/i, 'job'],
  [/\.job\.(ya?ml|json)$/i, 'job'],
  [TASK_FILE_NAME, 'task'],
];

/** Kind from a file name such as `pod_template.yaml`, `etl.spark.json` or `hello.task.yaml`. */
export function detectKindFromFileName(fileName: string): TemplateKind | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return NAME_PATTERNS.find(([pattern]) => pattern.test(base))?.[1];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

/** The catalogue entry whose Kubernetes kind and API group match (any version of the group is claimed). */
export function findResourceKind(apiVersion: string, kind: string): KindInfo | undefined {
  return templateKinds.find((k) => k.k8sKind === kind && Object.keys(k.schemas).some((v) => groupOf(v) === groupOf(apiVersion)));
}

const OPERATOR = /^(Kubernetes\w*Operator|SparkKubernetesOperator|GKEStart\w*Operator|EksPodOperator)$/;

/** Kind from a parsed document, or undefined for YAML that is not ours. */
export function detectKindFromContent(value: unknown): TemplateKind | undefined {
  if (!isRecord(value)) return undefined;
  if (typeof value.apiVersion === 'string' && typeof value.kind === 'string') {
    return findResourceKind(value.apiVersion, value.kind)?.kind;
  }
  const spark = value.spark;
  if (isRecord(spark) && (spark.kind === 'SparkApplication' || isRecord(spark.spec))) return 'spark-template';
  if (typeof value.operator === 'string' && OPERATOR.test(value.operator)) return 'task';
  // A file of several tasks (task.schema.json's second form).
  const tasks = value.tasks;
  if (Array.isArray(tasks) && tasks.length > 0 && tasks.every((t) => isRecord(t) && typeof t.operator === 'string'
    && OPERATOR.test(t.operator))) return 'task';
  return undefined;
}

/** Cheap look at the first lines, for files too large or too broken to parse. */
export function sniffKind(text: string): TemplateKind | undefined {
  const head = text.slice(0, 8192);
  const apiVersion = /^apiVersion:[ \t]*["']?([\w./-]+)/m.exec(head)?.[1];
  const kind = /^kind:[ \t]*["']?(\w+)/m.exec(head)?.[1];
  if (apiVersion && kind) return findResourceKind(apiVersion, kind)?.kind;
  if (/^spark:[ \t]*$/m.test(head) && /^\s+kind:[ \t]*SparkApplication/m.test(head)) return 'spark-template';
  return undefined;
}
