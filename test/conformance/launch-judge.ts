/**
 * Launch judge: the real `KubernetesPodOperator.execute` (provider 10.25.0, `launch_driver.py`, fake clock) and our
 * `LaunchMachine` run the same scripted pod timelines; the cleanup calls (patch `already_checked`, delete) and the
 * outcome (success, the skip, the exception and its message, the XCom) must agree. The sidecar execs answer scripted
 * output; log streams need a kubelet, so the cases run with `get_logs=False` (the cluster suite covers logs).
 *
 *   node --import tsx test/conformance/launch-judge.ts      # last line: launch: N passed, N failed
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { LaunchMachine, toLaunchOptions, type LaunchDecision, type LaunchEvent, type LaunchOutcome, type PodShape } from '../../src/tasks/index.js';
import { provisionAirflow } from './airflow-judge.js';
import { launchCases, type LaunchCase } from './launch-cases.js';

type Call = [string, unknown];

interface PyResult {
  id: string;
  calls?: Call[];
  outcome?: { type: string; message: string; context: string | null; context_type?: string | null; xcom: unknown };
  pod_name?: string | null;
  harness_error?: string;
}

function podAt(c: LaunchCase, seconds: number): PodShape {
  const entries = c.timeline.filter((e) => e.at <= seconds);
  const last = entries[entries.length - 1] ?? c.timeline[0];
  if (!last) throw new Error(`${c.id}: empty timeline`);
  return last.pod;
}

/** The fake port's answer to one decision (recorded in `calls` as the driver's API calls are). */
function answer(c: LaunchCase, d: LaunchDecision, atSeconds: number, calls: Call[]): LaunchEvent | undefined {
  switch (d.kind) {
    case 'list-pods':
      return { type: 'pods-listed', pods: [podAt(c, atSeconds)] };
    case 'create-pod':
      calls.push(['create', null]);
      return { type: 'pod-created', pod: podAt(c, atSeconds) };
    case 'patch-pod':
      calls.push(['patch', d.patch.metadata.labels]);
      return { type: 'api-done', id: d.id };
    case 'delete-pod':
      calls.push(['delete', d.gracePeriodSeconds ?? null]);
      return { type: 'api-done', id: d.id };
    case 'exec': {
      const kind = d.id === 'xcom-read' ? 'read' : d.id === 'xcom-kill' ? 'kill' : 'kill-fallback';
      calls.push(['exec', kind]);
      const x = c.xcom ?? {};
      const stderr = (kind === 'read' ? x.stderr : kind === 'kill' ? x.kill_stderr : x['kill-fallback_stderr']) ?? '';
      return { type: 'exec-done', id: d.id, result: { exitCode: kind === 'read' ? 0 : 130, stdout: kind === 'read' ? (x.stdout ?? '') : '', stderr } };
    }
    case 'follow-logs':
      throw new Error(`${c.id}: the judge has no kubelet for logs`);
    default:
      return undefined;
  }
}

/** Our side: the machine fed the timeline, every API call answered at once, ticks at its own wake times. */
export function simulate(c: LaunchCase): { calls: Call[]; outcome: LaunchOutcome | undefined } {
  let nowMs = 0;
  const calls: Call[] = [];
  const first = podAt(c, 0);
  const body = { apiVersion: 'v1', kind: 'Pod', metadata: first.metadata, spec: first.spec } as Record<string, unknown>;
  const machine = new LaunchMachine({ body, taskId: 't', context: { dag_id: 'd', run_id: 'r', try_number: 1, map_index: -1 }, options: toLaunchOptions(c.kwargs), clock: () => nowMs, existingRun: c.existing === true, follow: true });
  const queue: LaunchEvent[] = [];
  const carry = (decisions: LaunchDecision[]): void => {
    for (const d of decisions) {
      const event = answer(c, d, nowMs / 1000, calls);
      if (event) queue.push(event);
    }
  };
  carry(machine.start());
  const times = c.timeline.map((e) => e.at * 1000);
  const cancelMs = c.cancelAt === undefined ? undefined : c.cancelAt * 1000;
  while (machine.outcome === undefined && nowMs <= (c.limit ?? 3600) * 1000) {
    const event = queue.shift();
    if (event) {
      carry(machine.handle(event));
      continue;
    }
    const nextPod = times.find((t) => t > nowMs);
    const cancel = cancelMs !== undefined && cancelMs > nowMs ? cancelMs : undefined;
    const next = Math.min(nextPod ?? Infinity, machine.nextWakeMs() ?? Infinity, cancel ?? Infinity);
    if (!Number.isFinite(next)) break;
    nowMs = next;
    const timed: LaunchEvent = next === cancel ? { type: 'cancel' } : nextPod === next ? { type: 'pod', pod: podAt(c, next / 1000) } : { type: 'tick' };
    carry(machine.handle(timed));
  }
  return { calls, outcome: machine.outcome };
}

