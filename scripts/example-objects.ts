// What the provider docs' examples expect to find in the cluster (examples/README.md): the Secrets, ConfigMaps,
// PriorityClass and PVC of secrets-volumes-affinity.task.yaml, and the `testquay` pull Secret of
// private-image.task.yaml (as `kubectl create secret docker-registry testquay` makes it). Placeholder values, no
// real credentials; the PVC is bound to a hostPath volume under the cluster's state directory (the local cluster
// has no storage provisioner). npm start creates them in its cluster (scripts/start-cluster.sh); the host suite's
// examples test creates them in the test cluster and deletes them afterwards.
//   node --import tsx scripts/example-objects.ts apply KUBECONFIG VOLUME_DIR | delete KUBECONFIG
import { readFileSync } from 'node:fs';
import { createKubeClient, KubeError, type KubeClient, type KubeObject } from '../src/kube/index.js';

const NS = 'default';
const meta = (name: string, namespace: string | undefined = NS): Record<string, string> => (namespace ? { name, namespace } : { name });
// {"auths": {"quay.io": {"auth": base64("kubetasks:placeholder")}}}: the loopback registry serves every pull anyway
const DOCKER_CONFIG = JSON.stringify({ auths: { 'quay.io': { auth: Buffer.from('kubetasks:placeholder').toString('base64') } } });

/** The objects, in creation order (the PersistentVolume before its claim). */
export function exampleObjects(volumeDir: string): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'Secret', metadata: meta('airflow-secrets'), stringData: { sql_alchemy_conn: 'postgresql://airflow:airflow@postgres.invalid/airflow' } },
    { apiVersion: 'v1', kind: 'Secret', metadata: meta('airflow-secrets-2'), stringData: { EXTRA_SETTING: 'from-airflow-secrets-2' } },
    { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/dockerconfigjson', metadata: meta('testquay'), stringData: { '.dockerconfigjson': DOCKER_CONFIG } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('test-configmap-1'), data: { FROM_CONFIGMAP_1: 'one' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('test-configmap-2'), data: { FROM_CONFIGMAP_2: 'two' } },
    { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: meta('medium', undefined), value: 1000 },
    {
      apiVersion: 'v1', kind: 'PersistentVolume', metadata: meta('test-volume', undefined),
      spec: {
        capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: '', persistentVolumeReclaimPolicy: 'Retain',
        hostPath: { path: volumeDir, type: 'DirectoryOrCreate' }, claimRef: { namespace: NS, name: 'test-volume' },
      },
    },
    {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta('test-volume'),
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: '', volumeName: 'test-volume', resources: { requests: { storage: '1Gi' } } },
    },
  ];
}

const isReason = (error: unknown, reason: string): boolean => error instanceof KubeError && error.reason === reason;

/** Creates each object; one that exists already (an earlier start) is kept. */
export async function applyExampleObjects(client: KubeClient, volumeDir: string): Promise<void> {
  for (const object of exampleObjects(volumeDir)) {
    await client.create(object).catch((error: unknown) => {
      if (!isReason(error, 'AlreadyExists')) throw error;
    });
  }
}

/** Deletes them again, claim before volume; one already gone is fine. */
export async function deleteExampleObjects(client: KubeClient): Promise<void> {
  for (const object of exampleObjects('').reverse()) {
    const { kind, apiVersion, metadata } = object as { kind: string; apiVersion: string; metadata: { name: string; namespace?: string } };
    await client.delete({ apiVersion, kind }, metadata.name, metadata.namespace ? { namespace: metadata.namespace } : {}).catch((error: unknown) => {
      if (!isReason(error, 'NotFound')) throw error;
    });
  }
}

async function main(argv: string[]): Promise<void> {
  const [action, kubeconfig, volumeDir] = argv;
  if (!kubeconfig || (action === 'apply' && !volumeDir) || (action !== 'apply' && action !== 'delete')) {
    throw new Error('usage: example-objects.ts apply KUBECONFIG VOLUME_DIR | delete KUBECONFIG');
  }
  const client = createKubeClient(readFileSync(kubeconfig, 'utf8'));
  try {
    if (action === 'apply') await applyExampleObjects(client, volumeDir ?? '');
    else await deleteExampleObjects(client);
  } finally {
    client.close();
  }
}

if (process.argv[1]?.endsWith('example-objects.ts')) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`example-objects: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
