/**
 * Which task parameter writes which field of the rendered object, per kind (issue 13, `kubetasks check`). Mirrors
 * where provider 10.25.0 puts each argument: `KubernetesPodOperator.build_pod_request_obj` (operators/pod.py: the
 * base container, pod spec and metadata), `KubernetesJobOperator.build_job_request_obj` (operators/job.py: the Job
 * spec, with the pod under `spec.template`), and `SparkKubernetesOperator` (`CustomObjectLauncher.get_body`,
 * `start_spark_job`: name, namespace, image, code path).
 */
import type { TaskValue } from './task.js';

/** A rendered field path: keys and list indexes (`['spec', 'containers', 0, 'image']`). */
export type FieldPath = readonly (string | number)[];

/** Stands for the index of the base container in `containers` (found by name in the rendered object). */
export const baseContainer = Symbol('base container');

export type RulePath = readonly (string | number | typeof baseContainer)[];

/** The first parameter of `params` the task sets writes the field at `at` (and everything below it). */
export interface ProvenanceRule {
  at: RulePath;
  params: readonly string[];
}

const metaFields: readonly [string, string[]][] = [
  ['name', ['name']], ['namespace', ['namespace']], ['labels', ['labels']], ['annotations', ['annotations']],
];

/** V1PodSpec fields `build_pod_request_obj` sets from the operator's arguments. */
const podSpecFields: readonly [string, string[]][] = [
  ['serviceAccountName', ['service_account_name']], ['priorityClassName', ['priority_class_name']],
  ['nodeSelector', ['node_selector']], ['affinity', ['affinity']], ['tolerations', ['tolerations']],
  ['volumes', ['volumes', 'secrets']], ['securityContext', ['security_context']], ['hostNetwork', ['hostnetwork']],
  ['dnsPolicy', ['dnspolicy']], ['dnsConfig', ['dns_config']], ['hostname', ['hostname']], ['subdomain', ['subdomain']],
  ['schedulerName', ['schedulername']], ['initContainers', ['init_containers']], ['imagePullSecrets', ['image_pull_secrets']],
  ['terminationGracePeriodSeconds', ['termination_grace_period']], ['activeDeadlineSeconds', ['active_deadline_seconds']],
  ['automountServiceAccountToken', ['automount_service_account_token']], ['hostAliases', ['host_aliases']],
  ['runtimeClassName', ['runtime_class_name']],
];

/** V1Container fields of the base container. */
const containerFields: readonly [string, string[]][] = [
  ['image', ['image']], ['command', ['cmds']], ['args', ['arguments']],
  ['env', ['env_vars', 'secrets', 'pod_runtime_info_envs']], ['envFrom', ['env_from', 'configmaps', 'secrets']],
  ['ports', ['ports']], ['resources', ['container_resources']], ['volumeMounts', ['volume_mounts', 'secrets']],
  ['securityContext', ['container_security_context']], ['imagePullPolicy', ['image_pull_policy']],
  ['name', ['base_container_name']], ['terminationMessagePolicy', ['termination_message_policy']],
];

/** V1JobSpec fields `build_job_request_obj` sets. */
const jobSpecFields: readonly [string, string[]][] = [
  ['activeDeadlineSeconds', ['active_deadline_seconds']], ['backoffLimit', ['backoff_limit']],
  ['completionMode', ['completion_mode']], ['completions', ['completions']], ['manualSelector', ['manual_selector']],
  ['parallelism', ['parallelism']], ['selector', ['selector']], ['suspend', ['suspend']],
  ['ttlSecondsAfterFinished', ['ttl_seconds_after_finished']],
];

const queueLabel = 'kueue.x-k8s.io/queue-name';

function under(prefix: RulePath, fields: readonly [string, string[]][]): ProvenanceRule[] {
  return fields.map(([field, params]) => ({ at: [...prefix, field], params }));
}

function podRules(meta: RulePath, spec: RulePath): ProvenanceRule[] {
  return [...under(meta, metaFields), ...under(spec, podSpecFields), ...under([...spec, 'containers', baseContainer], containerFields)];
}

/** The rules for a rendered object of `kind`; none for a kind no operator renders. */
export function provenanceRules(kind: string): ProvenanceRule[] {
  if (kind === 'Pod') return podRules(['metadata'], ['spec']);
  if (kind === 'Job') {
    const podMeta = ['spec', 'template', 'metadata'];
    return [
      ...under(['metadata'], metaFields), ...under(['spec'], jobSpecFields), ...podRules(podMeta, ['spec', 'template', 'spec']),
      // KubernetesStartKueueJobOperator adds its queue to the labels and annotations of the Job and its pod
      ...[['metadata'], podMeta].flatMap((m) => [{ at: [...m, 'labels', queueLabel], params: ['queue_name'] }, { at: [...m, 'annotations', queueLabel], params: ['queue_name'] }]),
    ];
  }
  if (kind === 'SparkApplication') {
    return [...under(['metadata'], [['name', ['name']], ['namespace', ['namespace']]]), ...under(['spec'], [['image', ['image']], ['mainApplicationFile', ['code_path']]])];
  }
  return [];
}

/** A template the rendered object was built on, and how a rendered path reads in it. */
export interface TemplateSource {
  /** The parameter naming the template. */
  param: string;
  /** `file`: the parameter names a YAML file (Spark's `application_file` may also hold the text itself); `inline`: the value is the template. */
  form: 'file' | 'inline';
  /**
   * Where the rendered path reads in the template: its first `strip` segments are dropped and `prefix` put before
   * the rest; undefined when the template does not hold that part of the object.
   */
  place: (path: FieldPath, template: TaskValue) => TemplatePlace | undefined;
}

export interface TemplatePlace {
  prefix: FieldPath;
  strip: number;
}

const same = (): TemplatePlace => ({ prefix: [], strip: 0 });
/** A pod template under a Job: the Job's `spec.template` is the template pod's metadata and spec. */
const podUnderJob = (path: FieldPath): TemplatePlace | undefined => (path[0] === 'spec' && path[1] === 'template' ? { prefix: [], strip: 2 } : undefined);
/** `manage_template_specs`: a Spark template is wrapped in `spark:` unless it already has that key. */
const sparkBody = (_path: FieldPath, template: TaskValue): TemplatePlace =>
  ({ prefix: template !== null && typeof template === 'object' && !Array.isArray(template) && Object.hasOwn(template, 'spark') ? ['spark'] : [], strip: 0 });

/**
 * The templates each kind may come from, in the order the renderer layers them: `full_pod_spec` over the template
 * file or dict (`build_pod_request_obj`), so a later one wins for a field both hold.
 */
export function templateSources(kind: string): TemplateSource[] {
  if (kind === 'Pod') {
    return [{ param: 'pod_template_file', form: 'file', place: same }, { param: 'pod_template_dict', form: 'inline', place: same },
      { param: 'full_pod_spec', form: 'inline', place: same }];
  }
  if (kind === 'Job') {
    // the operator's pod (built on its pod templates) is reconciled over the Job template (reconcile_jobs)
    return [{ param: 'job_template_file', form: 'file', place: same }, { param: 'full_job_spec', form: 'inline', place: same },
      { param: 'pod_template_file', form: 'file', place: podUnderJob }, { param: 'pod_template_dict', form: 'inline', place: podUnderJob },
      { param: 'full_pod_spec', form: 'inline', place: podUnderJob }];
  }
  if (kind === 'SparkApplication') {
    return [{ param: 'template_spec', form: 'inline', place: sparkBody }, { param: 'application_file', form: 'file', place: sparkBody }];
  }
  return [];
}
