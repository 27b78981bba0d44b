/**
 * Airflow's merge rules for pods and jobs (`pod_generator.merge_objects`, `extend_object_field`,
 * `PodGenerator.reconcile_pods/metadata/specs/containers/init_containers`, `KubernetesJobOperator.reconcile_jobs`),
 * as read in provider 10.25.0. `client` is the higher-precedence side, `base` the template.
 */
import { OperatorError } from './operator-error.js';
import { KubeObject, deepCopy, isDict, isTruthy, pythonTypeName, shallowClone, type PyDict, type PyValue } from './py-value.js';
import { modelInfo } from './k8s-model.js';

/** Names every Python dict answers to with a bound method, so `getattr(some_dict, name, None)` is truthy. */
const dictMethods = new Set(['clear', 'copy', 'fromkeys', 'get', 'items', 'keys', 'pop', 'popitem', 'setdefault', 'update', 'values']);
const boundMethod = '<bound method>';

/** `getattr(obj, name, None)`. */
function getAttr(obj: PyValue, name: string): PyValue {
  if (obj instanceof KubeObject) return obj.get(name);
  if (isDict(obj) && dictMethods.has(name)) return boundMethod;
  return null;
}

function setAttr(obj: PyValue, name: string, value: PyValue): void {
  if (obj instanceof KubeObject) obj.set(name, value);
  else throw new OperatorError('AttributeError', `'${pythonTypeName(obj).slice(8, -2)}' object has no attribute '${name}'`);
}

/**
 * `merge_objects`: a falsy side yields the other; two dicts merge shallowly (client keys win); otherwise every
 * attribute the client leaves falsy takes the base's value when that value is not None (so a template's `false`
 * or `[]` survives an operator None, and a truthy client value replaces nested objects wholesale).
 */
export function mergeObjects(base: PyValue, client: PyValue): PyValue {
  if (!isTruthy(base)) return client;
  if (!isTruthy(client)) return base;
  const clientCopy = copyForUpdate(client);
  if (isDict(base) && isDict(clientCopy)) return { ...base, ...clientCopy };
  if (!(base instanceof KubeObject)) {
    throw new OperatorError('AttributeError', `'${pythonTypeName(base).slice(8, -2)}' object has no attribute 'to_dict'`);
  }
  for (const [attr] of modelInfo(base.type).attrs) {
    const baseValue = base.get(attr);
    if (!isTruthy(getAttr(client, attr)) && baseValue !== null) {
      if (clientCopy instanceof KubeObject) clientCopy.set(attr, baseValue);
      else if (isDict(clientCopy)) (clientCopy as PyDict)[attr] = baseValue;
    }
  }
  return clientCopy;
}

/** Python deep-copies before assigning attributes; a one-level copy is enough since nothing deeper is mutated. */
function copyForUpdate(value: PyValue): PyValue {
  if (value instanceof KubeObject) return shallowClone(value);
  if (isDict(value)) return { ...value };
  return value;
}

/** `extend_object_field`: a copy of `client` whose list `field` is base's list followed by client's. */
export function extendObjectField(base: PyValue, client: PyValue, field: string): PyValue {
  const clientCopy = copyForUpdate(client);
  const baseField = getAttr(base, field);
  const clientField = getAttr(client, field);
  if ((baseField !== null && !Array.isArray(baseField)) || (clientField !== null && !Array.isArray(clientField))) {
    throw new OperatorError(
      'ValueError',
      `The chosen field must be a list. Got ${typeOfField(baseField)} base_object_field and ${typeOfField(clientField)} client_object_field.`,
    );
  }
  if (!isTruthy(baseField)) return clientCopy;
  if (!isTruthy(clientField)) {
    setAttr(clientCopy, field, baseField);
    return clientCopy;
  }
  setAttr(clientCopy, field, [...(baseField as PyValue[]), ...(clientField as PyValue[])]);
  return clientCopy;
}

function typeOfField(value: PyValue): string {
  return value === boundMethod ? "<class 'builtin_function_or_method'>" : pythonTypeName(value);
}

/** `reconcile_pods`: specs and metadata reconciled, then the top-level merge (apiVersion, kind, status). */
export function reconcilePods(base: KubeObject, client: KubeObject | null): KubeObject {
  if (client === null) return base;
  const clientCopy = shallowClone(client);
  clientCopy.set('spec', reconcileSpecs(base.get('spec'), copyForUpdate(clientCopy.get('spec'))));
  clientCopy.set('metadata', reconcileMetadata(base.get('metadata'), copyForUpdate(clientCopy.get('metadata'))));
  return mergeObjects(base, clientCopy) as KubeObject;
}

/**
 * `reconcile_metadata`: labels and annotations merge as dicts. The provider calls `extend_object_field` for
 * managedFields, finalizers and ownerReferences but discards its result, so those only get the type check and
 * then follow `merge_objects` like every other field.
 */
