/**
 * The KubeClient port: every operation KubeTasks performs on a cluster, each taking an AbortSignal that reaches
 * the HTTP request, with streams as async iterables. Built from the kubeconfig by kubectl's rules (kubeconfig.ts);
 * the user's kubeconfig is never written.
 */
import { join } from 'node:path';
import { execInContainer } from './exec.js';
import type { ExecOptions, ExecResult } from './exec.js';
import { loadKubeconfig, resolveKubeconfig } from './kubeconfig.js';
import type { KubeconfigOverrides, ResolvedKubeconfig } from './kubeconfig.js';
import { streamLogs } from './logs.js';
import type { LogItem, LogOptions } from './logs.js';
import { ObjectClient } from './objects.js';
import type { CallOptions, DeleteOptions, DryRunResult, KubeObject, ListOptions, ListResult, PatchOptions } from './objects.js';
import { ResourceMapper } from './resources.js';
import type { KindRef } from './resources.js';
import { Transport } from './transport.js';
import { watchObjects } from './watch.js';
import type { WatchEvent, WatchOptions } from './watch.js';

export interface KubeClient {
  /** The context this client talks to, as named in the kubeconfig. */
  readonly contextName: string;
  /** The namespace used when an operation names none (override, else the context's, else "default"). */
  readonly namespace: string;
  /** The API server URL. */
  readonly server: string;
  /** Names of the namespaces the credentials can list. */
  listNamespaces(options?: { signal?: AbortSignal }): Promise<string[]>;
  /** Creates any manifest object (kind from its apiVersion and kind). */
  create<T extends KubeObject>(object: T, options?: CallOptions): Promise<T>;
  get<T extends KubeObject = KubeObject>(kind: KindRef, name: string, options?: CallOptions): Promise<T>;
  /** Every object, fetched in pages, without managedFields. */
  list<T extends KubeObject = KubeObject>(kind: KindRef, options?: ListOptions): Promise<ListResult<T>>;
  delete(kind: KindRef, name: string, options?: DeleteOptions): Promise<KubeObject>;
  patch<T extends KubeObject = KubeObject>(kind: KindRef, name: string, patch: unknown, options: PatchOptions): Promise<T>;
  /** Changes until the signal aborts; never ends on its own (RECONNECTING items while it retries). */
  watch(kind: KindRef, options?: WatchOptions): AsyncIterable<WatchEvent>;
  streamLogs(pod: string, container: string, options?: LogOptions): AsyncIterable<LogItem>;
  exec(pod: string, container: string, command: string[], options?: ExecOptions): Promise<ExecResult>;
  /** Server-side validation without storing: `dryRun=All`, `fieldValidation=Strict`. */
  serverDryRun(object: KubeObject, options?: CallOptions): Promise<DryRunResult>;
  /** Releases pooled connections. */
  close(): void;
}

/** A client for an already resolved kubeconfig target. */
export function kubeClientFor(target: ResolvedKubeconfig): KubeClient {
  const transport = new Transport(target);
  const mapper = new ResourceMapper(transport);
  const objects = new ObjectClient(transport, mapper, target.namespace);
  const deps = { transport, mapper, objects, namespace: target.namespace };
  return {
    contextName: target.contextName,
    namespace: target.namespace,
    server: target.server,
    async listNamespaces(options) {
      const list = await objects.list('Namespace', { signal: options?.signal });
      return list.items.map((ns) => ns.metadata?.name ?? '').filter((name) => name !== '');
    },
    create: (object, options) => objects.create(object, options),
    get: (kind, name, options) => objects.get(kind, name, options),
    list: (kind, options) => objects.list(kind, options),
    delete: (kind, name, options) => objects.delete(kind, name, options),
    patch: (kind, name, patch, options) => objects.patch(kind, name, patch, options),
    watch: (kind, options) => watchObjects(deps, kind, options),
    streamLogs: (pod, container, options) => streamLogs(deps, pod, container, options),
    exec: (pod, container, command, options) => execInContainer(transport, target.namespace, pod, container, command, options),
    serverDryRun: (object, options) => objects.serverDryRun(object, options),
    close: () => transport.close(),
  };
}

/** A client for kubeconfig text (relative paths resolve against the working folder). */
export function createKubeClient(kubeconfigText: string, context?: string | KubeconfigOverrides): KubeClient {
  const overrides = typeof context === 'string' ? { context } : (context ?? {});
  return kubeClientFor(resolveKubeconfig([{ path: join(process.cwd(), 'kubeconfig'), text: kubeconfigText }], overrides));
}

/** A client for the kubeconfig kubectl would use (KUBECONFIG, ~/.kube/config) with the given overrides. */
export function openKubeClient(overrides: KubeconfigOverrides = {}): KubeClient {
  return kubeClientFor(loadKubeconfig(overrides));
}
