/**
 * DAG conformance suite (issue 6). Every DAG file in test/conformance/dags/ is imported by the real Airflow (a
 * DagBag per file, in the pinned venv, AIRFLOW_HOME in a temp dir) and each Kubernetes task is rendered by the
 * provider's own code (dag_driver.py, which reuses driver.py). The same files are scanned statically by KubeTasks
 * and rendered with `kubetasks render DAG.py --task ID`. Per-call expectations are committed in
 * dags/expectations.yaml: `equal`, or `{unevaluable: reason}`. The example DAGs of examples/dags/ are judged too.
 *
 * A case fails when: a call marked equal renders differently, has different upstream/downstream tasks, or was not
 * fully evaluated; a call marked unevaluable was in fact fully evaluated (the expectation is stale); Airflow has a
 * Kubernetes task the scan did not find (silently dropped); the scan reports a task Airflow does not have without
 * saying why; a call has no expectation. The suite also fails below 90 % equal calls.
 *
 *   node --import tsx test/conformance/run-dags.ts [--file NAME.py]
 *
 * Closing line: `dags: N passed, N failed (U unevaluable, P% equal)`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { loadPythonParser } from '../../src/edge/index.js';
import { scanDag, type DagTask } from '../../src/dags/index.js';
import { findParam, isOperatorName } from '../../src/operators/index.js';
import { provisionAirflow, type JudgeResult } from './airflow-judge.js';
import { cliRenderer, judgeCase } from './judge-case.js';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const dagsDir = join(repoRoot, 'test/conformance/dags');
/** The corpus, plus the example DAGs shipped in examples/ (their expectations sit in the same file). */
const DAG_DIRS = [dagsDir, join(repoRoot, 'examples/dags')];
const MIN_EQUAL = 0.9;

interface AirflowTask {
  dag_id: string;
  task_id: string;
  operator: string;
  kubernetes: boolean;
  /** `.partial().expand()`: Airflow renders it only per map index at run time, so there is no render to compare. */
  mapped: boolean;
  upstream: string[];
  downstream: string[];
}

interface AirflowFile {
  import_errors: Record<string, string>;
  tasks: AirflowTask[];
  results: JudgeResult[];
}

interface DagRun {
  airflow: string;
  provider: string;
  kubernetes: string;
  files: Record<string, AirflowFile>;
  attribute_map: { checked: number; mismatches: string[] };
}

type Expectation = 'equal' | { unevaluable: string };