export function reconcileMetadata(base: PyValue, client: PyValue): PyValue {
  if (isTruthy(base) && !isTruthy(client)) return base;
  if (!isTruthy(base) && isTruthy(client)) return client;
  if (!isTruthy(base) || !isTruthy(client)) return null;
  setAttr(client, 'labels', mergeObjects(getAttr(base, 'labels'), getAttr(client, 'labels')));
  setAttr(client, 'annotations', mergeObjects(getAttr(base, 'annotations'), getAttr(client, 'annotations')));
  for (const field of ['managed_fields', 'finalizers', 'owner_references']) extendObjectField(base, client, field);
  return mergeObjects(base, client);
}

/** `reconcile_specs`: containers by position, init containers by name, volumes concatenated, the rest merged. */
export function reconcileSpecs(base: PyValue, client: PyValue): PyValue {
  if (isTruthy(base) && !isTruthy(client)) return base;
  if (!isTruthy(base) && isTruthy(client)) return client;
  if (!isTruthy(base) || !isTruthy(client)) return null;
  setAttr(client, 'containers', reconcileContainers(listAttr(base, 'containers'), listAttr(client, 'containers')));
  let merged = extendObjectField(base, client, 'init_containers');
  const baseInit = getAttr(base, 'init_containers');
  const clientInit = getAttr(client, 'init_containers');
  if (isTruthy(baseInit) && isTruthy(clientInit)) {
    setAttr(merged, 'init_containers', reconcileInitContainers(baseInit as PyValue[], clientInit as PyValue[]));
  }
  merged = extendObjectField(base, merged, 'volumes');
  return mergeObjects(base, merged);
}

function listAttr(obj: PyValue, name: string): PyValue {
  return getAttr(obj, name);
}

const containerListFields = ['volume_mounts', 'env', 'env_from', 'ports', 'volume_devices'];

function mergeContainer(base: PyValue, client: PyValue): PyValue {
  let merged = client;
  for (const field of containerListFields) merged = extendObjectField(base, merged, field);
  return mergeObjects(base, merged);
}

/** `reconcile_containers`: pairs containers by index (not name); the longer list's extra containers follow. */
export function reconcileContainers(base: PyValue, client: PyValue): PyValue {
  if (!isTruthy(base)) return client;
  if (!isTruthy(client)) return base;
  const baseList = base as PyValue[];
  const clientList = client as PyValue[];
  const first = mergeContainer(baseList[0] ?? null, clientList[0] ?? null);
  const rest = reconcileContainers(baseList.slice(1), clientList.slice(1));
  return [first, ...((rest as PyValue[] | null) ?? [])];
}

/** `reconcile_init_containers` (new in 10.2x): same-named init containers merge, the others are appended. */
export function reconcileInitContainers(base: PyValue[], client: PyValue[]): PyValue[] {
  const byName = new Map<PyValue, PyValue>();
  for (const container of client) byName.set(getAttr(container, 'name'), container);
  const matched = new Set<PyValue>();
  const merged: PyValue[] = [];
  for (const container of base) {
    const name = getAttr(container, 'name');
    const match = byName.get(name);
    if (match !== undefined) {
      merged.push(mergeContainer(container, match));
      matched.add(name);
    } else {
      merged.push(container);
    }
  }
  for (const container of client) if (!matched.has(getAttr(container, 'name'))) merged.push(container);
  return merged;
}

/** `KubernetesJobOperator.reconcile_jobs` and `reconcile_job_specs`. */
export function reconcileJobs(base: KubeObject, client: KubeObject | null): KubeObject {
  if (client === null) return base;
  const clientCopy = deepCopy(client);
  clientCopy.set('spec', reconcileJobSpecs(base.get('spec'), clientCopy.get('spec')));
  clientCopy.set('metadata', reconcileMetadata(base.get('metadata'), clientCopy.get('metadata')));
  return mergeObjects(base, clientCopy) as KubeObject;
}

function reconcileJobSpecs(base: PyValue, client: PyValue): PyValue {
  if (isTruthy(base) && !isTruthy(client)) return base;
  if (!isTruthy(base) && isTruthy(client)) return client;
  if (!isTruthy(base) || !isTruthy(client)) return null;
  const baseTemplate = requireAttr(base, 'template');
  const clientTemplate = requireAttr(client, 'template');
  setAttr(clientTemplate, 'spec', reconcileSpecs(getAttr(baseTemplate, 'spec'), getAttr(clientTemplate, 'spec')));
  setAttr(clientTemplate, 'metadata', reconcileMetadata(getAttr(baseTemplate, 'metadata'), getAttr(clientTemplate, 'metadata')));
  return mergeObjects(base, client);
}

function requireAttr(obj: PyValue, name: string): PyValue {
  const value = getAttr(obj, name);
  if (value === null) throw new OperatorError('AttributeError', `'NoneType' object has no attribute 'spec'`);
  return value;
}
