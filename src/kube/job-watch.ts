/**
 * The Job launch driver's watches: the Job by name and the pods of the task's label selector, turned into the Job
 * machine's events (src/tasks `JobEvent`). A re-list after a drop reports what changed meanwhile (watch.ts diffs it),
 * so a pod deleted while the watch was down still arrives as DELETED.
 */
import type { JobEvent, JobWatchShape, PodShape, WorkloadShape } from '../tasks/index.js';
import type { KubeClient } from './cluster.js';
import { isAborted, toApiFailure } from './errors.js';

export type JobEmit = (event: JobEvent) => void;

/** Reasons after which watching again cannot help (the credentials or the namespace are gone). */
const fatalWatch = new Set(['Unauthorized', 'Forbidden', 'AuthPluginMissing', 'AuthPluginFailed']);

function broken(error: unknown, what: string, emit: JobEmit): void {
  emit({ type: 'cluster-error', error: toApiFailure(error, what) });
}

/** Watches one Job until `signal` aborts. */
export async function watchJob(client: KubeClient, namespace: string, name: string, signal: AbortSignal, emit: JobEmit): Promise<void> {
  let present = false;
  try {
    for await (const ev of client.watch('Job', { namespace, fieldSelector: `metadata.name=${name}`, signal })) {
      if (signal.aborted) return;
      if (ev.type === 'ADDED' || ev.type === 'MODIFIED') {
        present = true;
        emit({ type: 'job', job: ev.object as JobWatchShape });
      } else if (ev.type === 'DELETED' || (ev.type === 'SYNCED' && !present)) {
        present = false;
        emit({ type: 'job-gone' });
      } else if (ev.type === 'RECONNECTING' && fatalWatch.has(ev.error.reason)) {
        return broken(ev.error, `watch job ${namespace}/${name}`, emit);
      }
    }
  } catch (error) {
    if (signal.aborted || isAborted(error)) return;
    broken(error, `watch job ${namespace}/${name}`, emit);
  }
}

/** Watches the pods of a label selector until `signal` aborts. */
export async function watchPods(client: KubeClient, namespace: string, labelSelector: string, signal: AbortSignal, emit: JobEmit): Promise<void> {
  try {
    for await (const ev of client.watch('Pod', { namespace, labelSelector, signal })) {
      if (signal.aborted) return;
      if (ev.type === 'ADDED' || ev.type === 'MODIFIED') {
        emit({ type: 'pod', pod: ev.object as PodShape });
      } else if (ev.type === 'DELETED') {
        emit({ type: 'pod-gone', pod: (ev.object as PodShape).metadata?.name ?? '' });
      } else if (ev.type === 'RECONNECTING' && fatalWatch.has(ev.error.reason)) {
        return broken(ev.error, `watch pods ${labelSelector}`, emit);
      }
    }
  } catch (error) {
    if (signal.aborted || isAborted(error)) return;
    broken(error, `watch pods ${labelSelector}`, emit);
  }
}

/**
 * Watches a Kueue Job's Workload (by its `kueue.x-k8s.io/job-uid` label) until `signal` aborts. Best effort: the
 * Workload only explains the wait, so a refused or broken watch (no Kueue API, no permission) just ends it.
 */
export async function watchWorkload(client: KubeClient, namespace: string, labelSelector: string, signal: AbortSignal, emit: JobEmit): Promise<void> {
  try {
    for await (const ev of client.watch('Workload', { namespace, labelSelector, signal })) {
      if (signal.aborted) return;
      if (ev.type === 'ADDED' || ev.type === 'MODIFIED') emit({ type: 'workload', workload: ev.object as WorkloadShape });
      else if (ev.type === 'RECONNECTING') return;
    }
  } catch {
    // the Workload is a detail: the Job's own watch reports what matters
  }
}
