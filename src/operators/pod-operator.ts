/**
 * `KubernetesPodOperator.build_pod_request_obj` (operators/pod.py, provider 10.25.0): template (file > dict, each
 * layered with full_pod_spec) under the operator's own pod, then name, namespace, secrets, XCom sidecar, labels.
 */
import { deserializeModel, makeModel } from './k8s-model.js';
import { normalizeLabels, taskInstanceLabels, type TaskContext } from './labels.js';
import { addUniqueSuffix, createUniqueId, podNameMaxLength, type RandomSource } from './naming.js';
import { OperatorError, withPath } from './operator-error.js';
import { attr, requireModel, type PodOperatorState } from './pod-operator-init.js';
import { KubeObject, isDict, isTruthy, pythonTypeName, type PyDict, type PyValue } from './py-value.js';
import { reconcilePods } from './reconcile.js';
import { attachSecret } from './secret.js';
import { loadYaml11 } from './template-yaml.js';
import { addXcomSidecar } from './xcom-sidecar.js';

/** What a build needs from outside the operator: the task instance, randomness, and file contents. */
export interface BuildEnvironment {
  context?: TaskContext;
  /** True for `dry_run()`: skips the in-cluster lookup, so no `airflow_kpo_in_cluster` label. */
  dryRun: boolean;
  random: RandomSource;
  /** Whether Airflow's worker runs inside the cluster; decides `airflow_kpo_in_cluster` when `in_cluster` is unset. */
  workerInCluster: boolean;
  /** `airflow_version` label value (the pinned Airflow, `+` already replaced by `-`). */
  airflowVersion: string;
  /** Contents of a template file, or undefined when it does not exist. */
  readFile: (path: string) => string | undefined;
  /** Collects what Airflow would only log (e.g. a missing template file). */
  warn: (message: string, path: (string | number)[], severity?: 'warning' | 'info') => void;
}

/** `convert_env_vars_or_raise_error`: a mapping becomes V1EnvVar(name, value) in order; a list passes. */
function envVars(state: PodOperatorState): PyValue[] {
  const value = attr(state, 'env_vars');
  if (!isTruthy(value)) return [];
  if (isDict(value)) return Object.entries(value).map(([name, item]) => makeModel('V1EnvVar', { name, value: item }));
  if (Array.isArray(value)) return [...value];
  throw new OperatorError('AirflowException', `Expected dict or list, got ${pythonTypeName(value)}`, ['env_vars']);
}

/** `PodGenerator.deserialize_model_file`: a missing file only logs a warning and yields an empty pod. */
function templateFromFile(path: string, env: BuildEnvironment): KubeObject {
  const text = env.readFile(path);
  if (text === undefined) {
    env.warn(`Model file ${path} does not exist`, ['pod_template_file']);
    return deserializeModel(null, 'V1Pod');
  }
  return withPath(['pod_template_file'], () => deserializeModel(loadYaml11(text), 'V1Pod'));
}

function podTemplate(state: PodOperatorState, env: BuildEnvironment): KubeObject {
  const full = attr(state, 'full_pod_spec');
  const fullPod = isTruthy(full) ? withPath(['full_pod_spec'], () => requirePod(full)) : null;
  const file = attr(state, 'pod_template_file');
  const dict = attr(state, 'pod_template_dict');
  if (isTruthy(file)) return layer(templateFromFile(String(file), env), fullPod);
  if (isTruthy(dict)) return layer(withPath(['pod_template_dict'], () => deserializeModel(dict, 'V1Pod')), fullPod);
  return fullPod ?? makeModel('V1Pod', { metadata: makeModel('V1ObjectMeta') });
}

/** full_pod_spec is used as a V1Pod as is: reconcile_pods reads `.spec` from it, which a dict does not have. */
function requirePod(value: PyValue): KubeObject {
  if (value instanceof KubeObject) return value;
  throw new OperatorError('AttributeError', `'${pythonTypeName(value).slice(8, -2)}' object has no attribute 'spec'`);
}

function layer(template: KubeObject, full: KubeObject | null): KubeObject {
  return full ? reconcilePods(template, full) : template;
}

function baseContainer(state: PodOperatorState, env: PyValue[], envFrom: PyValue[], mounts: PyValue[]): KubeObject {
  return makeModel('V1Container', {
    image: attr(state, 'image'),
    name: attr(state, 'base_container_name'),
    command: attr(state, 'cmds'),
    ports: attr(state, 'ports'),
    image_pull_policy: attr(state, 'image_pull_policy'),
    resources: attr(state, 'container_resources'),
    volume_mounts: mounts,
    args: attr(state, 'arguments'),
    env,
    env_from: envFrom,
    security_context: attr(state, 'container_security_context'),
    termination_message_policy: attr(state, 'termination_message_policy'),
  });
}

