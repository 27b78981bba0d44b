/**
 * The editor's session model (issue 14): every launch made from this editor, kept after its pod is deleted
 * (`on_finish_action: delete_pod` is Airflow's default), so the Tasks tree can still show its outcome, exit code,
 * XCom and last log lines. The Launch command records into it through a `LaunchRecorder`; the tree listens with
 * `onChange`. Pure: the clock is injected, nothing here touches the cluster.
 */
import type { LaunchObject, LaunchOutcome } from './outcome.js';
import type { XcomValue } from './xcom.js';

/** Lines kept per container once a launch ends (the newest ones). */
export const sessionLogLimit = 200;

/** What the Launch command knows when a launch starts. */
export interface LaunchStart {
  /** The operator class (`KubernetesPodOperator`, `KubernetesJobOperator`, …). */
  operator: string;
  dagId: string;
  taskId: string;
  /** The real run id (not the label-safe value stored on the pod). */
  runId: string;
  tryNumber: number;
  namespace: string;
  /** Where the task came from (a document URI as text), for the tree's tooltip and Relaunch. */
  source?: string;
  /** The rendered manifest (YAML) that was sent, for Open Rendered Manifest. */
  manifest?: string;
  /** `do_xcom_push`: whether an empty XCom is "empty" or "not pushed". */
  doXcomPush?: boolean;
  /** Cancel the running launch (the runtime's AbortSignal: the operator's `on_kill`). */
  cancel?: () => void;
  /** Launch the same run again, next try (set by the Launch command). */
  relaunch?: () => Promise<unknown>;
}

export interface LaunchRecord {
  /** Unique in this session (`<runId>#<try>` plus a counter). */
  id: string;
  operator: string;
  dagId: string;
  taskId: string;
  runId: string;
  tryNumber: number;
  namespace: string;
  source: string | undefined;
  manifest: string | undefined;
  doXcomPush: boolean;
  /** The runtime's latest state text ("Waiting for admission in queue q", Spark's state, …). */
  stateText: string;
  /** Objects the launch created or acted on, in order; their `state` comes from the outcome when it ends. */
  objects: LaunchObject[];
  /** Undefined while the launch runs. */
  outcome: LaunchOutcome | undefined;
  exitCode: number | null;
  xcom: XcomValue;
  /** The last `sessionLogLimit` lines per container, in arrival order of the containers. */
  logs: ReadonlyMap<string, readonly string[]>;
  startedAt: number;
  finishedAt: number | undefined;
  cancel: (() => void) | undefined;
  relaunch: (() => Promise<unknown>) | undefined;
}

/** The Launch command's handle on one record. */
export interface LaunchRecorder {
  readonly id: string;
  log(container: string, text: string): void;
  state(text: string): void;
  object(kind: LaunchObject['kind'], namespace: string, name: string): void;
  /** The try the runtime settled on: a relaunch of a run whose pod is gone creates try_number + 1 (`find_pod`). */
  tryNumber(value: number): void;
  finish(outcome: LaunchOutcome): void;
}

export type SessionListener = (record: LaunchRecord) => void;

/** A log line as it arrives (the log panels show it live; the record keeps the last lines). */
export type SessionLogListener = (record: LaunchRecord, container: string, text: string) => void;

interface MutableRecord extends Omit<LaunchRecord, 'logs'> {
  logs: Map<string, string[]>;
}

function appendLine(logs: Map<string, string[]>, container: string, text: string): void {
  const lines = logs.get(container) ?? [];
  if (!logs.has(container)) logs.set(container, lines);
  lines.push(text);
  if (lines.length > sessionLogLimit) lines.splice(0, lines.length - sessionLogLimit);
}

export class LaunchSession {
  private readonly records = new Map<string, MutableRecord>();
  private readonly listeners = new Set<SessionListener>();
  private readonly logListeners = new Set<SessionLogListener>();
  private counter = 0;
  private readonly now: () => number;

  /** `now` is the clock (milliseconds), injected so the model stays pure. */
  constructor(now: () => number) {
    this.now = now;
  }

