/**
 * Which run each object of the Tasks tree belongs to (issue 14). Airflow stores `make_safe_label_value` of each id on
 * what it launches, so a run is keyed by those label values; a session record knows the real ids. Objects are linked
 * to their run by labels, by a record's object list, by ownerReferences (Job → pods, Job → Workload) and by
 * spark-operator's driver labels (`sparkoperator.k8s.io/app-name`, `spark-role`).
 */
import { makeSafeLabelValue } from '../operators/index.js';
import type { LaunchRecord } from './session.js';
import type { ObjectShape } from './tree-objects.js';
import type { TreeObject } from './tree-nodes.js';

/** A run's identity as Airflow's labels store it. */
export interface RunKey {
  dag: string;
  task: string;
  run: string;
  tryNumber: string;
  /** Set for an older session launch of the same run and try (the newest one takes the cluster's objects). */
  launch?: string;
}

export interface RunGroup {
  key: RunKey;
  record?: LaunchRecord;
  objects: TreeObject[];
  created: string;
}

export const keyText = (k: RunKey): string => `${k.dag}/${k.task}/${k.run}/${k.tryNumber}${k.launch ? `#${k.launch}` : ''}`;

export function labelsOf(o: ObjectShape): Record<string, string> {
  return o.metadata?.labels ?? {};
}

/** What grouping reads of one object: its label key (if labelled), that key's text, and its `kind/ns/name`. */
export interface ObjectFacts {
  key: RunKey | undefined;
  keyText: string;
  id: string;
}

/** The run key from Airflow's identity labels (`_get_ti_pod_labels`), if the object carries them. */
function labelKey(o: ObjectShape): RunKey | undefined {
  const l = labelsOf(o);
  if (l['dag_id'] === undefined || l['task_id'] === undefined || l['run_id'] === undefined) return undefined;
  return { dag: l['dag_id'], task: l['task_id'], run: l['run_id'], tryNumber: l['try_number'] ?? '' };
}

export function objectFacts(o: TreeObject): ObjectFacts {
  const key = labelKey(o.object);
  return { key, keyText: key ? keyText(key) : '', id: `${o.kind}/${o.object.metadata?.namespace ?? ''}/${o.object.metadata?.name ?? ''}` };
}

function recordKey(r: LaunchRecord): RunKey {
  return { dag: makeSafeLabelValue(r.dagId), task: makeSafeLabelValue(r.taskId), run: makeSafeLabelValue(r.runId), tryNumber: String(r.tryNumber) };
}

/** A group's creation time as its objects are added in order: the earliest, an empty one replaced by the next. */
export function foldCreated(created: string, o: TreeObject): string {
  const t = o.object.metadata?.creationTimestamp ?? '';
  return !created || t < created ? t : created;
}

/** Run groups by key, with the indexes unlabelled objects are linked through. */
class RunIndex {
  readonly groups = new Map<string, RunGroup>();
  readonly byUid = new Map<string, RunKey>();
  readonly byName = new Map<string, RunKey>();

  /** Adds `o` to its group; `linkable` also records it in the indexes unlabelled objects are linked through. */
  add(key: RunKey, text: string, o?: TreeObject, id?: string, linkable = true): RunGroup {
    let group = this.groups.get(text);
    if (!group) {
      group = { key, objects: [], created: '' };
      this.groups.set(text, group);
    }
    if (!o) return group;
    group.objects.push(o);
    if (linkable) this.link(key, o, id ?? '');
    group.created = foldCreated(group.created, o);
    return group;
  }

  link(key: RunKey, o: TreeObject, id: string): void {
    const uid = o.object.metadata?.uid;
    if (uid) this.byUid.set(uid, key);
    this.byName.set(id, key);
  }

  /** Newest first: an older launch of the same run and try gets its own group. */
  addRecords(records: readonly LaunchRecord[]): void {
    for (const r of [...records].reverse()) {
      const plain = recordKey(r);
      const key = this.groups.get(keyText(plain))?.record ? { ...plain, launch: r.id } : plain;
      const group = this.add(key, keyText(key));
      group.record = r;
      if (!group.created) group.created = new Date(r.startedAt).toISOString();
      for (const o of r.objects) this.byName.set(`${o.kind}/${o.namespace}/${o.name}`, group.key);
    }
  }

  /** Which run an unlabelled object belongs to: its owner's, its Spark application's, or a record that lists it. */
  linked(o: TreeObject, id: string): RunKey | undefined {
    for (const owner of o.object.metadata?.ownerReferences ?? []) {
      const k = owner.uid ? this.byUid.get(owner.uid) : undefined;
      if (k) return k;
    }
    const app = labelsOf(o.object)['sparkoperator.k8s.io/app-name'];
    return app ? this.byName.get(`SparkApplication/${o.object.metadata?.namespace ?? ''}/${app}`) : this.byName.get(id);
  }
}

/**
 * The run groups in the order they were found (records newest first, then the objects' order). `facts` may answer
 * from a cache: an object of the store is replaced, never changed, when its watch reports a change.
 */
export function groupRuns(records: readonly LaunchRecord[], objects: readonly TreeObject[], facts: (o: TreeObject) => ObjectFacts = objectFacts): RunGroup[] {
  const index = new RunIndex();
  index.addRecords(records);
  const unlabelled: TreeObject[] = [];
  for (const o of objects) {
    const f = facts(o);
    // The link indexes are only read for unlabelled objects: filled below, in this order, if there are any.
    if (f.key) index.add(f.key, f.keyText, o, f.id, false);
    else unlabelled.push(o);
  }
  if (unlabelled.length > 0) {
    for (const o of objects) {
      const f = facts(o);
      if (f.key) index.link(f.key, o, f.id);
    }
  }
  // Owners first: a Workload or a pod links through its Job, a driver through its SparkApplication.
  for (let pass = 0; pass < 2; pass++) {
    for (const o of unlabelled.splice(0)) {
      const id = facts(o).id;
      const key = index.linked(o, id);
      if (key) index.add(key, keyText(key), o, id);
      else unlabelled.push(o);
    }
  }
  // A pod or Workload linked to nothing is someone else's (a Job's pod Airflow did not make); a Job or
  // SparkApplication without Airflow's labels but watched may still be a task's, so it is shown apart.
  for (const o of unlabelled) {
    if (o.kind !== 'SparkApplication' && o.kind !== 'Job') continue;
    const key = { dag: '(no dag_id)', task: o.kind, run: o.object.metadata?.name ?? '?', tryNumber: '' };
    index.add(key, keyText(key), o, facts(o).id);
  }
  return [...index.groups.values()];
}
