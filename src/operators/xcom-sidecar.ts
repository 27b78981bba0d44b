/**
 * `utils/xcom_sidecar.add_xcom_sidecar` (provider 10.25.0): an `xcom` emptyDir at index 0 of the volumes, its mount
 * at index 0 of the base container, and a sidecar that idles until Airflow has read /airflow/xcom/return.json.
 */
import { makeModel } from './k8s-model.js';
import type { KubeObject} from './py-value.js';
import { cloneBaseContainerPath, isTruthy, type PyValue } from './py-value.js';

/** `XCOM_SIDECAR_IMAGE` in 10.25.0 (the spec's `alpine:3.23` is older). */
export const xcomSidecarImage = 'alpine:3.24.2';
export const xcomSidecarName = 'airflow-xcom-sidecar';
const xcomMountPath = '/airflow/xcom';
const xcomCommand = 'trap "exit 0" INT; while true; do sleep 1; done;';

export interface XcomSidecarOptions {
  /** Connection extra `xcom_sidecar_container_image`; the pinned alpine when empty. */
  image?: string | null;
  /** Connection extra `xcom_sidecar_container_resources` (parsed JSON): replaces the default requests. */
  resources?: PyValue;
  /** The operator's `xcom_sidecar_container_security_context`, else the connection extra; absent when None. */
  securityContext?: PyValue;
}

export function addXcomSidecar(pod: KubeObject, options: XcomSidecarOptions = {}): KubeObject {
  const { pod: copy, spec, container: base } = cloneBaseContainerPath(pod);
  spec.set('volumes', [xcomVolume(), ...asList(spec.get('volumes'))]);
  base.set('volume_mounts', [xcomMount(), ...asList(base.get('volume_mounts'))]);
  const sidecar = makeModel('V1Container', {
    name: xcomSidecarName,
    command: ['sh', '-c', xcomCommand],
    image: options.image || xcomSidecarImage,
    volume_mounts: [xcomMount()],
    resources: isTruthy(options.resources ?? null)
      ? (options.resources ?? null)
      : makeModel('V1ResourceRequirements', { requests: { cpu: '1m', memory: '10Mi' } }),
  });
  if (options.securityContext !== undefined && options.securityContext !== null) {
    sidecar.set('security_context', options.securityContext);
  }
  spec.set('containers', [...(spec.get('containers') as PyValue[]), sidecar]);
  return copy;
}

function xcomVolume(): KubeObject {
  return makeModel('V1Volume', { name: 'xcom', empty_dir: makeModel('V1EmptyDirVolumeSource') });
}

function xcomMount(): KubeObject {
  return makeModel('V1VolumeMount', { name: 'xcom', mount_path: xcomMountPath });
}

function asList(value: PyValue): PyValue[] {
  return Array.isArray(value) ? value : [];
}
