/**
 * The `kubernetes:` helper section of a Spark template (`custom_object_launcher.KubernetesSpec` and the part of
 * `get_body` that copies it onto the driver and the executor), provider 10.25.0.
 */
import { makeModel } from './k8s-model.js';
import { OperatorError } from './operator-error.js';
import { KubeObject, isDict, isTruthy, pythonTypeName, type PyDict, type PyValue } from './py-value.js';

function need(section: PyDict, key: string): PyValue {
  if (!Object.hasOwn(section, key)) throw new OperatorError('AttributeError', `'KubernetesSpec' object has no attribute '${key}'`);
  return section[key] ?? null;
}

/** `resource_convert.env_variable.convert_env_vars`: a mapping or a list of V1EnvVar models. */
function envVars(value: PyValue): PyValue[] {
  if (!isTruthy(value)) return [];
  if (isDict(value)) return Object.entries(value).map(([name, item]) => makeModel('V1EnvVar', { name, value: item }));
  if (Array.isArray(value) && value.every((item) => item instanceof KubeObject && item.type === 'V1EnvVar')) return value;
  throw new OperatorError('AirflowException', `Expected dict or list of V1EnvVar, got ${pythonTypeName(value)}`);
}

function pullSecrets(value: PyValue): PyValue[] {
  if (!isTruthy(value)) return [];
  if (typeof value !== 'string') throw new OperatorError('AttributeError', `'${pythonTypeName(value).slice(8, -2)}' object has no attribute 'split'`);
  return value.split(',').map((name) => makeModel('V1LocalObjectReference', { name }));
}

function extend(section: PyDict, key: string, items: PyValue[]): void {
  const list = need(section, key);
  if (!Array.isArray(list)) throw new OperatorError('AttributeError', `'${pythonTypeName(list).slice(8, -2)}' object has no attribute 'extend'`);
  list.push(...items);
}

function names(value: PyValue): PyValue[] {
  if (Array.isArray(value)) return value;
  if (isDict(value)) return Object.keys(value);
  if (typeof value === 'string') return [...value];
  throw new OperatorError('TypeError', `'${pythonTypeName(value).slice(8, -2)}' object is not iterable`);
}

/** `KubernetesSpec.set_attribute`, in the provider's order (a missing key fails where Python's would). */
function kubernetesSpec(raw: PyValue): PyDict {
  if (!isDict(raw)) throw new OperatorError('TypeError', `argument after ** must be a mapping, not ${pythonTypeName(raw).slice(8, -2)}`);
  const section: PyDict = { ...raw };
  section.env_vars = envVars(need(section, 'env_vars'));
  section.image_pull_secrets = pullSecrets(need(section, 'image_pull_secrets'));
  const mounts = need(section, 'config_map_mounts');
  if (isTruthy(mounts)) {
    if (!isDict(mounts)) throw new OperatorError('AttributeError', `'${pythonTypeName(mounts).slice(8, -2)}' object has no attribute 'items'`);
    const entries = Object.entries(mounts);
    extend(section, 'volumes', entries.map(([name]) => makeModel('V1Volume', { name, config_map: makeModel('V1ConfigMapVolumeSource', { name }) })));
    extend(section, 'volume_mounts', entries.map(([name, path]) => makeModel('V1VolumeMount', { mount_path: path, name })));
  }
  const fromConfigMaps = need(section, 'from_env_config_map');
  if (isTruthy(fromConfigMaps)) {
    extend(section, 'env_from', names(fromConfigMaps).map((name) => makeModel('V1EnvFromSource', { config_map_ref: makeModel('V1ConfigMapEnvSource', { name }) })));
  }
  const fromSecrets = need(section, 'from_env_secret');
  if (isTruthy(fromSecrets)) {
    extend(section, 'env_from', names(fromSecrets).map((name) => makeModel('V1EnvFromSource', { secret_ref: makeModel('V1SecretEnvSource', { name }) })));
  }
  return section;
}

/** Copies the section onto `spec`: volumes replace, pull secrets only when non-empty, per-role fields replace. */
export function applyKubernetesSection(spark: PyDict, raw: PyValue): void {
  const section = kubernetesSpec(raw);
  const spec = spark.spec as PyDict;
  spec.volumes = need(section, 'volumes');
  const secrets = section.image_pull_secrets as PyValue[];
  if (secrets.length > 0) spec.imagePullSecrets = secrets;
  for (const key of ['driver', 'executor']) {
    const side = spec[key] ?? null;
    if (!isDict(side)) throw new OperatorError('KeyError', `'${key}'`);
    const existing = isTruthy(side.env ?? null) ? (side.env as PyValue[]) : [];
    side.env = [...existing, ...(section.env_vars as PyValue[])];
    side.envFrom = need(section, 'env_from');
    side.volumeMounts = need(section, 'volume_mounts');
    side.affinity = need(section, 'affinity');
    side.tolerations = need(section, 'tolerations');
    side.nodeSelector = need(section, 'node_selector');
    if (!Object.hasOwn(spec, 'labels')) throw new OperatorError('KeyError', "'labels'");
    side.labels = spec.labels ?? null;
  }
}
