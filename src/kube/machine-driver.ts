/**
 * The event loop every lifecycle driver shares (STYLE.md, "Lifecycles"): the pure machine of src/tasks gets one event
 * at a time (answers of the calls it asked for, watch events, stream ends), or a `tick` at its `nextWakeMs()`; an abort
 * of the caller's signal is the operator's `on_kill`, a `cancel` event. Subclasses carry out decisions through the
 * KubeClient port and push the answers back; no lifecycle rule lives here.
 */
import type { ApiFailure, LaunchOutcome } from '../tasks/index.js';
import { toApiFailure } from './errors.js';

/** What a driver needs of a machine (LaunchMachine, JobMachine, JobAdminMachine, SparkMachine). */
export interface DrivenMachine<E, D> {
  start(): D[];
  handle(event: E): D[];
  /** When the machine wants a `tick` (its clock's milliseconds), if it waits for one. */
  nextWakeMs(): number | undefined;
  /** Set once a `finish` decision was returned. */
  readonly outcome: LaunchOutcome | undefined;
}

// Every machine's event union has `tick` and `cancel` members; TypeScript cannot see that through the generic.
const tick = { type: 'tick' } as const;
const cancel = { type: 'cancel' } as const;

export abstract class MachineDriver<E extends { type: string }, D> {
  private readonly queue: E[] = [];
  private wake: (() => void) | undefined;
  /** Aborted when the run ends: stops every stream and call still open. */
  protected readonly life = new AbortController();
  protected abstract readonly machine: DrivenMachine<E, D>;
  private readonly clock: () => number;
  private readonly signal: AbortSignal | undefined;

  constructor(clock: () => number, signal: AbortSignal | undefined) {
    this.clock = clock;
    this.signal = signal;
  }

  /** Carries out one decision; answers come back through `push`. */
  protected abstract carryOut(decision: D): void;

  /** Stops the driver's own streams and watches when the run ends (before `life` is aborted). */
  protected stop(): void {}

  protected push(event: E): void {
    if (this.life.signal.aborted) return;
    this.queue.push(event);
    this.wake?.();
  }

  /** A call through the port: its answer, or its mapped failure, comes back as an event. */
  protected call<T>(promise: Promise<T>, ok: (value: T) => E, failed: (error: ApiFailure) => E, what: string): void {
    promise.then((value) => this.push(ok(value)), (error: unknown) => this.push(failed(toApiFailure(error, what))));
  }

  protected apply(decisions: D[]): void {
    for (const d of decisions) this.carryOut(d);
  }

  /** The next event: queued, else a tick at the machine's wake time (or whenever one arrives). */
  private next(): Promise<E> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => {
      const at = this.machine.nextWakeMs();
      const timer = at === undefined ? undefined : setTimeout(() => done(), Math.max(0, at - this.clock()));
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve(this.queue.shift() ?? (tick as unknown as E));
      };
      this.wake = done;
    });
  }

  /** Runs the machine to its outcome. */
  async run(): Promise<LaunchOutcome> {
    const onAbort = (): void => this.push(cancel as unknown as E);
    this.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      this.apply(this.machine.start());
      if (this.signal?.aborted) onAbort();
      while (this.machine.outcome === undefined) this.apply(this.machine.handle(await this.next()));
      return this.machine.outcome;
    } finally {
      this.signal?.removeEventListener('abort', onAbort);
      this.stop();
      this.life.abort();
    }
  }
}
