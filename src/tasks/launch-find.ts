/**
 * `get_or_create_pod` (operators/pod.py, provider 10.25.0) for a launch: a new run creates its pod; `--run-id`
 * lists the run's pods first and, with `durable`/`reattach_on_restart` (True by default), reuses the one still
 * running, or deletes a finished one (per `on_finish_action`) and creates the next try. Airflow 3.3's task state
 * store does not exist outside Airflow, so the label search (its fallback) is the rule here.
 */
import { shouldDeletePod } from './cleanup.js';
import type { Failure } from './launch-outcome.js';
import type { LaunchDecision, LaunchEvent, LaunchInput } from './launch-types.js';
import type { LaunchObject, OutcomeKind } from './outcome.js';
import { isTerminalPhase, podName, podPhase, type PodShape } from './pod-shape.js';
import { findPod, findPodLabelSelector, nextTryNumber, podCheckedKey } from './run-context.js';

export interface FindResult {
  decisions: LaunchDecision[];
  /** The launch's pod, once created or chosen. */
  pod?: PodShape;
  objects: LaunchObject[];
  finish?: { kind: OutcomeKind; failure?: Failure };
}

const none = (decisions: LaunchDecision[] = []): FindResult => ({ decisions, objects: [] });

export class FindStep {
  readonly namespace: string;
  private inflight: 'list' | 'create' | 'rerun-delete' | undefined;
  private tryNumber: number;
  /** The older pod `find_pod` would patch (and maybe delete) after creating, when reattach is off. */
  private older: PodShape | undefined;
  private rerun: PodShape | undefined;

  private readonly input: LaunchInput;

  constructor(input: LaunchInput) {
    this.input = input;
    const metadata = (input.body['metadata'] ?? {}) as { namespace?: string };
    this.namespace = metadata.namespace ?? 'default';
    this.tryNumber = input.context.try_number;
  }

  inFlight(): boolean {
    return this.inflight !== undefined;
  }

  start(): LaunchDecision[] {
    if (!this.input.existingRun) return this.create();
    this.inflight = 'list';
    const selector = findPodLabelSelector(this.input.options.labels, this.input.taskId, this.input.context, false);
    return [{ kind: 'list-pods', namespace: this.namespace, labelSelector: selector }];
  }

  handle(event: LaunchEvent, cancelPending: boolean): FindResult {
    switch (event.type) {
      case 'pods-listed':
        this.inflight = undefined;
        return cancelPending ? { ...none(), finish: { kind: 'cancelled' } } : this.choose(event.pods);
      case 'list-failed':
      case 'create-failed':
        this.inflight = undefined;
        return { ...none(), finish: { kind: cancelPending ? 'cancelled' : 'failed', failure: { exception: 'ApiException', message: event.error.message, cluster: true } } };
      case 'pod-created':
        this.inflight = undefined;
        return { decisions: this.duplicates(), pod: event.pod, objects: [this.object(event.pod, 'kept')] };
      case 'api-done':
        return event.id === 'rerun-delete' ? this.afterRerunDelete(event.error, cancelPending) : none();
      default:
        return none();
    }
  }

  private choose(pods: PodShape[]): FindResult {
    const o = this.input.options;
    this.tryNumber = nextTryNumber(pods, this.input.context.try_number);
    if (!o.reattachOnRestart) {
      this.older = pods.find((p) => p.metadata?.labels?.[podCheckedKey] !== 'True');
      return none(this.create());
    }
    const selector = findPodLabelSelector(o.labels, this.input.taskId, this.input.context, true);
    const found = findPod(pods, true, selector);
    if (found.kind === 'none') return none(this.create());
    if (found.kind !== 'one') return { ...none(), finish: { kind: 'failed', failure: { exception: 'FoundMoreThanOnePodFailure', message: found.kind === 'error' ? found.message : selector } } };
    const pod = found.pod;
    const phase = podPhase(pod);
    const reason = (pod.status?.reason ?? '').toLowerCase();
    if (!isTerminalPhase(phase) && reason !== 'evicted') {
      const text = `Reusing existing pod '${podName(pod)}' (phase=${phase ?? 'None'}, reason=${reason}) since it is not terminated or evicted.`;
      return { decisions: [{ kind: 'progress', level: 'info', text }], pod, objects: [this.object(pod, 'kept')] };
    }
    const text = `Found terminated old matching pod ${podName(pod)}`;
    if (!shouldDeletePod(pod, o.onFinishAction, o.baseContainerName)) {
      return { decisions: [{ kind: 'progress', level: 'info', text }], pod, objects: [this.object(pod, 'kept')] };
    }
    this.inflight = 'rerun-delete';
    this.rerun = pod;
    return none([{ kind: 'progress', level: 'info', text }, { kind: 'delete-pod', id: 'rerun-delete', namespace: this.namespace, name: podName(pod) }]);
  }

  private afterRerunDelete(error: { reason: string; message: string } | undefined, cancelPending: boolean): FindResult {
    this.inflight = undefined;
    const gone = !error || error.reason === 'NotFound';
    const objects = this.rerun ? [this.object(this.rerun, gone ? 'deleted' : 'kept')] : [];
    if (!gone) return { decisions: [], objects, finish: { kind: 'failed', failure: { exception: 'ApiException', message: error.message, cluster: true } } };
    if (cancelPending) return { decisions: [], objects, finish: { kind: 'cancelled' } };
    return { decisions: [{ kind: 'progress', level: 'info', text: 'Deleted pod to handle rerun and create new pod!' }, ...this.create()], objects };
  }

  /** `create_pod` with the rendered body; a relaunch of a run is its next try (`try_number` label). */
  private create(): LaunchDecision[] {
    this.inflight = 'create';
    const body = structuredClone(this.input.body);
    if (this.input.existingRun) {
      const metadata = (body['metadata'] ?? {}) as { labels?: Record<string, string> };
      metadata.labels = { ...(metadata.labels ?? {}), try_number: String(this.tryNumber) };
      body['metadata'] = metadata;
    }
    return [{ kind: 'create-pod', namespace: this.namespace, body }];
  }

  /** `process_duplicate_label_pods`: the older match is patched `already_checked`, and deleted under `delete_pod`. */
  private duplicates(): LaunchDecision[] {
    const older = this.older;
    if (!older) return [];
    const target = { namespace: this.namespace, name: podName(older) };
    const out: LaunchDecision[] = [{ kind: 'patch-pod', id: 'duplicate-patch', ...target, patch: { metadata: { labels: { [podCheckedKey]: 'True' } } } }];
    if (this.input.options.onFinishAction === 'delete_pod') out.push({ kind: 'delete-pod', id: 'duplicate-delete', ...target });
    return out;
  }

  private object(pod: PodShape, state: LaunchObject['state']): LaunchObject {
    return { kind: 'Pod', namespace: this.namespace, name: podName(pod), state };
  }
}
