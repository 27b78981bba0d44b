/**
 * The Tasks tree watches pods through three label selectors (Airflow's `kubernetes_pod_operator=True`, Spark's
 * `spark-role`, a Job's `batch.kubernetes.io/job-name`); a label selector cannot say "or", so a pod may match more
 * than one, e.g. a KubernetesJobOperator pod carries Airflow's labels and its Job's. Merged here, each object is
 * reported once: the same resourceVersion from a second watch is dropped (no run is rebuilt for nothing), and a
 * watch that stops seeing the object (it was deleted, or its labels left that selector: a watch reports DELETED
 * then) removes it only when no other watch still reports it. Pure: the watches live in src/providers.
 */
import type { ObjectChange } from './tree-updates.js';

interface Seen {
  /** Bit i set: watch i reports the object now. */
  watches: number;
  resourceVersion: string | undefined;
}

const keyOf = (c: ObjectChange): string =>
  `${c.kind}/${c.object.metadata?.uid ?? `${c.object.metadata?.namespace ?? ''}/${c.object.metadata?.name ?? ''}`}`;

export class WatchMerge {
  private readonly seen = new Map<string, Seen>();

  /** What watch `watch` (0–30) reported, as the change to pass on, or undefined when there is nothing new. */
  accept(watch: number, change: ObjectChange): ObjectChange | undefined {
    const key = keyOf(change);
    const bit = 1 << watch;
    const entry = this.seen.get(key);
    if (change.type === 'DELETED') {
      if (!entry) return change;
      entry.watches &= ~bit;
      if (entry.watches !== 0) return undefined;
      this.seen.delete(key);
      return change;
    }
    const resourceVersion = change.object.metadata?.resourceVersion;
    if (!entry) {
      this.seen.set(key, { watches: bit, resourceVersion });
      return change;
    }
    entry.watches |= bit;
    if (resourceVersion !== undefined && resourceVersion === entry.resourceVersion) return undefined;
    entry.resourceVersion = resourceVersion;
    return change;
  }

  /** Forgets everything (the watches restart for another namespace or context). */
  clear(): void {
    this.seen.clear();
  }
}
