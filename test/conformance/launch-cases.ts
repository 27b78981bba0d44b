/**
 * Pod timelines for the launch judge: what the API answers from a time on (seconds of fake clock). Times are
 * multiples of the operator's 5 s start poll, so Airflow's polling and our event handling see the same states.
 */
import type { PodShape } from '../../src/tasks/index.js';
import { makePod, terminated, type FakePod } from '../../src/tasks/testing/fake-launch.js';

export interface LaunchCase {
  id: string;
  kwargs: Record<string, unknown>;
  timeline: { at: number; pod: PodShape }[];
  limit?: number;
  /** The run already has the timeline's pod: Airflow's reattach lookup (and our `--run-id`) finds it. */
  existing?: boolean;
  /** What the sidecar execs print: the read's stdout/stderr, and stderr of the kill (then of its fallback). */
  /** Kill the task at this second (Airflow: `on_kill`, then the runner interrupts `execute`). */
  cancelAt?: number;
  xcom?: { stdout?: string; stderr?: string; kill_stderr?: string; 'kill-fallback_stderr'?: string };
}

const pending: FakePod = { phase: 'Pending', scheduled: false, containers: { base: 'creating' } };
const scheduled: FakePod = { phase: 'Pending', scheduled: true, containers: { base: 'creating' } };
const running: FakePod = { phase: 'Running', containers: { base: 'running' } };

function run(end: FakePod, extra: Partial<Record<'containers', FakePod['containers']>> = {}): { at: number; pod: PodShape }[] {
  const containers = extra.containers;
  const withSpec = (p: FakePod) => makePod(containers ? { ...p, containers: { ...containers, ...p.containers } } : p);
  return [
    { at: 0, pod: makePod({ phase: 'Pending', scheduled: false, ...(containers ? { containers } : {}) }) },
    { at: 5, pod: withSpec(scheduled) },
    { at: 10, pod: withSpec(running) },
    { at: 20, pod: withSpec(end) },
  ];
}

const base = { image: 'alpine', get_logs: false };
const succeeded: FakePod = { phase: 'Succeeded', containers: { base: terminated(0) } };
const failedWith = (code: number, extra: { reason?: string; message?: string } = {}): FakePod => ({ phase: 'Failed', containers: { base: terminated(code, extra) } });

const sidecar = 'airflow-xcom-sidecar';
const xcomBase = { ...base, do_xcom_push: true };

/** A pod with the XCom sidecar: scheduled at 5 s, running at 10 s, the base container ended at 20 s. */
function xcomRun(end: FakePod['containers'], sidecarState: 'running' | ReturnType<typeof terminated> = 'running'): { at: number; pod: PodShape }[] {
  return [
    { at: 0, pod: makePod({ phase: 'Pending', scheduled: false, containers: { base: 'creating', [sidecar]: 'creating' } }) },
    { at: 5, pod: makePod({ phase: 'Pending', scheduled: true, containers: { base: 'creating', [sidecar]: 'creating' } }) },
    { at: 10, pod: makePod({ phase: 'Running', containers: { base: 'running', [sidecar]: 'running' } }) },
    { at: 20, pod: makePod({ phase: 'Running', containers: { ...end, [sidecar]: sidecarState } }) },
  ];
}

