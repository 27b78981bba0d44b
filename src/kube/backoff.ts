/**
 * Abortable waits and the reconnect backoff shared by watches and log follows: 1 s doubling to 30 s (client-node's
 * ListWatch and client-go's reflector use the same shape), reset once a connection delivered something.
 */
import { KubeError } from './errors.js';

/** Resolves after `ms`, or rejects with an Aborted KubeError as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new KubeError('Aborted', 'cancelled', { cause: signal.reason }));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new KubeError('Aborted', 'cancelled', { cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
}

/** Doubling delays between `initialMs` (1 s) and `maxMs` (30 s). */
export class Backoff {
  private next: number;
  private readonly initialMs: number;
  private readonly maxMs: number;
  constructor(opts: BackoffOptions = {}) {
    this.initialMs = opts.initialMs ?? 1000;
    this.maxMs = opts.maxMs ?? 30_000;
    this.next = this.initialMs;
  }

  /** The delay to wait now; the following one doubles. */
  take(): number {
    const d = this.next;
    this.next = Math.min(this.next * 2, this.maxMs);
    return d;
  }

  reset(): void {
    this.next = this.initialMs;
  }
}
