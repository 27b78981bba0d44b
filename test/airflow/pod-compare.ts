// Issue 16, judge step 4: our preview of the DAG with the run's conf (`kubetasks render FILE --conf …`, the same
// renderer the editor's preview uses), after a server-side dry run, must equal the pod Airflow's
// KubernetesPodOperator created, ignoring only what the API server fills in itself and the random name suffix.
import { main } from '../../src/cli/main.js';
import type { RawApi } from '../harness/k8s/raw-api.js';

/**
 * Fields the API server (or the scheduler / kubelet) writes, never the client: they differ between any two pods.
 * The kube-api-access-<5 random> projected token volume is added by ServiceAccount admission to both pods (the
 * dry run included); only its random suffix is ignored, its content is compared.
 */
export const SERVER_POPULATED = [
  'metadata.uid', 'metadata.resourceVersion', 'metadata.creationTimestamp', 'metadata.managedFields', 'metadata.generation',
  'spec.nodeName', 'status', 'kube-api-access-* suffix (volume and mount names)',
] as const;

type Json = Record<string, unknown>;

/** The random suffix of both the pod name (Airflow's 8 characters) and the token volume (5). */
function dropSuffixes(pod: Json): Json {
  const copy = JSON.parse(JSON.stringify(pod)) as Json;
  const meta = copy['metadata'] as Json;
  for (const key of ['uid', 'resourceVersion', 'creationTimestamp', 'managedFields', 'generation']) delete meta[key];
  meta['name'] = String(meta['name']).replace(/-[a-z0-9]{8}$/, '-<suffix>');
  delete copy['status'];
  const spec = copy['spec'] as Json;
  delete spec['nodeName'];
  const token = (name: unknown): unknown => (typeof name === 'string' ? name.replace(/^kube-api-access-[a-z0-9]{5}$/, 'kube-api-access-<suffix>') : name);
  for (const v of (spec['volumes'] as Json[] | undefined) ?? []) v['name'] = token(v['name']);
  for (const c of [...((spec['containers'] as Json[] | undefined) ?? []), ...((spec['initContainers'] as Json[] | undefined) ?? [])]) {
    for (const m of (c['volumeMounts'] as Json[] | undefined) ?? []) m['name'] = token(m['name']);
  }
  return copy;
}

/** Every path where `a` and `b` differ, as `path: ours → theirs`. */
export function diffJson(a: unknown, b: unknown, at = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => diffJson((a as Json)[k], (b as Json)[k], Array.isArray(a) ? `${at}[${k}]` : `${at}.${k}`));
  }
  return [`${at || '.'}: ours ${JSON.stringify(a)} → Airflow's ${JSON.stringify(b)}`];
}

export interface PreviewRun {
  dagFile: string;
  conf: Record<string, unknown>;
  runId: string;
  tryNumber: number;
  airflowVersion: string;
  /** null: an Airflow 3 run triggered without a logical date. */
  logicalDate: string | null;
}

/** `kubetasks render` in-process, as a user previews the run; the pod body as JSON. */
export async function renderPreview(run: PreviewRun): Promise<Json> {
  let out = '';
  let err = '';
  const code = await main(['render', run.dagFile, '--format', 'json', '--conf', JSON.stringify(run.conf), '--run-id', run.runId,
    '--try-number', String(run.tryNumber), '--airflow-version', run.airflowVersion, '--logical-date', run.logicalDate ?? 'null',
    // Airflow's workers here run outside the cluster (the connection names a kubeconfig): airflow_kpo_in_cluster False
    '--no-in-cluster'], { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } });
  if (code !== 0) throw new Error(`kubetasks render exited ${code}: ${err}`);
  return JSON.parse(out) as Json;
}

/** Our preview after a server-side dry run, against the pod Airflow created; empty when equal. */
export async function comparePreview(api: RawApi, namespace: string, ours: Json, airflowPod: Json): Promise<string[]> {
  const dry = await api.request('POST', `/api/v1/namespaces/${namespace}/pods?dryRun=All`, ours);
  if (dry.status !== 201 && dry.status !== 200) return [`server-side dry run of our preview refused (${dry.status}): ${JSON.stringify(dry.body).slice(0, 600)}`];
  return diffJson(dropSuffixes(dry.body as Json), dropSuffixes(airflowPod));
}
