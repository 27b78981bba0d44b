/**
 * The polling schedule for an Airflow run's state (issue 16: Airflow has no watch, so run state is polled; the
 * "never poll" rule is about cluster objects). Starts at 1 s so a short run is seen quickly, grows by half each
 * time, and stays at 10 s (the web UI's own auto-refresh is 3 s per open page; one CLI should ask less often).
 */
import { AirflowError } from './errors.js';

export const POLL_INITIAL_MS = 1000;
export const POLL_MAX_MS = 10_000;

/** The wait before poll number `attempt` (0-based). */
export function pollDelayMs(attempt: number): number {
  return Math.min(POLL_MAX_MS, Math.round(POLL_INITIAL_MS * 1.5 ** Math.max(0, attempt)));
}

/** Resolves after `ms`, or rejects with an Aborted AirflowError as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = (): AirflowError => new AirflowError('Aborted', 'cancelled', { cause: signal?.reason });
    if (signal?.aborted) {
      reject(aborted());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(aborted());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
