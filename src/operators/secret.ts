/**
 * The provider's `Secret` helper (`airflow/providers/cncf/kubernetes/secret.py`): a Kubernetes Secret exposed as
 * one env var (with a key), all keys as env (no key), or a volume. Task files write it as
 * `{deploy_type, deploy_target, secret, key, items}`, the constructor's arguments.
 */
import { deserialize, makeModel } from './k8s-model.js';
import type { RandomSource } from './naming.js';
import { OperatorError } from './operator-error.js';
import type { KubeObject} from './py-value.js';
import { cloneBaseContainerPath, isDict, isTruthy, pythonTypeName, type PyValue } from './py-value.js';

export interface SecretSpec {
  deployType: 'env' | 'volume';
  deployTarget: PyValue;
  secret: PyValue;
  key: PyValue;
  items: PyValue[];
}

const secretArgs = ['deploy_type', 'deploy_target', 'secret', 'key', 'items'];

/** `Secret.__init__`: validates the type, upper-cases env targets, and refuses a key without a target. */
export function toSecret(raw: PyValue): SecretSpec {
  if (!isDict(raw)) throw new OperatorError('TypeError', `Expected a Secret, got ${pythonTypeName(raw)}`);
  const unknown = Object.keys(raw).find((key) => !secretArgs.includes(key));
  if (unknown !== undefined) {
    throw new OperatorError('TypeError', `Secret.__init__() got an unexpected keyword argument '${unknown}'`);
  }
  for (const required of ['deploy_type', 'deploy_target', 'secret']) {
    if (!Object.hasOwn(raw, required)) {
      throw new OperatorError('TypeError', `Secret.__init__() missing 1 required positional argument: '${required}'`);
    }
  }
  const deployType = raw.deploy_type ?? null;
  if (deployType !== 'env' && deployType !== 'volume') {
    throw new OperatorError('AirflowConfigException', 'deploy_type must be env or volume');
  }
  let deployTarget = raw.deploy_target ?? null;
  if (deployTarget !== null && deployType === 'env') {
    if (typeof deployTarget !== 'string') {
      throw new OperatorError('AttributeError', `'${pythonTypeName(deployTarget).slice(8, -2)}' object has no attribute 'upper'`);
    }
    deployTarget = deployTarget.toUpperCase();
  }
  const key = raw.key ?? null;
  if (key !== null && deployTarget === null) {
    throw new OperatorError('AirflowConfigException', 'If `key` is set, `deploy_target` should not be None');
  }
  const items = raw.items ?? null;
  const itemList = isTruthy(items) ? (deserialize(items, 'list[V1KeyToPath]') as PyValue[]) : [];
  return { deployType, deployTarget, secret: raw.secret ?? null, key, items: itemList };
}

/** `Secret.attach_to_pod`: always onto `spec.containers[0]`, after whatever is already there. */
export function attachSecret(pod: KubeObject, secret: SecretSpec, random: RandomSource): KubeObject {
  const { pod: copy, spec, container } = cloneBaseContainerPath(pod);
  if (secret.deployType === 'volume') {
    const name = `secretvol${random.uuid4()}`;
    const source = makeModel('V1SecretVolumeSource', { secret_name: secret.secret });
    if (secret.items.length > 0) source.set('items', secret.items);
    append(spec, 'volumes', makeModel('V1Volume', { name, secret: source }));
    append(container, 'volume_mounts', makeModel('V1VolumeMount', { mount_path: secret.deployTarget, name, read_only: true }));
  } else if (secret.key !== null) {
    const selector = makeModel('V1SecretKeySelector', { name: secret.secret, key: secret.key });
    const source = makeModel('V1EnvVarSource', { secret_key_ref: selector });
    append(container, 'env', makeModel('V1EnvVar', { name: secret.deployTarget, value_from: source }));
  } else {
    const ref = makeModel('V1SecretEnvSource', { name: secret.secret });
    append(container, 'env_from', makeModel('V1EnvFromSource', { secret_ref: ref }));
  }
  return copy;
}

function append(object: KubeObject, attr: string, item: PyValue): void {
  const current = object.get(attr);
  object.set(attr, [...(Array.isArray(current) ? current : []), item]);
}
