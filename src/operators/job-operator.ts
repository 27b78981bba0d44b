/**
 * `KubernetesJobOperator` (operators/job.py, provider 10.25.0) and `KubernetesStartKueueJobOperator`
 * (operators/kueue.py): the Job body `build_job_request_obj` returns, with the KPO pod as its template.
 */
import { deserializeModel, makeModel } from './k8s-model.js';
import { addUniqueSuffix, createUniqueId, podNameMaxLength } from './naming.js';
import { OperatorError, withPath } from './operator-error.js';
import { attr, type PodOperatorState } from './pod-operator-init.js';
import { buildPodRequest, type BuildEnvironment } from './pod-operator.js';
import { KubeObject, isTruthy, pythonTypeName, type PyDict, type PyValue } from './py-value.js';
import { reconcileJobs } from './reconcile.js';
import { loadYaml11 } from './template-yaml.js';

const jobNamePrefix = 'job-';
const kueueQueueLabel = 'kueue.x-k8s.io/queue-name';

/** `KubernetesJobOperator.__init__` on top of the KPO state: parallelism defaults to 1. */
export function initJobOperator(state: PodOperatorState, kwargs: Record<string, PyValue>): PodOperatorState {
  state.attrs.parallelism = Object.hasOwn(kwargs, 'parallelism') ? (kwargs.parallelism ?? null) : 1;
  state.attrs.wait_until_job_complete = kwargs.wait_until_job_complete ?? false;
  return state;
}

/**
 * `KubernetesStartKueueJobOperator.__init__`: suspend must not be False (None becomes True), and the queue name is
 * added to the operator's labels and annotations, so it lands on the Job and on its pod template.
 */
export function initKueueJobOperator(state: PodOperatorState, info: (message: string) => void): PodOperatorState {
  const suspend = attr(state, 'suspend');
  if (suspend === false) {
    throw new OperatorError(
      'AirflowException',
      "The `suspend` parameter can't be False. If you want to use Kueue for running Job in a Kubernetes cluster, set the `suspend` parameter to True.",
      ['suspend'],
    );
  }
  if (suspend === null) {
    info('You have not set parameter `suspend` in class KubernetesStartKueueJobOperator. For running a Job in Kueue the `suspend` parameter has been set to True.');
    state.attrs.suspend = true;
  }
  const queue = attr(state, 'queue_name');
  state.attrs.labels = { ...(attr(state, 'labels') as PyDict), [kueueQueueLabel]: queue };
  state.attrs.annotations = { ...(attr(state, 'annotations') as PyDict), [kueueQueueLabel]: queue };
  return state;
}

/** The checks `KubernetesJobOperator.execute` makes before building. */
export function checkJobExecute(state: PodOperatorState, warn: (message: string, param: string) => void): void {
  const parallelism = attr(state, 'parallelism');
  const waits = isTruthy(attr(state, 'wait_until_job_complete'));
  if (!waits && (isTruthy(attr(state, 'get_logs') ?? true) || isTruthy(attr(state, 'do_xcom_push')))) {
    warn('Getting Logs and pushing to XCom are available only with parameter `wait_until_job_complete=True`. Please, set it up.', 'wait_until_job_complete');
  }
  if (parallelism === null) {
    warn('parallelism should be set explicitly. Defaulting to 1.', 'parallelism');
    state.attrs.parallelism = 1;
  } else if (waits && typeof parallelism === 'number' && parallelism < 1) {
    throw new OperatorError('AirflowException', 'parallelism cannot be less than 1 with `wait_until_job_complete=True`.', ['parallelism']);
  }
}

function jobTemplate(state: PodOperatorState, env: BuildEnvironment): KubeObject {
  const file = attr(state, 'job_template_file');
  const full = attr(state, 'full_job_spec');
  const fullJob = isTruthy(full) ? withPath(['full_job_spec'], () => requireJob(full)) : null;
  if (isTruthy(file)) {
    const text = env.readFile(String(file));
    if (text === undefined) env.warn(`Template file ${String(file)} does not exist`, ['job_template_file']);
    const template = withPath(['job_template_file'], () => deserializeModel(text === undefined ? null : loadYaml11(text), 'V1Job'));
    return fullJob ? withPath(['full_job_spec'], () => reconcileJobs(template, fullJob)) : template;
  }
  return fullJob ?? makeModel('V1Job', { metadata: makeModel('V1ObjectMeta') });
}

/** full_job_spec is used as a V1Job as is: reconcile_jobs reads `.spec` from it, which a dict does not have. */
function requireJob(value: PyValue): KubeObject {
  if (value instanceof KubeObject) return value;
  throw new OperatorError('AttributeError', `'${pythonTypeName(value).slice(8, -2)}' object has no attribute 'spec'`);
}

function operatorJob(state: PodOperatorState, pod: KubeObject): KubeObject {
  const template = makeModel('V1PodTemplateSpec', { metadata: pod.get('metadata'), spec: pod.get('spec') });
  const spec = makeModel('V1JobSpec', {
    active_deadline_seconds: attr(state, 'active_deadline_seconds'),
    backoff_limit: attr(state, 'backoff_limit'),
    completion_mode: attr(state, 'completion_mode'),
    completions: attr(state, 'completions'),
    manual_selector: attr(state, 'manual_selector'),
    parallelism: attr(state, 'parallelism'),
    selector: attr(state, 'selector'),
    suspend: attr(state, 'suspend'),
    template,
    ttl_seconds_after_finished: attr(state, 'ttl_seconds_after_finished'),
  });
  const metadata = makeModel('V1ObjectMeta', {
    namespace: attr(state, 'namespace'),
    labels: attr(state, 'labels'),
    name: attr(state, 'name'),
    annotations: attr(state, 'annotations'),
  });
  return makeModel('V1Job', { api_version: 'batch/v1', kind: 'Job', metadata, spec });
}

/** `build_job_request_obj(context)`: the pod gets its own name; the Job name is cut to fit `job-` in 63. */
export function buildJobRequest(state: PodOperatorState, env: BuildEnvironment): KubeObject {
  const template = jobTemplate(state, env);
  const pod = buildPodRequest(state, { ...env, dryRun: false });
  const job = reconcileJobs(template, operatorJob(state, pod));
  const metadata = job.get('metadata') as KubeObject;
  const maxLength = podNameMaxLength - jobNamePrefix.length;
  const unique = isTruthy(attr(state, 'random_name_suffix'));
  const name = metadata.get('name');
  if (!isTruthy(name)) metadata.set('name', createUniqueId(state.taskId, { unique, maxLength, random: env.random }));
  else if (unique) metadata.set('name', addUniqueSuffix(String(name), env.random, maxLength));
  metadata.set('name', `${jobNamePrefix}${String(metadata.get('name'))}`);
  if (!isTruthy(metadata.get('namespace'))) metadata.set('namespace', attr(state, 'namespace') || 'default');
  return job;
}
