/**
 * The KubernetesJobOperator arguments that steer `execute` beyond the Job body (operators/job.py and operators/kueue.py,
 * provider 10.25.0), with `__init__`'s defaults. Every KubernetesPodOperator argument applies too (`LaunchOptions`).
 * Read after `renderTask` accepted the task, so types are already checked; anything else falls back to the default.
 */
import { toLaunchOptions, type LaunchOptions } from './launch-options.js';

export type PropagationPolicy = 'Foreground' | 'Background' | 'Orphan';

export interface JobLaunchOptions extends LaunchOptions {
  waitUntilJobComplete: boolean;
  /** `parallelism`, None → 1 (the deprecation default of execute). */
  parallelism: number;
  /** `job_poll_interval` (seconds): shown only, the Job is watched (docs/FIDELITY.md). */
  jobPollInterval: number;
  onKillPropagationPolicy: PropagationPolicy;
  /** `discover_pods_retry_number`: shown only, pods are watched as they appear (docs/FIDELITY.md). */
  discoverPodsRetryNumber: number;
  unwrapSingle: boolean;
  /** KubernetesStartKueueJobOperator: `queue_name` (the label Kueue reads), else undefined. */
  queueName: string | undefined;
}

type Params = Readonly<Record<string, unknown>>;

const policies: readonly PropagationPolicy[] = ['Foreground', 'Background', 'Orphan'];
const queueLabel = 'kueue.x-k8s.io/queue-name';

function num(params: Params, key: string, fallback: number): number {
  const value = params[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** The lifecycle arguments of a KubernetesJobOperator (or KubernetesStartKueueJobOperator) call. */
export function toJobLaunchOptions(params: Params, kueue: boolean): JobLaunchOptions {
  const base = toLaunchOptions(params);
  const queue = typeof params['queue_name'] === 'string' ? params['queue_name'] : undefined;
  const policy = params['on_kill_propagation_policy'];
  return {
    ...base,
    // `__init__` of the Kueue operator adds the queue label to `self.labels`, so the pod selector carries it too.
    labels: kueue && queue !== undefined ? { ...base.labels, [queueLabel]: queue } : base.labels,
    waitUntilJobComplete: params['wait_until_job_complete'] === true,
    parallelism: num(params, 'parallelism', 1),
    jobPollInterval: num(params, 'job_poll_interval', 10),
    onKillPropagationPolicy: policies.find((p) => p === policy) ?? 'Foreground',
    discoverPodsRetryNumber: num(params, 'discover_pods_retry_number', 3),
    unwrapSingle: params['unwrap_single'] !== false,
    queueName: kueue ? queue : undefined,
  };
}
