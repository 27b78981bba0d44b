/**
 * Install Kueue (issue 13), the cluster part: create every object of the plan in order (AlreadyExists tolerated, as
 * `KubernetesInstallKueueOperator.execute` tolerates it: it logs "Kueue is already installed" and goes on), wait
 * for CustomResourceDefinitions to be `Established` before objects of their kinds, then wait for the Deployments
 * (Kueue's controller manager) to be `Available` — by watching, not polling. The manifest is fetched at the edge.
 */
import type { ManifestObject, ManifestPlan } from '../operators/index.js';
import type { KubeClient } from './cluster.js';
import { KubeError } from './errors.js';
import type { KubeObject } from './objects.js';
import type { KindRef } from './resources.js';

export interface InstallManifestOptions {
  signal?: AbortSignal;
  /** How long CRDs and Deployments may take to become ready (default 300 s). */
  timeoutMs?: number;
  /** Each object once handled: created now, or already there. */
  onObject?: (object: ManifestObject, result: 'created' | 'exists') => void;
  /** What is being waited for. */
  onProgress?: (text: string) => void;
}

export interface InstallManifestResult {
  created: number;
  existing: number;
  /** `namespace/name` of each Deployment that became Available. */
  available: string[];
}

const crdKind: KindRef = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' };
const deploymentKind: KindRef = { apiVersion: 'apps/v1', kind: 'Deployment' };

function condition(object: KubeObject, type: string): { status?: string; message?: string } | undefined {
  const conditions = (object['status'] as { conditions?: { type?: string; status?: string; message?: string }[] } | undefined)?.conditions;
  return conditions?.find((c) => c.type === type);
}

/** Waits, by watching one object, until `ready` holds; throws a located timeout message when it does not. */
async function watchUntil(client: KubeClient, kind: KindRef, name: string, namespace: string | undefined, ready: (o: KubeObject) => boolean, opts: { signal: AbortSignal; user?: AbortSignal | undefined; what: string }): Promise<void> {
  let last: KubeObject | undefined;
  try {
    for await (const event of client.watch(kind, { fieldSelector: `metadata.name=${name}`, signal: opts.signal, ...(namespace ? { namespace } : {}) })) {
      if (event.type !== 'ADDED' && event.type !== 'MODIFIED') continue;
      last = event.object;
      if (ready(event.object)) return;
    }
  } catch (error) {
    if (!opts.signal.aborted) throw error;
  }
  opts.user?.throwIfAborted(); // cancelled by the caller, not timed out
  const reason = last ? condition(last, 'Available')?.message ?? condition(last, 'Established')?.message : undefined;
  throw new KubeError('Timeout', `${opts.what} did not become ready in time${reason ? `: ${reason}` : ''}`, { cause: opts.signal.reason });
}

/** The group of each CRD in the plan, so objects of those groups wait for their CRD. */
function crdNames(plan: ManifestPlan): Map<string, string> {
  const groups = new Map<string, string>();
  for (const o of plan.objects) {
    const group = (o.body['spec'] as { group?: unknown } | undefined)?.group;
    if (o.kind === 'CustomResourceDefinition' && typeof group === 'string') groups.set(group, o.name);
  }
  return groups;
}

async function createOne(client: KubeClient, object: ManifestObject, signal: AbortSignal | undefined): Promise<'created' | 'exists'> {
  try {
    await client.create(object.body as KubeObject, signal ? { signal } : {});
    return 'created';
  } catch (error) {
    if (error instanceof KubeError && error.reason === 'AlreadyExists') return 'exists';
    throw error;
  }
}

/** Creates the plan's objects and waits for its Deployments; throws the KubeError of a refused create or a timeout. */
export async function installManifest(client: KubeClient, plan: ManifestPlan, opts: InstallManifestOptions = {}): Promise<InstallManifestResult> {
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? 300_000);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const groups = crdNames(plan);
  const established = new Set<string>();
  const result: InstallManifestResult = { created: 0, existing: 0, available: [] };
  for (const object of plan.objects) {
    opts.signal?.throwIfAborted();
    const crd = groups.get(object.apiVersion.split('/')[0] ?? '');
    if (object.kind !== 'CustomResourceDefinition' && crd && !established.has(crd)) {
      opts.onProgress?.(`waiting for CustomResourceDefinition ${crd} to be Established`);
      await watchUntil(client, crdKind, crd, undefined, (o) => condition(o, 'Established')?.status === 'True', { signal, user: opts.signal, what: `CustomResourceDefinition ${crd}` });
      established.add(crd);
    }
    const outcome = await createOne(client, object, opts.signal);
    result[outcome === 'created' ? 'created' : 'existing']++;
    opts.onObject?.(object, outcome);
  }
  await Promise.all(plan.deployments.map(async (d) => {
    const namespace = d.namespace ?? client.namespace;
    opts.onProgress?.(`waiting for deployment ${namespace}/${d.name} to be Available`);
    await watchUntil(client, deploymentKind, d.name, namespace, (o) => condition(o, 'Available')?.status === 'True', { signal, user: opts.signal, what: `deployment ${namespace}/${d.name}` });
    result.available.push(`${namespace}/${d.name}`);
  }));
  return result;
}
