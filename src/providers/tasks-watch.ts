/**
 * The Tasks tree's label-selected watches (issue 14; never polling): pods Airflow's KubernetesPodOperator (and
 * KubernetesJobOperator's pod template) labels `kubernetes_pod_operator=True`, spark-operator's pods (`spark-role`),
 * Jobs' pods (`batch.kubernetes.io/job-name`), Jobs with Airflow's label, and the SparkApplications and Kueue Workloads of the namespace. Each is src/kube's
 * resuming watch (list, watch, relist on 410, RECONNECTING with backoff). A kind whose CRD is not installed
 * (spark-operator, Kueue) is left out quietly. A pod several pod watches report is passed on once (WatchMerge).
 */
import type { KubeClient, WatchEvent } from '../kube/index.js';
import { WatchMerge, type ObjectChange, type ObjectKind, type ObjectShape } from '../tasks/index.js';

interface WatchSpec {
  kind: ObjectKind;
  labelSelector?: string;
}

export const TASK_WATCHES: readonly WatchSpec[] = [
  { kind: 'Pod', labelSelector: 'kubernetes_pod_operator=True' },
  { kind: 'Pod', labelSelector: 'spark-role' },
  // A Job's pods (the Job controller's label); only those whose Job is in the tree are shown.
  { kind: 'Pod', labelSelector: 'batch.kubernetes.io/job-name' },
  { kind: 'Job', labelSelector: 'kubernetes_pod_operator=True' },
  { kind: 'SparkApplication' },
  { kind: 'Workload' },
];

export type WatchStatus =
  | { state: 'synced' }
  | { state: 'reconnecting'; message: string }
  | { state: 'failed'; message: string };

export interface WatchSink {
  change(change: ObjectChange): void;
  /** A watch listed again after a gap: the objects of its kind and selector it no longer reports are gone. */
  status(index: number, status: WatchStatus): void;
}

/** Not installed, or not ours to read: the watch stops instead of retrying forever. */
function isFinal(event: WatchEvent): boolean {
  return event.type === 'RECONNECTING' && ['NotFound', 'Forbidden', 'Unauthorized'].includes(event.error.reason);
}

async function runOne(client: KubeClient, namespace: string, index: number, signal: AbortSignal, sink: WatchSink, merge: WatchMerge): Promise<void> {
  const spec = TASK_WATCHES[index] as WatchSpec;
  const options = { namespace, signal, ...(spec.labelSelector ? { labelSelector: spec.labelSelector } : {}) };
  let retrying = false;
  for await (const event of client.watch(spec.kind, options)) {
    if (signal.aborted) return;
    if (event.type === 'SYNCED' || (retrying && event.type !== 'RECONNECTING')) {
      // A resumed watch reports no SYNCED (only a relist does): its first event says it is back.
      retrying = false;
      sink.status(index, { state: 'synced' });
    }
    if (event.type === 'SYNCED') continue;
    if (event.type === 'RECONNECTING') {
      if (isFinal(event)) {
        // A missing CRD (no spark-operator, no Kueue) is normal; a refused pod watch is not.
        const optional = spec.kind === 'SparkApplication' || spec.kind === 'Workload';
        sink.status(index, optional && event.error.reason === 'NotFound' ? { state: 'synced' } : { state: 'failed', message: event.error.message });
        return;
      }
      retrying = true;
      sink.status(index, { state: 'reconnecting', message: `${event.error.message}; retrying in ${Math.round(event.delayMs / 1000)} s` });
    } else {
      // List items come without `kind`; the watch knows it.
      const change = merge.accept(index, { kind: spec.kind, type: event.type, object: event.object as ObjectShape });
      if (change) sink.change(change);
    }
  }
}

/** Starts every watch; they run until `signal` aborts. */
export function startTaskWatches(client: KubeClient, namespace: string, signal: AbortSignal, sink: WatchSink): Promise<void> {
  const merge = new WatchMerge();
  return Promise.all(TASK_WATCHES.map((_, i) => runOne(client, namespace, i, signal, sink, merge).catch((error: unknown) => {
    if (!signal.aborted) sink.status(i, { state: 'failed', message: error instanceof Error ? error.message : String(error) });
  }))).then(() => undefined);
}
