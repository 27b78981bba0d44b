// `npm test`: provision what the suites need (cached under ~/.cache/kubetasks/), build, then run every suite in
// order. Each suite prints its own closing `N passed, N failed` line; this runner collects them, prints how long
// each phase took (the cold-machine budget of CI is 90 minutes), and fails when any suite fails or cannot start.
// Usage: node scripts/test.mjs [phase ...]   (default: all phases, in the order below)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '..');

function findTests(dirs) {
  const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(full);
    return e.name.endsWith('.test.ts') ? [path.relative(repo, full)] : [];
  });
  return dirs.filter((d) => fs.existsSync(path.join(repo, d))).flatMap((d) => walk(path.join(repo, d))).sort();
}

/** node:test over an explicit file list (Node 20 expands no globs): spec to the terminal, TAP to a file for the count. */
function unitPhase() {
  const tap = path.join(os.tmpdir(), `kubetasks-unit-${process.pid}.tap`);
  const files = findTests(['src', 'scripts', 'test/conformance']);
  return {
    cmd: 'node',
    args: ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
    summarise() {
      const text = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
      fs.rmSync(tap, { force: true });
      const count = (key) => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
      const passed = count('pass');
      // A skipped or todo test is a failure: a suite proves only what it ran (issue 9, test hygiene).
      const failed = count('fail') + (count('cancelled') || 0) + (count('skipped') || 0) + (count('todo') || 0);
      return Number.isNaN(passed) ? undefined : { passed, failed };
    },
  };
}

const PHASES = {
  provision: { cmd: 'bash', args: ['scripts/provision-vscode-host.sh'], counted: false },
  build: { cmd: 'node', args: ['esbuild.mjs'], counted: false },
  static: { cmd: 'node', args: ['scripts/static-checks.mjs'] },
  unit: unitPhase(),
  // The real Airflow provider (venv cached under ~/.cache/kubetasks/airflow-<version>) judges every render.
  conformance: { cmd: 'node', args: ['--import', 'tsx', 'test/conformance/run.ts'] },
  // Jinja templating judged by Airflow's own render_template_fields on Airflow 3.3.2 and 2.11.2 (issue 17).
  jinja: { cmd: 'node', args: ['--import', 'tsx', 'test/conformance/jinja/run-jinja.ts'] },
  // DAG files: our static extraction + render against Airflow's DagBag import of the same files.
  dags: { cmd: 'node', args: ['--import', 'tsx', 'test/conformance/run-dags.ts'] },
  // The launch lifecycle (src/tasks) against the real KubernetesPodOperator.execute on scripted pod timelines.
  launch: { cmd: 'node', args: ['--import', 'tsx', 'test/conformance/launch-judge.ts'] },
  // One test cluster (etcd, kube-apiserver, controller-manager, scheduler, kwok's node and a real kubelet node,
  // built from Go modules) serves every phase between cluster-up and cluster-down; down checks the host is as it was.
  'cluster-up': { cmd: 'bash', args: ['test/harness/k8s/run-suite.sh', 'up'], counted: false },
  cluster: { cmd: 'bash', args: ['test/harness/k8s/run-suite.sh', 'tests'] },
  // A real Airflow 3.3.2 and 2.11.2 (pinned venvs, loopback, SQLite) trigger the REST article's DAG with a conf; its
  // KubernetesPodOperator runs on the shared cluster's real node; our client and our preview are judged (issue 16).
  airflow: { cmd: 'node', args: ['--import', 'tsx', 'test/airflow/run-airflow.ts'] },
  host: { cmd: 'node', args: ['test/host/run.mjs'] },
  // keep last: stops the cluster; "host-restored: 1 passed" when the host is as it was before cluster-up
  'cluster-down': { cmd: 'bash', args: ['test/harness/k8s/run-suite.sh', 'down'] },
};

function run(name, phase) {
  return new Promise((resolve) => {
    let last;
    const child = spawn(phase.cmd, phase.args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    const watch = (stream, sink) => {
      let buffer = '';
      stream.on('data', (chunk) => {
        sink.write(chunk);
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          const m = /^(?:[\w-]+: )?(\d+) passed, (\d+) failed/.exec(line.trim());
          if (m) last = { passed: Number(m[1]), failed: Number(m[2]) };
        }
      });
    };
    watch(child.stdout, process.stdout);
    watch(child.stderr, process.stderr);
    child.on('error', (error) => resolve({ code: 127, counts: undefined, error }));
    child.on('close', (code) => resolve({ code: code ?? 1, counts: phase.summarise?.() ?? last }));
  });
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(w in PHASES));
if (unknown.length > 0) {
  console.error(`test: unknown phase ${unknown.join(', ')}; phases: ${Object.keys(PHASES).join(', ')}`);
  process.exit(2);
}
// cluster-up and cluster-down come with any phase that uses the cluster (cluster-down must stay the last phase)
const CLUSTER_USERS = ['cluster', 'host', 'airflow'];
const withCluster = (name) => ['cluster-up', 'cluster-down'].includes(name) && wanted.some((w) => CLUSTER_USERS.includes(w));
const selected = Object.entries(PHASES).filter(([name]) => wanted.length === 0 || wanted.includes(name) || withCluster(name));
const rows = [];
const t0 = Date.now();
for (const [name, phase] of selected) {
  console.log(`\n=== ${name}: ${phase.cmd} ${phase.args.slice(0, 6).join(' ')}${phase.args.length > 6 ? ' …' : ''}`);
  const started = Date.now();
  const { code, counts, error } = await run(name, phase);
  const seconds = (Date.now() - started) / 1000;
  if (error) console.error(`${name}: could not start: ${error.message}`);
  let ok = code === 0;
  if (phase.counted !== false) {
    // A counted suite must report its count: a silent suite is a failure, never a pass.
    if (!counts) console.error(`${name}: no "N passed, N failed" line: counted as failed`);
    ok = ok && !!counts && counts.failed === 0 && counts.passed > 0;
    console.log(`${name}: ${counts?.passed ?? 0} passed, ${counts?.failed ?? (ok ? 0 : 1)} failed`);
  }
  rows.push({ name, ok, seconds, counts });
  console.log(`[time] ${name}: ${seconds.toFixed(1)} s (${ok ? 'ok' : 'FAILED'})`);
  if (!ok && ['provision', 'build'].includes(name)) break;
}

console.log('\n=== summary');
for (const r of rows) {
  const c = r.counts ? `${r.counts.passed} passed, ${r.counts.failed} failed` : '';
  console.log(`${r.ok ? 'ok    ' : 'FAILED'} ${r.name.padEnd(12)} ${r.seconds.toFixed(1).padStart(7)} s  ${c}`);
}
const passed = rows.reduce((n, r) => n + (r.counts?.passed ?? 0), 0);
const failed = rows.reduce((n, r) => n + (r.counts?.failed ?? (r.ok ? 0 : 1)), 0);
const allOk = rows.length === selected.length && rows.every((r) => r.ok);
console.log(`[time] total: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`total: ${passed} passed, ${allOk ? failed : Math.max(failed, 1)} failed`);
process.exitCode = allOk ? 0 : 1;
