// Bounded waiting for the cluster tests: poll a real server until a deadline, or collect watch
// events until a predicate holds. Failures name what was awaited and the last error seen.
import { Watch } from '@kubernetes/client-node';
import type { KubeConfig } from '@kubernetes/client-node';

/** Polls `probe` until it returns a value other than undefined/false, or throws after `timeoutMs`. */
export async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      const why = last instanceof Error ? `: ${last.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface WatchEvent<T> {
  type: string;
  object: T;
}

/**
 * Opens a watch on `path` and resolves with every event seen once `done(events)` is true.
 * Rejects when the watch ends first or after `timeoutMs`. The watch is always closed.
 */
export async function watchUntil<T>(
  kc: KubeConfig,
  path: string,
  query: Record<string, string>,
  done: (events: WatchEvent<T>[]) => boolean,
  timeoutMs: number,
  onOpen?: () => Promise<void>,
): Promise<WatchEvent<T>[]> {
  const events: WatchEvent<T>[] = [];
  let abort: AbortController | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<WatchEvent<T>[]>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`watch ${path} timed out after ${timeoutMs} ms; saw ${JSON.stringify(events.map((e) => e.type))}`)), timeoutMs);
      new Watch(kc)
        .watch(
          path,
          query,
          (type, object: T) => {
            events.push({ type, object });
            if (done(events)) resolve(events);
          },
          (err: unknown) => reject(new Error(`watch ${path} ended early (${String(err)}); events: ${JSON.stringify(events.map((e) => (e.type === 'ERROR' ? e.object : e.type)))}`)),
        )
        .then(async (a) => {
          abort = a;
          await onOpen?.();
        })
        .catch(reject);
    });
  } finally {
    clearTimeout(timer);
    abort?.abort();
  }
}