function runAirflow(python: string, files: string[]): DagRun {
  const home = mkdtempSync(join(tmpdir(), 'kubetasks-airflow-dags-'));
  try {
    const run = spawnSync(python, [join(repoRoot, 'test/conformance/dag_driver.py')], {
      input: JSON.stringify({ files, attribute_map: join(repoRoot, 'src/dags/k8s-attribute-map.json') }),
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, AIRFLOW_HOME: home, PYTHONDONTWRITEBYTECODE: '1' },
    });
    if (run.status !== 0) throw new Error(`dag_driver.py exited ${run.status ?? run.signal}:\n${run.stderr.slice(-4000)}`);
    return JSON.parse(run.stdout) as DagRun;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** Notes that change what is rendered: any argument except Python-only ones (callbacks…), which are never rendered. */
function renderNotes(task: DagTask): string[] {
  const operator = task.kind;
  return task.unevaluated
    .filter((note) => !(isOperatorName(operator) && findParam(operator, note.name)?.pythonOnly))
    .map((note) => `${note.name} (${note.line}:${note.column}): ${note.reason}`);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

interface Tally {
  passed: number;
  failed: number;
  unevaluable: number;
  equal: number;
  report: string[];
}

async function judgeEqual(file: string, ours: DagTask, airflow: AirflowTask, result: JudgeResult | undefined): Promise<string[]> {
  const problems: string[] = [];
  const notes = renderNotes(ours);
  if (notes.length > 0) problems.push('  expected equal, but the scan could not evaluate:', ...notes.map((n) => `    ${n}`));
  if (!sameList(ours.upstream, airflow.upstream)) problems.push(`  upstream: Airflow [${airflow.upstream}] ours [${ours.upstream}]`);
  if (!sameList(ours.downstream, airflow.downstream)) problems.push(`  downstream: Airflow [${airflow.downstream}] ours [${ours.downstream}]`);
  if (!result) return [...problems, '  harness: no Airflow render for this task'];
  const kase = { id: result.id, file, task_id: airflow.task_id, operator: airflow.operator, kwargs: {} };
  return [...problems, ...(await judgeCase(kase, result, cliRenderer(['--in-cluster'])))];
}

function record(tally: Tally, label: string, problems: string[], unevaluable = false): void {
  if (problems.length === 0) {
    tally.passed++;
    if (unevaluable) tally.unevaluable++;
    else tally.equal++;
  } else {
    tally.failed++;
    tally.report.push(`FAIL ${label}`, ...problems);
  }
}

async function judgeFile(file: string, airflowFile: AirflowFile, expectations: Record<string, Expectation>, tally: Tally): Promise<void> {
  const name = basename(file);
  for (const [path, error] of Object.entries(airflowFile.import_errors)) record(tally, `${name}: Airflow import`, [`  ${path}: ${error}`]);
  const scan = scanDag(await loadPythonParser(), readFileSync(file, 'utf8'), { file });
  const kubernetesTasks = airflowFile.tasks.filter((t) => t.kubernetes);
  // driver.judge ids are `<file>#<dag_id>#<task_id>`.
  const results = new Map(airflowFile.results.map((r) => [r.id.slice(file.length + 1), r]));
  const matched = new Set<DagTask>();
  for (const airflow of kubernetesTasks) {
    const label = `${name}#${airflow.task_id}`;
    const ours = scan.tasks.find((t) => t.reached && t.taskId === airflow.task_id && t.dagId === airflow.dag_id);
    if (!ours) {
      record(tally, label, [`  dropped: Airflow has ${airflow.operator} ${airflow.dag_id}.${airflow.task_id}; the scan did not find it`]);
      continue;
    }
    matched.add(ours);
    const expectation = expectations[airflow.task_id];
    if (expectation === undefined) record(tally, label, ['  no committed expectation in dags/expectations.yaml']);
    else if (expectation === 'equal') {
      record(tally, label, await judgeEqual(file, ours, airflow, results.get(`${airflow.dag_id}#${airflow.task_id}`)));
    }
    else record(tally, label, renderNotes(ours).length > 0 ? [] : ['  marked unevaluable, but the scan evaluated every argument: update the expectation'], true);
  }
  for (const ours of scan.tasks.filter((t) => !matched.has(t))) {
    const label = `${name}#${ours.taskId ?? `${ours.range.start.line}:${ours.range.start.column}`}`;
    // Code the scan could not follow (or a branch not taken) is listed with its reason; Airflow has no such task.
    if (!ours.reached && ours.unevaluated.length > 0) tally.report.push(`note ${label}: ${ours.unevaluated[0]?.reason}`);
    else record(tally, label, ['  the scan reports a task Airflow does not have']);
  }
}

async function main(): Promise<void> {
  const only = process.argv.indexOf('--file') > 0 ? process.argv[process.argv.indexOf('--file') + 1] : undefined;
  const files = DAG_DIRS.flatMap((dir) =>
    readdirSync(dir).filter((f) => f.endsWith('.py') && (!only || f === only)).sort().map((f) => join(dir, f)),
  );
  const expectations = parse(readFileSync(join(dagsDir, 'expectations.yaml'), 'utf8')) as Record<string, Record<string, Expectation>>;
  const run = runAirflow(provisionAirflow(repoRoot), files);
  console.log(`# apache-airflow ${run.airflow}, provider ${run.provider}, kubernetes client ${run.kubernetes}`);
  const tally: Tally = { passed: 0, failed: 0, unevaluable: 0, equal: 0, report: [] };
  record(tally, 'k8s attribute map', run.attribute_map.mismatches.map((m) => `  ${m}`));
  for (const file of files) {
    const airflowFile = run.files[file];
    if (!airflowFile) record(tally, basename(file), ['  harness: no Airflow result for the file']);
    else await judgeFile(file, airflowFile, expectations[basename(file)] ?? {}, tally);
  }
  for (const line of tally.report) console.log(line);
  const calls = tally.equal + tally.unevaluable + tally.failed;
  const share = calls === 0 ? 0 : tally.equal / calls;
  console.log(`${tally.unevaluable} unevaluable call(s), listed with their reasons in docs/FIDELITY-DAGS.md`);
  if (share < MIN_EQUAL) console.log(`FAIL only ${(share * 100).toFixed(1)}% of the calls are equal (need ≥ ${MIN_EQUAL * 100}%)`);
  console.log(`dags: ${tally.passed} passed, ${tally.failed} failed (${tally.unevaluable} unevaluable, ${(share * 100).toFixed(1)}% equal)`);
  process.exitCode = tally.failed > 0 || share < MIN_EQUAL ? 1 : 0;
}

void main().catch((error: unknown) => {
  console.error(error);
  console.log('dags: 0 passed, 1 failed');
  process.exitCode = 1;
});
