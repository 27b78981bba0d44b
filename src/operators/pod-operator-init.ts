/**
 * `KubernetesPodOperator.__init__` (operators/pod.py, provider 10.25.0): the normalisations and checks made when
 * a DAG author constructs the operator, before anything is built.
 */
import { OperatorError, withPath } from './operator-error.js';
import { deserializeModel, makeModel } from './k8s-model.js';
import { KubeObject, isDict, isTruthy, modelClassName, pythonRepr, pythonTypeName, type PyValue } from './py-value.js';
import { toSecret, type SecretSpec } from './secret.js';

/** The operator's attributes after `__init__`, by Python name. */
export interface PodOperatorState {
  taskId: string;
  attrs: Record<string, PyValue>;
  secrets: SecretSpec[];
}

const onFinishActions = ['keep_pod', 'delete_pod', 'delete_succeeded_pod', 'delete_active_pod'];
const onKillActions = ['delete_pod', 'keep_pod'];

/** `_convert_kube_model_object`: model objects only (dicts are refused). */
export function requireModel(value: PyValue, type: string): KubeObject {
  if (value instanceof KubeObject && value.type === type) return value;
  throw new OperatorError('AirflowException', `Expected ${modelClassName(type)}, got ${pythonTypeName(value)}`);
}

/** `_convert_from_dict`: a model passes, a dict is deserialised, anything else is refused. */
export function modelFromDict(value: PyValue, type: string): KubeObject {
  if (value instanceof KubeObject && value.type === type) return value;
  if (isDict(value)) return deserializeModel(value, type);
  throw new OperatorError('AirflowException', `Expected dict or ${modelClassName(type)}, got ${pythonTypeName(value)}`);
}

function checkEnum(value: PyValue, allowed: string[], enumName: string, param: string): void {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new OperatorError('ValueError', `${pythonRepr(value)} is not a valid ${enumName}`, [param]);
  }
}

/** `convert_image_pull_secrets`: a string is split on "," with no trimming. */
function imagePullSecrets(value: PyValue): PyValue {
  if (!isTruthy(value)) return [];
  if (typeof value === 'string') return value.split(',').map((name) => makeModel('V1LocalObjectReference', { name }));
  return value;
}

function mapList(value: PyValue, param: string, convert: (item: PyValue) => PyValue): PyValue[] {
  if (!isTruthy(value)) return [];
  if (!Array.isArray(value)) throw new OperatorError('TypeError', `'${pythonTypeName(value).slice(8, -2)}' object is not iterable`, [param]);
  return value.map((item, index) => withPath([param, index], () => convert(item)));
}

function or<T extends PyValue>(value: PyValue | undefined, fallback: T): PyValue {
  return isTruthy(value ?? null) ? (value as PyValue) : fallback;
}

/** The KPO constructor; `kwargs` are Python values (see python-kwargs.ts). */
export function initPodOperator(taskId: string, kwargs: Record<string, PyValue>, baseContainerName = 'base'): PodOperatorState {
  const get = (name: string, fallback: PyValue = null): PyValue => (Object.hasOwn(kwargs, name) ? (kwargs[name] ?? null) : fallback);
  const attrs: Record<string, PyValue> = { ...kwargs };
  checkEnum(get('on_finish_action', 'delete_pod'), onFinishActions, 'OnFinishAction', 'on_finish_action');
  checkEnum(get('on_kill_action', 'delete_pod'), onKillActions, 'OnKillAction', 'on_kill_action');
  attrs.cmds = or(get('cmds'), []);
  attrs.arguments = or(get('arguments'), []);
  attrs.labels = or(get('labels'), {});
  attrs.env_vars = or(get('env_vars'), []);
  attrs.pod_runtime_info_envs = mapList(get('pod_runtime_info_envs'), 'pod_runtime_info_envs', (item) => requireModel(item, 'V1EnvVar'));
  attrs.env_from = or(get('env_from'), []);
  attrs.configmaps = or(get('configmaps'), []);
  attrs.ports = mapList(get('ports'), 'ports', (item) => requireModel(item, 'V1ContainerPort'));
  attrs.volume_mounts = or(get('volume_mounts'), []);
  attrs.volumes = or(get('volumes'), []);
  attrs.base_container_name = or(get('base_container_name'), baseContainerName);
  attrs.node_selector = or(get('node_selector'), {});
  attrs.annotations = or(get('annotations'), {});
  attrs.affinity = isTruthy(get('affinity')) ? withPath(['affinity'], () => modelFromDict(get('affinity'), 'V1Affinity')) : {};
  attrs.image_pull_secrets = imagePullSecrets(get('image_pull_secrets'));
  attrs.hostnetwork = get('hostnetwork', false);
  attrs.tolerations = mapList(get('tolerations'), 'tolerations', (item) => modelFromDict(item, 'V1Toleration'));
  attrs.security_context = or(get('security_context'), {});
  attrs.init_containers = or(get('init_containers'), []);
  attrs.random_name_suffix = get('random_name_suffix', true);
  attrs.do_xcom_push = get('do_xcom_push', false);
  attrs.termination_message_policy = get('termination_message_policy', 'File');
  const secrets = mapList(get('secrets'), 'secrets', (item) => item).map((item, index) => withPath(['secrets', index], () => toSecret(item)));
  return { taskId, attrs, secrets };
}

/** Reads an attribute as Python would after `__init__` (None when never set). */
export function attr(state: PodOperatorState, name: string): PyValue {
  return Object.hasOwn(state.attrs, name) ? (state.attrs[name] ?? null) : null;
}