const cases: LaunchCase[] = [
  { id: 'cancel-running', kwargs: { ...base, termination_grace_period: 1 }, cancelAt: 15, timeline: run(succeeded) },
  { id: 'cancel-pending-default-grace', kwargs: base, cancelAt: 5, timeline: run(succeeded) },
  { id: 'cancel-keep-pod', kwargs: { ...base, on_kill_action: 'keep_pod' }, cancelAt: 15, timeline: run(succeeded) },
  { id: 'xcom-value', kwargs: xcomBase, timeline: xcomRun({ base: terminated(0) }), xcom: { stdout: '[1, 2, 3, 4]\n' } },
  { id: 'xcom-empty', kwargs: xcomBase, timeline: xcomRun({ base: terminated(0) }), xcom: { stdout: '__airflow_xcom_result_empty__\n' } },
  { id: 'xcom-nan', kwargs: xcomBase, timeline: xcomRun({ base: terminated(0) }), xcom: { stdout: '{"a": NaN}' } },
  { id: 'xcom-invalid-judges-creation-read', kwargs: { ...xcomBase, on_finish_action: 'delete_succeeded_pod' }, timeline: xcomRun({ base: terminated(0) }), xcom: { stdout: '{"a": ' } },
  { id: 'xcom-stderr-invalidates', kwargs: xcomBase, timeline: xcomRun({ base: terminated(0) }), xcom: { stdout: '[1]', stderr: 'warning\n' } },
  { id: 'xcom-kill-fallback', kwargs: xcomBase, timeline: xcomRun({ base: terminated(0) }), xcom: { stdout: '1', kill_stderr: 'pgrep: bad option' } },
  { id: 'xcom-base-failed', kwargs: xcomBase, timeline: xcomRun({ base: terminated(2, { message: 'bad input' }) }), xcom: { stdout: '__airflow_xcom_result_empty__' } },
  { id: 'xcom-skip', kwargs: { ...xcomBase, skip_on_exit_code: [2] }, timeline: xcomRun({ base: terminated(2) }), xcom: { stdout: '"x"' } },
  { id: 'xcom-sidecar-terminated', kwargs: xcomBase, timeline: xcomRun({ base: terminated(0) }, terminated(1)) },
  { id: 'reattach-running', kwargs: base, existing: true, timeline: [{ at: 0, pod: makePod(running) }, { at: 10, pod: makePod(succeeded) }] },
  { id: 'reattach-finished-deleted-then-rerun', kwargs: base, existing: true, timeline: [{ at: 0, pod: makePod(succeeded) }] },
  { id: 'reattach-finished-kept', kwargs: { ...base, on_finish_action: 'keep_pod' }, existing: true, timeline: [{ at: 0, pod: makePod(failedWith(4)) }] },
  { id: 'reattach-off-finished', kwargs: { ...base, reattach_on_restart: false, on_finish_action: 'keep_pod' }, timeline: [{ at: 0, pod: makePod(pending) }, { at: 10, pod: makePod(succeeded) }] },
  { id: 'success', kwargs: base, timeline: run(succeeded) },
  { id: 'failure-with-termination-message', kwargs: base, timeline: run(failedWith(3, { message: 'disk full' })) },
  { id: 'oom-killed', kwargs: base, timeline: run(failedWith(137, { reason: 'OOMKilled' })) },
  { id: 'skip-on-exit-code', kwargs: { ...base, skip_on_exit_code: 100 }, timeline: run(failedWith(100)) },
  { id: 'skip-on-exit-code-miss', kwargs: { ...base, skip_on_exit_code: [100, 102] }, timeline: run(failedWith(101)) },
  { id: 'skip-on-success', kwargs: { ...base, skip_on_exit_code: 0 }, timeline: run(succeeded) },
  { id: 'keep-pod-succeeded', kwargs: { ...base, on_finish_action: 'keep_pod' }, timeline: run(succeeded) },
  { id: 'keep-pod-failed', kwargs: { ...base, on_finish_action: 'keep_pod' }, timeline: run(failedWith(1)) },
  { id: 'delete-succeeded-pod-succeeded', kwargs: { ...base, on_finish_action: 'delete_succeeded_pod' }, timeline: run(succeeded) },
  { id: 'delete-succeeded-pod-failed', kwargs: { ...base, on_finish_action: 'delete_succeeded_pod' }, timeline: run(failedWith(1)) },
  { id: 'delete-active-pod-succeeded', kwargs: { ...base, on_finish_action: 'delete_active_pod' }, timeline: run(succeeded) },
  { id: 'delete-active-pod-failed', kwargs: { ...base, on_finish_action: 'delete_active_pod' }, timeline: run(failedWith(2)) },
  {
    id: 'istio-base-decides',
    kwargs: { ...base, on_finish_action: 'delete_succeeded_pod' },
    timeline: run({ phase: 'Running', containers: { base: terminated(0), 'istio-proxy': 'running' } }, { containers: { base: 'creating', 'istio-proxy': 'creating' } }),
  },
  {
    id: 'startup-timeout',
    kwargs: { ...base, startup_timeout_seconds: 20 },
    timeline: [{ at: 0, pod: makePod(pending) }, { at: 5, pod: makePod(scheduled) }],
  },
  {
    id: 'startup-timeout-delete-active-pod',
    kwargs: { ...base, startup_timeout_seconds: 20, on_finish_action: 'delete_active_pod' },
    timeline: [{ at: 0, pod: makePod(pending) }, { at: 5, pod: makePod(scheduled) }],
  },
  {
    id: 'schedule-timeout',
    kwargs: { ...base, startup_timeout_seconds: 60, schedule_timeout_seconds: 10 },
    timeline: [{ at: 0, pod: makePod(pending) }],
  },
  {
    id: 'fatal-image-error',
    kwargs: base,
    timeline: [{ at: 0, pod: makePod(pending) }, { at: 5, pod: makePod({ ...scheduled, containers: { base: { waiting: { reason: 'InvalidImageName', message: 'couldn\'t parse image name' } } } }) }],
  },
  {
    id: 'pull-error-not-transient',
    kwargs: { ...base, on_finish_action: 'keep_pod' },
    timeline: [{ at: 0, pod: makePod(pending) }, { at: 5, pod: makePod({ ...scheduled, containers: { base: { waiting: { reason: 'ErrImagePull', message: 'manifest unknown' } } } }) }],
  },
  {
    id: 'pull-error-transient-then-success',
    kwargs: base,
    timeline: [
      { at: 0, pod: makePod(pending) },
      { at: 5, pod: makePod({ ...scheduled, containers: { base: { waiting: { reason: 'ErrImagePull', message: 'toomanyrequests: rate limit exceeded' } } } }) },
      { at: 15, pod: makePod(running) },
      { at: 25, pod: makePod(succeeded) },
    ],
  },
  {
    id: 'failed-before-containers-started',
    kwargs: base,
    timeline: [{ at: 0, pod: makePod(pending) }, { at: 5, pod: makePod({ phase: 'Failed', scheduled: true }) }],
  },
];

/** `find_pod` logs the matched pod's `try_number` label, so every pod carries the labels Airflow put on it. */
export const launchCases: LaunchCase[] = cases.map((c) => ({
  ...c,
  timeline: c.timeline.map((e) => ({ at: e.at, pod: { ...e.pod, metadata: { ...e.pod.metadata, labels: { dag_id: 'd', task_id: 't', run_id: 'r', kubernetes_pod_operator: 'True', try_number: '1' } } } })),
}));
