/**
 * Which REST path serves a kind. The kinds KubeTasks launches and follows are known up front; any other manifest
 * object's kind is looked up once in API discovery (`GET /apis/<group>/<version>`, APIResourceList `resources[]`:
 * `name`, `kind`, `namespaced`), like kubectl's RESTMapper.
 */
import { KubeError } from './errors.js';
import type { Transport } from './transport.js';

/** A kind by name (one of the kinds KubeTasks runs) or by apiVersion + kind (any manifest object). */
export type KindRef = KnownKind | { apiVersion: string; kind: string };

export interface Resource {
  /** `v1`, `batch/v1`, `sparkoperator.k8s.io/v1beta2`. */
  apiVersion: string;
  kind: string;
  /** The plural resource name in the path (`pods`). */
  plural: string;
  namespaced: boolean;
}

export const knownKinds = {
  Pod: { apiVersion: 'v1', kind: 'Pod', plural: 'pods', namespaced: true },
  Job: { apiVersion: 'batch/v1', kind: 'Job', plural: 'jobs', namespaced: true },
  // spark-operator's CRD (sparkoperator.k8s.io_sparkapplications.yaml, the version SparkKubernetesOperator creates)
  SparkApplication: { apiVersion: 'sparkoperator.k8s.io/v1beta2', kind: 'SparkApplication', plural: 'sparkapplications', namespaced: true },
  // Kueue's storage version of workloads.kueue.x-k8s.io
  Workload: { apiVersion: 'kueue.x-k8s.io/v1beta2', kind: 'Workload', plural: 'workloads', namespaced: true },
  Event: { apiVersion: 'v1', kind: 'Event', plural: 'events', namespaced: true },
  Namespace: { apiVersion: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false },
} as const satisfies Record<string, Resource>;

export type KnownKind = keyof typeof knownKinds;

/** `/api/v1` or `/apis/<group>/<version>`. */
export function groupVersionPath(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

/** The collection path, or the object path when `name` is given. */
export function resourcePath(r: Resource, namespace: string | undefined, name?: string, subresource?: string): string {
  let p = groupVersionPath(r.apiVersion);
  if (r.namespaced) {
    if (namespace) p += `/namespaces/${encodeURIComponent(namespace)}`;
  }
  p += `/${r.plural}`;
  if (name !== undefined) p += `/${encodeURIComponent(name)}`;
  if (subresource) p += `/${subresource}`;
  return p;
}

interface DiscoveryList {
  resources?: { name?: string; kind?: string; namespaced?: boolean }[];
}

/** Resolves kinds, asking discovery at most once per apiVersion. */
export class ResourceMapper {
  private readonly discovered = new Map<string, Promise<DiscoveryList>>();
  private readonly transport: Transport;
  constructor(transport: Transport) {
    this.transport = transport;
  }

  async resolve(ref: KindRef, signal?: AbortSignal): Promise<Resource> {
    if (typeof ref === 'string') return knownKinds[ref];
    const known = Object.values(knownKinds).find((k) => k.apiVersion === ref.apiVersion && k.kind === ref.kind);
    if (known) return known;
    const list = await this.discover(ref.apiVersion, signal);
    const hit = list.resources?.find((r) => r.kind === ref.kind && r.name !== undefined && !r.name.includes('/'));
    if (!hit?.name) {
      throw new KubeError('NotFound', `the server has no resource for kind "${ref.kind}" in ${ref.apiVersion}. Check apiVersion and kind, and that its CRD is installed`, { cause: list });
    }
    return { apiVersion: ref.apiVersion, kind: ref.kind, plural: hit.name, namespaced: hit.namespaced === true };
  }

  private discover(apiVersion: string, signal?: AbortSignal): Promise<DiscoveryList> {
    let p = this.discovered.get(apiVersion);
    if (!p) {
      p = this.transport.json<DiscoveryList>({ method: 'GET', path: groupVersionPath(apiVersion), signal, what: `discover ${apiVersion}` });
      // a failed lookup (CRD not yet installed, a blip) is asked again next time
      p.catch(() => this.discovered.delete(apiVersion));
      this.discovered.set(apiVersion, p);
    }
    return p;
  }
}

/** The KindRef of a manifest object, from its apiVersion and kind. */
export function kindOf(object: unknown): { apiVersion: string; kind: string } {
  const o = object as { apiVersion?: unknown; kind?: unknown } | null;
  if (typeof o?.apiVersion !== 'string' || typeof o.kind !== 'string' || !o.apiVersion || !o.kind) {
    throw new KubeError('Invalid', 'the object has no apiVersion and kind. Add both fields to the manifest', { cause: object });
  }
  return { apiVersion: o.apiVersion, kind: o.kind };
}