  begin(start: LaunchStart): LaunchRecorder {
    this.counter += 1;
    const record: MutableRecord = {
      id: `${start.runId}#${start.tryNumber}.${this.counter}`,
      operator: start.operator,
      dagId: start.dagId,
      taskId: start.taskId,
      runId: start.runId,
      tryNumber: start.tryNumber,
      namespace: start.namespace,
      source: start.source,
      manifest: start.manifest,
      doXcomPush: start.doXcomPush ?? true,
      stateText: 'Starting',
      objects: [],
      outcome: undefined,
      exitCode: null,
      xcom: null,
      logs: new Map(),
      startedAt: this.now(),
      finishedAt: undefined,
      cancel: start.cancel,
      relaunch: start.relaunch,
    };
    this.records.set(record.id, record);
    this.emit(record);
    return this.recorderFor(record);
  }

  /** All records, oldest first. */
  all(): readonly LaunchRecord[] {
    return [...this.records.values()];
  }

  get(id: string): LaunchRecord | undefined {
    return this.records.get(id);
  }

  /** The record that created (or acted on) this object, newest first. */
  findByObject(kind: LaunchObject['kind'], namespace: string, name: string): LaunchRecord | undefined {
    return [...this.records.values()].reverse().find((r) => r.objects.some((o) => o.kind === kind && o.namespace === namespace && o.name === name));
  }

  /** Forget a record (Delete on a finished launch). */
  remove(id: string): boolean {
    const record = this.records.get(id);
    if (!record) return false;
    this.records.delete(id);
    this.emit(record);
    return true;
  }

  /** Returns the unsubscribe function. */
  onChange(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every log line recorded from now on; returns the unsubscribe function. */
  onLog(listener: SessionLogListener): () => void {
    this.logListeners.add(listener);
    return () => this.logListeners.delete(listener);
  }

  private emit(record: LaunchRecord): void {
    for (const listener of [...this.listeners]) listener(record);
  }

  private recorderFor(record: MutableRecord): LaunchRecorder {
    const ended = (): boolean => record.outcome !== undefined;
    return {
      id: record.id,
      log: (container, text) => {
        // Lines arrive often: they go to the log listeners only, not to the tree's change listeners.
        if (ended()) return;
        appendLine(record.logs, container, text);
        for (const listener of [...this.logListeners]) listener(record, container, text);
      },
      state: (text) => {
        if (ended() || record.stateText === text) return;
        record.stateText = text;
        this.emit(record);
      },
      object: (kind, namespace, name) => {
        if (ended() || record.objects.some((o) => o.kind === kind && o.namespace === namespace && o.name === name)) return;
        record.objects.push({ kind, namespace, name, state: 'kept' });
        this.emit(record);
      },
      tryNumber: (value) => {
        if (ended() || record.tryNumber === value) return;
        record.tryNumber = value;
        this.emit(record);
      },
      finish: (outcome) => {
        if (ended()) return;
        this.finishRecord(record, outcome);
        this.emit(record);
      },
    };
  }

  private finishRecord(record: MutableRecord, outcome: LaunchOutcome): void {
    record.outcome = outcome;
    record.exitCode = outcome.exitCode;
    record.xcom = outcome.xcom;
    record.finishedAt = this.now();
    record.cancel = undefined;
    // The outcome's list is authoritative for what was deleted or kept; objects only seen through hooks stay.
    const merged = outcome.objects.map((o) => ({ ...o }));
    for (const seen of record.objects) {
      if (!merged.some((o) => o.kind === seen.kind && o.namespace === seen.namespace && o.name === seen.name)) merged.push(seen);
    }
    record.objects = merged;
    record.stateText = outcomeLabel(outcome.outcome);
  }
}

/** The word the tree shows for how a launch ended. */
export function outcomeLabel(kind: LaunchOutcome['outcome']): string {
  switch (kind) {
    case 'success':
      return 'Succeeded';
    case 'failed':
      return 'Failed';
    case 'skipped':
      return 'Skipped';
    case 'cancelled':
      return 'Cancelled';
    case 'error':
      return 'Cluster error';
    case 'launched':
      return 'Launched (not followed)';
  }
}
