/**
 * create / get / list / delete / patch / server dry run for any kind, over the REST paths of resources.ts.
 * Lists are paged with `limit` + `continue` and every object loses `metadata.managedFields` (Headlamp's fix for
 * out-of-memory on 35k pods); a page answered 410 (continue token expired) restarts the list once.
 */
import { KubeError } from './errors.js';
import type { StatusCause } from './errors.js';
import { kindOf, resourcePath } from './resources.js';
import type { KindRef, Resource, ResourceMapper } from './resources.js';
import type { Transport } from './transport.js';

/** Any Kubernetes object as the server returns it; callers parse what they use (STYLE.md "Typed boundaries"). */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; uid?: string; resourceVersion?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Namespace for namespaced kinds (default: the context's). */
  namespace?: string;
}

export interface ListOptions extends CallOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** Page size (`limit`, default 500). */
  pageSize?: number;
  /** List every namespace (ignores `namespace`). */
  allNamespaces?: boolean;
}

export interface ListResult<T = KubeObject> {
  items: T[];
  /** The list's resourceVersion: where a watch starts. */
  resourceVersion: string;
}

export interface DeleteOptions extends CallOptions {
  /** `gracePeriodSeconds` of DeleteOptions (0 = now). */
  gracePeriodSeconds?: number;
  /** `propagationPolicy`: what happens to dependents (a Job's pods). */
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
}

/** merge = RFC 7386, strategic = Kubernetes strategic merge (built-in kinds only), json = RFC 6902 operations. */
export type PatchType = 'merge' | 'strategic' | 'json';

export interface PatchOptions extends CallOptions {
  type: PatchType;
  fieldManager?: string;
  /** `dryRun=All`: the server validates and admits the patched object without storing it (`kubetasks check`). */
  dryRun?: boolean;
}

export type DryRunResult =
  | { ok: true; object: KubeObject }
  /** The server refused the object: its field causes (with unknown fields from strict decoding). */
  | { ok: false; error: KubeError; causes: StatusCause[] };

const patchContentType: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
};

const fieldManager = 'kubetasks';

/** Drops `metadata.managedFields` (large, never shown). */
export function withoutManagedFields<T>(object: T): T {
  const meta = (object as KubeObject | undefined)?.metadata;
  if (meta && 'managedFields' in meta) delete meta['managedFields'];
  return object;
}

/** Unknown fields named by strict decoding ("strict decoding error: unknown field \"spec.foo\"") as causes. */
export function strictDecodingCauses(message: string): StatusCause[] {
  return [...message.matchAll(/unknown field "([^"]+)"/g)].map((m) => ({ reason: 'FieldValueUnknown', field: m[1], message: 'unknown field' }));
}

export class ObjectClient {
  private readonly transport: Transport;
  private readonly mapper: ResourceMapper;
  private readonly defaultNamespace: string;
  constructor(transport: Transport, mapper: ResourceMapper, defaultNamespace: string) {
    this.transport = transport;
    this.mapper = mapper;
    this.defaultNamespace = defaultNamespace;
  }

  private ns(r: Resource, namespace: string | undefined): string | undefined {
    return r.namespaced ? (namespace ?? this.defaultNamespace) : undefined;
  }

  private async target(object: KubeObject, opts: CallOptions): Promise<{ r: Resource; namespace: string | undefined }> {
    const r = await this.mapper.resolve(kindOf(object), opts.signal);
    return { r, namespace: this.ns(r, object.metadata?.namespace ?? opts.namespace) };
  }

  async create<T extends KubeObject>(object: T, opts: CallOptions = {}): Promise<T> {
    const { r, namespace } = await this.target(object, opts);
    const what = `create ${r.plural}/${object.metadata?.name ?? object.metadata?.['generateName'] ?? ''}`;
    const body = r.namespaced && namespace ? { ...object, metadata: { ...object.metadata, namespace } } : object;
    const created = await this.transport.json<T>({ method: 'POST', path: resourcePath(r, namespace), query: { fieldManager }, body, signal: opts.signal, what });
    return withoutManagedFields(created);
  }

