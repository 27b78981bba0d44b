/**
 * bench/render (issue 3): rendering KubernetesPodOperator tasks, ours against Airflow's own code in the same run.
 * - In-process: `renderTask` per KPO task (warm) against `KubernetesPodOperator.build_pod_request_obj()` in the
 *   pinned venv (operators constructed outside the timer, one fresh operator per build since a build mutates it).
 * - Whole process: `node dist/cli.js render <task> --format airflow` against `python -c '…dry_run()'`.
 * Goals: ≥50× in-process, ≥20× whole-process. Falling short is printed, not hidden.
 *
 *   node --import tsx bench/render.ts            (also run by `npm run bench`)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTaskFile, renderTask, seededRandom, type TaskSpec } from '../src/operators/index.js';
import { provisionAirflow } from '../test/conformance/airflow-judge.js';
import { readTaskFile } from '../test/conformance/task-cases.js';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const TASK_FILES = ['examples/dry-run-demo.task.yaml', 'examples/secrets-volumes-affinity.task.yaml', 'examples/write-xcom.task.yaml'];
const ITERATIONS = 500;
const PROCESS_RUNS = 5;

const airflowEnvironment = String.raw`
import json, os, sys, tempfile, time, warnings
home = tempfile.mkdtemp(prefix="kubetasks-bench-")
os.environ["AIRFLOW_HOME"] = home
kubeconfig = os.path.join(home, "kubeconfig")
with open(kubeconfig, "w") as stream:
    stream.write("apiVersion: v1\nkind: Config\nclusters: [{name: b, cluster: {server: 'https://127.0.0.1:9'}}]\n"
                 "users: [{name: b, user: {token: b}}]\ncontexts: [{name: b, context: {cluster: b, user: b}}]\ncurrent-context: b\n")
os.environ["KUBECONFIG"] = kubeconfig
os.environ["AIRFLOW_CONN_KUBERNETES_DEFAULT"] = json.dumps({"conn_type": "kubernetes"})
os.environ["AIRFLOW__LOGGING__LOGGING_LEVEL"] = "CRITICAL"
warnings.simplefilter("ignore")
`;

const airflowInProcess = `${airflowEnvironment}
sys.path.insert(0, ${JSON.stringify(join(repoRoot, 'test/conformance'))})
from driver_convert import to_python_kwargs
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
cases, iterations = json.load(sys.stdin), int(sys.argv[1])
for c in cases:
    c["kwargs"].pop("in_cluster", None)  # in-cluster credentials do not exist here; the pod is the same without
def make():
    return [KubernetesPodOperator(task_id=c["task_id"], **to_python_kwargs(c["operator"], c["kwargs"])) for c in cases]
for op in make():
    op.build_pod_request_obj()  # warm-up: imports, first kubeconfig load
ops = [op for _ in range(iterations) for op in make()]
start = time.perf_counter()
for op in ops:
    op.build_pod_request_obj()
elapsed = time.perf_counter() - start
print(json.dumps({"perTaskMs": elapsed * 1000 / len(ops), "builds": len(ops)}))
`;

const airflowDryRun = `${airflowEnvironment}
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
KubernetesPodOperator(task_id="dry_run_demo", name="hello-dry-run", image="debian", cmds=["bash", "-cx"],
    arguments=["echo", "10"], labels={"foo": "bar"}, do_xcom_push=True).dry_run()
`;

function loadTasks(): TaskSpec[] {
  return TASK_FILES.flatMap((file) => {
    const parsed = parseTaskFile(readFileSync(join(repoRoot, file), 'utf8'), join(repoRoot, file));
    if (!parsed.ok) throw new Error(`${file}: ${parsed.problems[0]?.message}`);
    return parsed.value.tasks;
  });
}

function oursInProcess(tasks: TaskSpec[]): number {
  const random = seededRandom(42);
  const renderAll = () => {
    for (const task of tasks) {
      const result = renderTask(task, { format: 'api', random });
      if (!result.ok) throw new Error(`${task.taskId}: ${result.problems[0]?.message}`);
    }
  };
  for (let i = 0; i < 500; i++) renderAll(); // warm-up: let the JIT settle, as a long-lived editor or CLI run would
  const start = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i++) renderAll();
  return Number(process.hrtime.bigint() - start) / 1e6 / (ITERATIONS * tasks.length);
}

function theirsInProcess(python: string): number {
  const cases = TASK_FILES.flatMap((file) => readTaskFile(join(repoRoot, file), repoRoot));
  const run = spawnSync(python, ['-c', airflowInProcess, String(ITERATIONS)], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(`Airflow in-process bench failed:\n${run.stderr.slice(-2000)}`);
  const lines = run.stdout.trim().split('\n');
  return (JSON.parse(lines[lines.length - 1] ?? '{}') as { perTaskMs: number }).perTaskMs;
}

/** Median wall-clock milliseconds of `runs` runs of a command. */
function wallClock(command: string, args: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const run = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 << 20 });
    if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${run.stderr.slice(-2000)}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

function verdict(ratio: number, goal: number): string {
  return ratio >= goal ? `meets the ≥${goal}× goal` : `BELOW the ≥${goal}× goal`;
}

function main(): void {
  const python = provisionAirflow(repoRoot);
  const tasks = loadTasks();
  const ours = oursInProcess(tasks);
  const theirs = theirsInProcess(python);
  const inRatio = theirs / ours;
  console.log(`in-process, per KPO task (${tasks.length} tasks × ${ITERATIONS}):`);
  console.log(`  kubetasks renderTask              ${ours.toFixed(4)} ms`);
  console.log(`  airflow build_pod_request_obj()   ${theirs.toFixed(4)} ms`);
  console.log(`  ratio ${inRatio.toFixed(1)}× (${verdict(inRatio, 50)})`);
  const cli = join(repoRoot, 'dist/cli.js');
  if (!existsSync(cli)) spawnSync('node', ['esbuild.mjs', '--production'], { cwd: repoRoot, stdio: 'inherit' });
  const script = mkdtempSync(join(tmpdir(), 'kubetasks-bench-'));
  try {
    const runner = join(script, 'run-cli.cjs');
    const io = '{ stdout: process.stdout, stderr: process.stderr }';
    writeFileSync(runner, `require(${JSON.stringify(cli)}).main(process.argv.slice(2), ${io}).then((c) => { process.exitCode = c; });\n`);
    const oursProcess = wallClock('node', [runner, 'render', 'examples/dry-run-demo.task.yaml', '--format', 'airflow'], PROCESS_RUNS);
    const theirsProcess = wallClock(python, ['-c', airflowDryRun], PROCESS_RUNS);
    const processRatio = theirsProcess / oursProcess;
    console.log(`whole process, median of ${PROCESS_RUNS} (examples/dry-run-demo):`);
    console.log(`  node dist/cli.js render --format airflow   ${oursProcess.toFixed(0)} ms`);
    console.log(`  python -c '…dry_run()'                     ${theirsProcess.toFixed(0)} ms`);
    console.log(`  ratio ${processRatio.toFixed(1)}× (${verdict(processRatio, 20)})`);
  } finally {
    rmSync(script, { recursive: true, force: true });
  }
}

main();