function operatorPodSpec(state: PodOperatorState, container: KubeObject, volumes: PyValue[]): KubeObject {
  const spec: PyDict = {
    runtime_class_name: attr(state, 'runtime_class_name'),
    node_selector: attr(state, 'node_selector'),
    affinity: attr(state, 'affinity'),
    tolerations: attr(state, 'tolerations'),
    init_containers: attr(state, 'init_containers'),
    host_aliases: attr(state, 'host_aliases'),
    containers: [container],
    image_pull_secrets: attr(state, 'image_pull_secrets'),
    service_account_name: attr(state, 'service_account_name'),
    automount_service_account_token: attr(state, 'automount_service_account_token'),
    host_network: attr(state, 'hostnetwork'),
    hostname: attr(state, 'hostname'),
    subdomain: attr(state, 'subdomain'),
    security_context: attr(state, 'security_context'),
    dns_policy: attr(state, 'dnspolicy'),
    dns_config: attr(state, 'dns_config'),
    scheduler_name: attr(state, 'schedulername'),
    restart_policy: 'Never',
    priority_class_name: attr(state, 'priority_class_name'),
    volumes,
    active_deadline_seconds: attr(state, 'active_deadline_seconds'),
    termination_grace_period_seconds: attr(state, 'termination_grace_period'),
  };
  return makeModel('V1PodSpec', spec);
}

function operatorPod(state: PodOperatorState): KubeObject {
  const env = [...envVars(state), ...(attr(state, 'pod_runtime_info_envs') as PyValue[])];
  const configmapSources = (attr(state, 'configmaps') as PyValue[]).map((name) =>
    makeModel('V1EnvFromSource', { config_map_ref: makeModel('V1ConfigMapEnvSource', { name }) }),
  );
  const envFrom = [...listOf(attr(state, 'env_from'), 'env_from'), ...configmapSources];
  const mounts = listOf(attr(state, 'volume_mounts'), 'volume_mounts').map((item, i) => withPath(['volume_mounts', i], () => requireModel(item, 'V1VolumeMount')));
  const volumes = listOf(attr(state, 'volumes'), 'volumes').map((item, i) => withPath(['volumes', i], () => requireModel(item, 'V1Volume')));
  const metadata = makeModel('V1ObjectMeta', {
    namespace: attr(state, 'namespace'),
    labels: normalizeLabels(attr(state, 'labels') as PyDict),
    name: attr(state, 'name'),
    annotations: attr(state, 'annotations'),
  });
  const spec = operatorPodSpec(state, baseContainer(state, env, envFrom, mounts), volumes);
  return makeModel('V1Pod', { api_version: 'v1', kind: 'Pod', metadata, spec });
}

function listOf(value: PyValue, param: string): PyValue[] {
  if (Array.isArray(value)) return value;
  if (isDict(value)) return Object.keys(value);
  throw new OperatorError('TypeError', `'${pythonTypeName(value).slice(8, -2)}' object is not iterable`, [param]);
}

/** Name rules after reconciliation: the task_id slug when nothing named the pod, else the name plus a suffix. */
function finalName(pod: KubeObject, state: PodOperatorState, env: BuildEnvironment, maxLength = podNameMaxLength): void {
  const metadata = pod.get('metadata') as KubeObject;
  const name = metadata.get('name');
  const unique = isTruthy(attr(state, 'random_name_suffix'));
  if (!isTruthy(name)) metadata.set('name', createUniqueId(state.taskId, { unique, maxLength, random: env.random }));
  else if (unique) metadata.set('name', addUniqueSuffix(String(name), env.random, maxLength));
}

/** The pod `build_pod_request_obj(context, dry_run=…)` returns. */
/**
 * `KubernetesHook.is_in_cluster` after `get_conn` (hooks/kubernetes.py): a truthy `in_cluster` loads the in-cluster
 * config; a `config_file` that is not None loads that kubeconfig; with neither, `_get_default_client` tries the
 * in-cluster config first and falls back to ~/.kube/config, so the answer is where the worker runs.
 */
function inClusterLabel(state: PodOperatorState, env: BuildEnvironment): 'True' | 'False' {
  if (isTruthy(attr(state, 'in_cluster'))) return 'True';
  if (attr(state, 'config_file') !== null) return 'False';
  return env.workerInCluster ? 'True' : 'False';
}

export function buildPodRequest(state: PodOperatorState, env: BuildEnvironment, marker: 'kubernetes_pod_operator' = 'kubernetes_pod_operator'): KubeObject {
  const ownPod = operatorPod(state);
  let pod = reconcilePods(podTemplate(state, env), ownPod);
  finalName(pod, state, env);
  const metadata = pod.get('metadata') as KubeObject;
  if (!isTruthy(metadata.get('namespace'))) metadata.set('namespace', attr(state, 'namespace') || 'default');
  for (const secret of state.secrets) pod = attachSecret(pod, secret, env.random);
  if (isTruthy(attr(state, 'do_xcom_push'))) {
    pod = addXcomSidecar(pod, { securityContext: attr(state, 'xcom_sidecar_container_security_context') });
  }
  // Python updates the labels dict in place; a new dict keeps the template's own object untouched.
  const finalMetadata = pod.get('metadata') as KubeObject;
  const labels: PyDict = { ...(finalMetadata.get('labels') as PyDict), ...taskInstanceLabels(state.taskId, env.context, marker) };
  labels.airflow_version = env.airflowVersion;
  if (!env.dryRun) labels.airflow_kpo_in_cluster = inClusterLabel(state, env);
  finalMetadata.set('labels', labels);
  return pod;
}

