/**
 * bench/dags (issue 6): scan a generated 2,000-line DAG file with 200 Kubernetes operator calls, warm, and compare it
 * with Airflow's own DagBag import of the same file in the same run (test/conformance/dag_driver.py in the pinned
 * venv). Parser initialisation (wasm runtime + grammar) is measured on its own. Goal: ≤ 50 ms for the scan.
 *
 *   node --import tsx bench/dags.ts            (also run by `npm run bench`)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readGrammarBytes } from '../src/edge/index.js';
import { createPythonParser, scanDag } from '../src/dags/index.js';
import { provisionAirflow } from '../test/conformance/airflow-judge.js';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const CALLS = 200;
const GOAL_MS = 50;

/** A realistic DAG: shared objects up top, then 200 pod/job calls of 10 lines each, with dependencies. */
export function generateDag(calls: number): string {
  const head = [
    'from airflow import DAG',
    'from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator',
    'from airflow.providers.cncf.kubernetes.operators.job import KubernetesJobOperator',
    'from airflow.providers.cncf.kubernetes.secret import Secret',
    'from kubernetes.client import models as k8s',
    '',
    'IMAGE = "ghcr.io/example/worker"',
    'SECRET = Secret("env", "DB_URL", "db", "url")',
    'VOLUME = k8s.V1Volume(name="data", empty_dir=k8s.V1EmptyDirVolumeSource())',
    'MOUNT = k8s.V1VolumeMount(name="data", mount_path="/data")',
    'DEFAULTS = {"namespace": "bench", "retries": 1, "get_logs": True}',
    '',
    'with DAG(dag_id="bench_dag", default_args=DEFAULTS, schedule=None, catchup=False):',
  ];
  const body: string[] = [];
  for (let i = 0; i < calls; i++) {
    const operator = i % 4 === 3 ? 'KubernetesJobOperator' : 'KubernetesPodOperator';
    body.push(
      `    t${i} = ${operator}(`,
      `        task_id="task_${i}",`,
      `        name=f"task-{${i}}",`,
      `        image=IMAGE + ":${i % 7}",`,
      `        cmds=["python", "-m", "job", "--part", "${i}"],`,
      `        env_vars={"PART": "${i}", "DATE": "{{ ds }}"},`,
      `        secrets=[SECRET], volumes=[VOLUME], volume_mounts=[MOUNT],`,
      `        container_resources=k8s.V1ResourceRequirements(requests={"cpu": "${(i % 4) + 1}00m"}),`,
      '    )',
      i > 0 ? `    t${i - 1} >> t${i}` : '    pass',
    );
  }
  return [...head, ...body, ''].join('\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Parser initialisation, then the warm scan time (median of 20 after 5 warm-up scans). */
async function measureScan(text: string): Promise<{ initMs: number; scanMs: number; parseMs: number; tasks: number }> {
  const bytes = readGrammarBytes();
  const initStarted = performance.now();
  const parser = await createPythonParser(bytes);
  const initMs = performance.now() - initStarted;
  let tasks = 0;
  for (let i = 0; i < 5; i++) tasks = scanDag(parser, text).tasks.length; // warm-up (JIT, wasm)
  const scans: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    scanDag(parser, text);
    scans.push(performance.now() - started);
  }
  // The tree-sitter parse alone, to show how the scan splits into parsing and evaluation.
  const parses: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    parser.parse(text)?.delete();
    parses.push(performance.now() - started);
  }
  return { initMs, scanMs: median(scans), parseMs: median(parses), tasks };
}

async function main(): Promise<void> {
  const text = generateDag(CALLS);
  const lines = text.split('\n').length;
  const { initMs, scanMs, parseMs, tasks } = await measureScan(text);

  const dir = mkdtempSync(join(tmpdir(), 'kubetasks-bench-dags-'));
  try {
    const file = join(dir, 'bench_dag.py');
    writeFileSync(file, text);
    const python = provisionAirflow(repoRoot);
    const run = spawnSync(python, [join(repoRoot, 'test/conformance/dag_driver.py')], {
      input: JSON.stringify({ files: [], time_import: file, repeat: 3 }),
      encoding: 'utf8',
      env: { ...process.env, AIRFLOW_HOME: dir, PYTHONDONTWRITEBYTECODE: '1' },
    });
    if (run.status !== 0) throw new Error(`dag_driver.py failed:\n${run.stderr.slice(-2000)}`);
    const importMs = median((JSON.parse(run.stdout) as { import_ms: number[] }).import_ms);
    const perCall = (ms: number): string => `${((ms * 1000) / CALLS).toFixed(0)} µs/call`;
    console.log(`file: ${lines} lines, ${tasks} operator calls found (of ${CALLS})`);
    console.log(`parser init (wasm runtime + grammar, once per process): ${initMs.toFixed(1)} ms`);
    console.log(`scan, warm (median of 20): ${scanMs.toFixed(1)} ms (${perCall(scanMs)}); goal ≤ ${GOAL_MS} ms: ${scanMs <= GOAL_MS ? 'met' : 'NOT met'}`);
    console.log(`  of which the tree-sitter parse alone (median of 20): ${parseMs.toFixed(1)} ms`);
    console.log(`Airflow DagBag import (median of 3): ${importMs.toFixed(1)} ms (${perCall(importMs)})`);
    console.log(`ratio: Airflow import / our warm scan = ${(importMs / scanMs).toFixed(1)}x; / (init + scan) = ${(importMs / (initMs + scanMs)).toFixed(1)}x`);
    if (tasks !== CALLS) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Run when executed (npm run bench); importing the module only gets generateDag.
if (require.main === module) void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
