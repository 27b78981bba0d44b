/**
 * A watch that does not stop: list, then watch from the list's resourceVersion with `allowWatchBookmarks=true` and a
 * server-side `timeoutSeconds` below client-node's 30 s idle limit; a watch that ends is resumed from the last
 * resourceVersion seen; a 410 Expired (HTTP or an in-stream ERROR event) lists again and reports only what changed
 * meanwhile; every other failure is retried with backoff (1 s → 30 s) and reported as a RECONNECTING item, where
 * client-node's informer stops for good (kubernetes-client/javascript#1496, #958, #596). Each change is reported once:
 * objects are remembered by uid with their resourceVersion, so a relist or a repeated event adds nothing twice.
 */
import { Backoff, sleep } from './backoff.js';
import type { BackoffOptions } from './backoff.js';
import { errorFromResponse, toKubeError } from './errors.js';
import type { KubeError } from './errors.js';
import { readLines } from './lines.js';
import type { KubeObject, ListOptions, ObjectClient } from './objects.js';
import { resourcePath } from './resources.js';
import type { KindRef, ResourceMapper } from './resources.js';
import type { Transport } from './transport.js';

export type WatchEvent<T = KubeObject> =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: T }
  /** The events so far describe every object that exists (after each list). */
  | { type: 'SYNCED'; resourceVersion: string; relisted: boolean }
  /** The watch failed and is retried after `delayMs`; it stays open. */
  | { type: 'RECONNECTING'; error: KubeError; delayMs: number };

export interface WatchOptions extends Omit<ListOptions, 'pageSize'> {
  /** Server-side watch timeout (default 25; client-node gives up after 30 s without data). */
  timeoutSeconds?: number;
  backoff?: BackoffOptions;
}

type Change = { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: KubeObject };

function keyOf(o: KubeObject): string {
  return o.metadata?.uid ?? `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}

/** What a fresh list changes in what we know: unseen → ADDED, newer → MODIFIED, gone → DELETED. */
function diffList(known: Map<string, KubeObject>, items: KubeObject[]): Change[] {
  const changes: Change[] = [];
  const present = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    present.add(key);
    const before = known.get(key);
    if (!before) changes.push({ type: 'ADDED', object: item });
    else if (before.metadata?.resourceVersion !== item.metadata?.resourceVersion) changes.push({ type: 'MODIFIED', object: item });
    known.set(key, item);
  }
  for (const [key, object] of known) {
    if (!present.has(key)) {
      known.delete(key);
      changes.push({ type: 'DELETED', object });
    }
  }
  return changes;
}

/** Applies one watch event to what we know; false when it repeats what we already have. */
function applyEvent(known: Map<string, KubeObject>, type: Change['type'], object: KubeObject): boolean {
  const key = keyOf(object);
  const before = known.get(key);
  if (type === 'DELETED') return known.delete(key);
  if (before && before.metadata?.resourceVersion === object.metadata?.resourceVersion) return false;
  known.set(key, object);
  return true;
}

interface RawEvent {
  type?: string;
  object?: KubeObject & { code?: number };
}

interface WatchDeps {
  transport: Transport;
  mapper: ResourceMapper;
  objects: ObjectClient;
  namespace: string;
}

/** What a watch carries from one connection to the next. */
interface WatchState {
  known: Map<string, KubeObject>;
  backoff: Backoff;
  rv: string | undefined;
  lists: number;
  timeoutSeconds: number;
}

async function* relist(deps: WatchDeps, kind: KindRef, opts: WatchOptions, st: WatchState): AsyncGenerator<WatchEvent> {
  const list = await deps.objects.list(kind, opts);
  for (const change of diffList(st.known, list.items)) yield change;
  st.rv = list.resourceVersion;
  yield { type: 'SYNCED', resourceVersion: st.rv, relisted: st.lists++ > 0 };
}

/** One watch connection from `st.rv`, until the server ends it; an ERROR event is thrown as a KubeError. */
async function* watchOnce(deps: WatchDeps, kind: KindRef, opts: WatchOptions, st: WatchState): AsyncGenerator<WatchEvent> {
  const r = await deps.mapper.resolve(kind, opts.signal);
  const started = Date.now();
  const res = await deps.transport.open({
    method: 'GET',
    path: resourcePath(r, opts.allNamespaces || !r.namespaced ? undefined : (opts.namespace ?? deps.namespace)),
    query: { watch: true, resourceVersion: st.rv, allowWatchBookmarks: true, timeoutSeconds: st.timeoutSeconds, labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector },
    signal: opts.signal,
    what: `watch ${r.plural}`,
    idleTimeoutMs: (st.timeoutSeconds + 30) * 1000,
  });
  let delivered = false;
  try {
    for await (const line of readLines(res)) {
      if (!line.complete || line.text.trim() === '') continue;
      const ev = JSON.parse(line.text) as RawEvent;
      if (ev.type === 'ERROR') throw errorFromResponse(`watch ${r.plural}`, ev.object?.code ?? 500, ev.object);
      const object = ev.object ?? {};
      st.rv = object.metadata?.resourceVersion ?? st.rv;
      delivered = true;
      st.backoff.reset();
      if (ev.type === 'BOOKMARK') continue;
      const type = ev.type as Change['type'];
      if (applyEvent(st.known, type, object)) yield { type, object };
    }
  } finally {
    res.destroy();
  }
  // a normal end (timeoutSeconds, a server going away) resumes from rv; an instant empty end waits first
  if (!delivered && Date.now() - started < 1000) await sleep(st.backoff.take(), opts.signal);
}

export async function* watchObjects(deps: WatchDeps, kind: KindRef, opts: WatchOptions = {}): AsyncGenerator<WatchEvent> {
  const st: WatchState = { known: new Map(), backoff: new Backoff(opts.backoff), rv: undefined, lists: 0, timeoutSeconds: Math.min(opts.timeoutSeconds ?? 25, 29) };
  for (;;) {
    try {
      if (st.rv === undefined) yield* relist(deps, kind, opts, st);
      yield* watchOnce(deps, kind, opts, st);
    } catch (error) {
      const e = toKubeError(error, 'watch');
      if (e.reason === 'Aborted' || opts.signal?.aborted) return;
      if (e.reason === 'Expired') {
        st.rv = undefined; // too old resource version: list again
        continue;
      }
      const delayMs = st.backoff.take();
      yield { type: 'RECONNECTING', error: e, delayMs };
      try {
        await sleep(delayMs, opts.signal);
      } catch {
        return; // aborted while waiting: the watch ends quietly
      }
    }
  }
}
