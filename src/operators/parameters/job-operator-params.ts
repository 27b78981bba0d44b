/**
 * `KubernetesJobOperator`, `KubernetesDeleteJobOperator`, `KubernetesPatchJobOperator` (operators/job.py) and the
 * Kueue operators (operators/kueue.py), provider 10.25.0.
 */
import { p, optionalBool, optionalInt, optionalStr, type ParamSpec } from './param-spec.js';

export const jobOperatorParams: readonly ParamSpec[] = [
  p('job_template_file', 'str | None', optionalStr, null, true, 'Job template YAML, relative to the task file.'),
  p('full_job_spec', 'V1Job | None', ['model', 'null'], null, false, 'A whole Job, layered over the template.', { model: 'V1Job' }),
  p('backoff_limit', 'int | None', optionalInt, null, false, 'spec.backoffLimit.'),
  p('completion_mode', 'str | None', optionalStr, null, false, 'spec.completionMode: NonIndexed or Indexed.'),
  p('completions', 'int | None', optionalInt, null, false, 'spec.completions.'),
  p('manual_selector', 'bool | None', optionalBool, null, false, 'spec.manualSelector.'),
  p('parallelism', 'int', ['int', 'null'], 1, false, 'spec.parallelism (≥1 when waiting).'),
  p('selector', 'V1LabelSelector | None', ['model', 'null'], null, false, 'spec.selector.', { model: 'V1LabelSelector' }),
  p('suspend', 'bool | None', optionalBool, null, false, 'spec.suspend.'),
  p('ttl_seconds_after_finished', 'int | None', optionalInt, null, false, 'spec.ttlSecondsAfterFinished.'),
  p('wait_until_job_complete', 'bool', ['bool'], false, false, 'Wait for the Job to finish.'),
  p('job_poll_interval', 'float', ['number'], 10, false, 'Seconds between Job status polls.'),
  p('on_kill_propagation_policy', 'Literal["Foreground", "Background", "Orphan"]', ['str'], 'Foreground', false, 'Deletion propagation when killed.'),
  p('discover_pods_retry_number', 'int', ['int'], 3, false, 'Pod discovery attempts.'),
  p('unwrap_single', 'bool', ['bool'], true, false, 'Return a single XCom result unwrapped.'),
];

const connectionParams: readonly ParamSpec[] = [
  p('kubernetes_conn_id', 'str | None', optionalStr, 'kubernetes_default', true, 'Airflow connection to the cluster.'),
  p('config_file', 'str | None', optionalStr, null, true, 'Path to a kubeconfig.'),
  p('in_cluster', 'bool | None', optionalBool, null, false, 'Use the in-cluster configuration.'),
  p('cluster_context', 'str | None', optionalStr, null, true, 'kubeconfig context.'),
];

export const deleteJobParams: readonly ParamSpec[] = [
  p('name', 'str', ['str'], null, true, 'Job to delete (required).'),
  p('namespace', 'str', ['str'], null, true, 'Its namespace (required).'),
  ...connectionParams,
  p('delete_on_status', 'str | None', optionalStr, null, false, 'Delete only when Complete or Failed; always when None.'),
  p('wait_for_completion', 'bool', ['bool'], false, false, 'Wait for the Job to finish first.'),
  p('poll_interval', 'float', ['number'], 10, false, 'Seconds between status polls.'),
];

export const patchJobParams: readonly ParamSpec[] = [
  p('name', 'str', ['str'], null, true, 'Job to patch (required).'),
  p('namespace', 'str', ['str'], null, true, 'Its namespace (required).'),
  p('body', 'object', ['any'], null, true, 'The patch, e.g. {spec: {suspend: false}} (required).'),
  ...connectionParams,
];

export const startKueueJobParams: readonly ParamSpec[] = [
  p('queue_name', 'str', ['str'], null, true, 'Kueue LocalQueue (required); set as label and annotation.'),
];

export const installKueueParams: readonly ParamSpec[] = [
  p('kueue_version', 'str', ['str'], null, true, 'Kueue release, e.g. v0.9.1 (required).'),
  p('kubernetes_conn_id', 'str', ['str'], 'kubernetes_default', true, 'Airflow connection to the cluster.'),
];

/** Parameters with no default: Python raises TypeError when they are missing. */
export const requiredParams: Readonly<Record<string, readonly string[]>> = {
  KubernetesDeleteJobOperator: ['name', 'namespace'],
  KubernetesPatchJobOperator: ['name', 'namespace', 'body'],
  KubernetesStartKueueJobOperator: ['queue_name'],
  KubernetesInstallKueueOperator: ['kueue_version'],
};