  async get<T extends KubeObject = KubeObject>(kind: KindRef, name: string, opts: CallOptions = {}): Promise<T> {
    const r = await this.mapper.resolve(kind, opts.signal);
    const namespace = this.ns(r, opts.namespace);
    return withoutManagedFields(await this.transport.json<T>({ method: 'GET', path: resourcePath(r, namespace, name), signal: opts.signal, what: `get ${r.plural}/${name}` }));
  }

  async list<T extends KubeObject = KubeObject>(kind: KindRef, opts: ListOptions = {}): Promise<ListResult<T>> {
    const r = await this.mapper.resolve(kind, opts.signal);
    const path = resourcePath(r, opts.allNamespaces ? undefined : this.ns(r, opts.namespace));
    for (let restarted = false; ; restarted = true) {
      try {
        return await this.pages<T>(r, path, opts);
      } catch (error) {
        // a continue token expires after etcd compaction (410): kubectl starts the list again
        if (restarted || !(error instanceof KubeError) || error.reason !== 'Expired') throw error;
      }
    }
  }

  private async pages<T extends KubeObject>(r: Resource, path: string, opts: ListOptions): Promise<ListResult<T>> {
    const items: T[] = [];
    let token: string | undefined;
    let resourceVersion = '';
    do {
      opts.signal?.throwIfAborted();
      const page = await this.transport.json<{ items?: T[]; metadata?: { continue?: string; resourceVersion?: string } }>({
        method: 'GET',
        path,
        query: { limit: opts.pageSize ?? 500, continue: token, labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector },
        signal: opts.signal,
        what: `list ${r.plural}`,
      });
      for (const item of page.items ?? []) items.push(withoutManagedFields(item));
      token = page.metadata?.continue || undefined;
      resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
    } while (token);
    return { items, resourceVersion };
  }

  async delete(kind: KindRef, name: string, opts: DeleteOptions = {}): Promise<KubeObject> {
    const r = await this.mapper.resolve(kind, opts.signal);
    const body = { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: opts.gracePeriodSeconds, propagationPolicy: opts.propagationPolicy };
    const what = `delete ${r.plural}/${name}`;
    return withoutManagedFields(await this.transport.json<KubeObject>({ method: 'DELETE', path: resourcePath(r, this.ns(r, opts.namespace), name), body, signal: opts.signal, what }));
  }

  async patch<T extends KubeObject = KubeObject>(kind: KindRef, name: string, patch: unknown, opts: PatchOptions): Promise<T> {
    const r = await this.mapper.resolve(kind, opts.signal);
    const patched = await this.transport.json<T>({
      method: 'PATCH',
      path: resourcePath(r, this.ns(r, opts.namespace), name),
      query: { fieldManager: opts.fieldManager ?? fieldManager, dryRun: opts.dryRun ? 'All' : undefined },
      body: patch,
      contentType: patchContentType[opts.type],
      signal: opts.signal,
      what: `patch ${r.plural}/${name}`,
    });
    return withoutManagedFields(patched);
  }

  /** Creates with `dryRun=All` and `fieldValidation=Strict`: nothing is stored; refusals come back as values. */
  async serverDryRun(object: KubeObject, opts: CallOptions = {}): Promise<DryRunResult> {
    const { r, namespace } = await this.target(object, opts);
    const body = r.namespaced && namespace ? { ...object, metadata: { ...object.metadata, namespace } } : object;
    try {
      const accepted = await this.transport.json<KubeObject>({
        method: 'POST',
        path: resourcePath(r, namespace),
        query: { dryRun: 'All', fieldValidation: 'Strict', fieldManager },
        body,
        signal: opts.signal,
        what: `server dry run of ${r.plural}/${object.metadata?.name ?? ''}`,
      });
      return { ok: true, object: withoutManagedFields(accepted) };
    } catch (error) {
      if (!(error instanceof KubeError) || (error.reason !== 'Invalid' && error.reason !== 'AlreadyExists')) throw error;
      const causes = error.causes.length > 0 ? error.causes : strictDecodingCauses(error.message);
      return { ok: false, error, causes };
    }
  }
}