/** What Airflow ended with, in our outcome's terms (its messages name the pod it built; ours the one created). */
function expected(py: PyResult, ourName: string): { outcome: string; message: string; xcom?: unknown } | undefined {
  if (!py.outcome) return undefined;
  const rename = (text: string | null) => (text && py.pod_name ? text.split(py.pod_name).join(ourName) : text);
  const { type, message, context } = py.outcome;
  if (type === 'success') return { outcome: 'success', message: '', xcom: py.outcome.xcom ?? null };
  if (type === 'TaskCancelled') return { outcome: 'cancelled', message: 'Cancelled: on_kill ran (no cleanup afterwards).' };
  if (type === 'AirflowSkipException') return { outcome: 'skipped', message: rename(message) ?? '' };
  // JSON errors are worded by each parser (Python's json, V8's JSON.parse): only the exception is compared.
  const first = py.outcome.context_type === 'JSONDecodeError' ? 'JSONDecodeError' : rename(context);
  return { outcome: 'failed', message: [first, rename(message)].filter(Boolean).join('\n') };
}

function runDriver(python: string, repoRoot: string): PyResult[] {
  const home = mkdtempSync(join(tmpdir(), 'kubetasks-launch-judge-'));
  try {
    const input = JSON.stringify(launchCases.map((c) => ({ id: c.id, kwargs: c.kwargs, context: { dag_id: 'd', run_id: 'r' }, timeline: c.timeline, limit: c.limit ?? 3600, existing: c.existing === true, xcom: c.xcom ?? null, cancelAt: c.cancelAt ?? null })));
    const run = spawnSync(python, [join(repoRoot, 'test/conformance/launch_driver.py')], {
      input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, cwd: join(repoRoot, 'test/conformance'),
      env: { ...process.env, AIRFLOW_HOME: home, PYTHONDONTWRITEBYTECODE: '1' },
    });
    if (run.status !== 0) throw new Error(`launch_driver.py exited ${run.status ?? run.signal}:\n${(run.stderr ?? '').slice(-4000)}`);
    return (JSON.parse(run.stdout) as { results: PyResult[] }).results;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function main(): number {
  const repoRoot = join(import.meta.dirname, '../..');
  const results = runDriver(provisionAirflow(repoRoot), repoRoot);
  let passed = 0;
  let failed = 0;
  for (const c of launchCases) {
    const py = results.find((r) => r.id === c.id);
    const ours = simulate(c);
    const name = ours.outcome?.objects[0]?.name ?? '';
    const want = py ? expected(py, name) : undefined;
    const success = want?.outcome === 'success';
    const message = success ? '' : (ours.outcome?.message ?? '').replace(/^JSONDecodeError: [^\n]*/, 'JSONDecodeError');
    const got = ours.outcome ? { outcome: ours.outcome.outcome, message, ...(success ? { xcom: ours.outcome.xcom } : {}) } : undefined;
    const same = py?.harness_error === undefined && want !== undefined && isDeepStrictEqual(py?.calls, ours.calls) && isDeepStrictEqual(want, got);
    if (same) passed++;
    else {
      failed++;
      console.log(`FAIL ${c.id}\n  airflow: ${JSON.stringify(py?.harness_error ?? { calls: py?.calls, ...want })}\n  ours:    ${JSON.stringify({ calls: ours.calls, ...got })}`);
    }
  }
  console.log(`launch: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

process.exitCode = main();
