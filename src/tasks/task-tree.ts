/**
 * The Tasks tree as plain nodes (issue 14): session launches and the labelled objects of the namespace, grouped
 * `dag_id` → `task_id` → run/try. Airflow stores `make_safe_label_value` of each id on what it launches, so a run is
 * keyed by those label values; a session record knows the real ids, and its run shows the real run id. Objects are
 * linked to their run by labels, by a record's object list, by ownerReferences (Job → pods, Job → Workload) and by
 * spark-operator's driver labels (`sparkoperator.k8s.io/app-name`, `spark-role`).
 */
import { makeSafeLabelValue } from '../operators/index.js';
import { outcomeLabel, type LaunchRecord } from './session.js';
import type { ObjectKind, ObjectShape, Phase } from './tree-objects.js';
import { objectNode, recordOnlyNodes, type TreeObject } from './tree-nodes.js';

export type { TreeObject } from './tree-nodes.js';

/** What a context action acts on. */
export interface NodeTarget {
  recordId?: string;
  kind?: ObjectKind;
  namespace?: string;
  name?: string;
  container?: string;
  /** A run KubeTasks triggered on an Airflow server (issue 16; src/tasks/airflow-runs.ts). */
  airflow?: { server: string; dagId: string; runId: string; taskId?: string };
}

export interface TaskNode {
  /** Stable across rebuilds (VS Code keeps expansion and selection by id). */
  id: string;
  label: string;
  description: string;
  tooltip: string;
  /** A phase, or the kind of grouping node. */
  icon: Phase | 'dag' | 'task' | 'container' | 'info' | 'xcom';
  /** `run`, `run.live`, `pod`, `job`, `job.suspended`, `spark`, `workload`, `container`, `dag`, `task`, `info`, `xcom`. */
  contextValue: string;
  target?: NodeTarget;
  children: TaskNode[];
}

export interface TreeInput {
  records: readonly LaunchRecord[];
  objects: readonly TreeObject[];
  grouping: 'dag' | 'none';
  now: number;
}

/** A run's identity as Airflow's labels store it. */
interface RunKey {
  dag: string;
  task: string;
  run: string;
  tryNumber: string;
  /** Set for an older session launch of the same run and try (the newest one takes the cluster's objects). */
  launch?: string;
}

interface RunGroup {
  key: RunKey;
  record?: LaunchRecord;
  objects: TreeObject[];
  created: string;
}

const keyText = (k: RunKey): string => `${k.dag}/${k.task}/${k.run}/${k.tryNumber}${k.launch ? `#${k.launch}` : ''}`;

function labelsOf(o: ObjectShape): Record<string, string> {
  return o.metadata?.labels ?? {};
}

/** The run key from Airflow's identity labels (`_get_ti_pod_labels`), if the object carries them. */
function labelKey(o: ObjectShape): RunKey | undefined {
  const l = labelsOf(o);
  if (l['dag_id'] === undefined || l['task_id'] === undefined || l['run_id'] === undefined) return undefined;
  return { dag: l['dag_id'], task: l['task_id'], run: l['run_id'], tryNumber: l['try_number'] ?? '' };
}

function recordKey(r: LaunchRecord): RunKey {
  return { dag: makeSafeLabelValue(r.dagId), task: makeSafeLabelValue(r.taskId), run: makeSafeLabelValue(r.runId), tryNumber: String(r.tryNumber) };
}

const objectId = (o: TreeObject): string => `${o.kind}/${o.object.metadata?.namespace ?? ''}/${o.object.metadata?.name ?? ''}`;

/** Which run an unlabelled object belongs to: its owner's, its Spark application's, or a record that lists it. */
function linkedKey(o: TreeObject, byUid: Map<string, RunKey>, byName: Map<string, RunKey>): RunKey | undefined {
  for (const owner of o.object.metadata?.ownerReferences ?? []) {
    const k = owner.uid ? byUid.get(owner.uid) : undefined;
    if (k) return k;
  }
  const app = labelsOf(o.object)['sparkoperator.k8s.io/app-name'];
  return app ? byName.get(`SparkApplication/${o.object.metadata?.namespace ?? ''}/${app}`) : byName.get(objectId(o));
}

/** Run groups by key, with the indexes unlabelled objects are linked through. */
class RunIndex {
  readonly groups = new Map<string, RunGroup>();
  readonly byUid = new Map<string, RunKey>();
  readonly byName = new Map<string, RunKey>();

  add(key: RunKey, o?: TreeObject): RunGroup {
    const text = keyText(key);
    const group = this.groups.get(text) ?? { key, objects: [], created: '' };
    this.groups.set(text, group);
    if (!o) return group;
    group.objects.push(o);
    const uid = o.object.metadata?.uid;
    if (uid) this.byUid.set(uid, key);
    this.byName.set(objectId(o), key);
    const created = o.object.metadata?.creationTimestamp ?? '';
    if (!group.created || created < group.created) group.created = created;
    return group;
  }

  /** Newest first: an older launch of the same run and try gets its own group. */
  addRecords(records: readonly LaunchRecord[]): void {
    for (const r of [...records].reverse()) {
      const plain = recordKey(r);
      const group = this.add(this.groups.get(keyText(plain))?.record ? { ...plain, launch: r.id } : plain);
      group.record = r;
      if (!group.created) group.created = new Date(r.startedAt).toISOString();
      for (const o of r.objects) this.byName.set(`${o.kind}/${o.namespace}/${o.name}`, group.key);
    }
  }
}

function groupRuns(input: TreeInput): RunGroup[] {
  const index = new RunIndex();
  index.addRecords(input.records);
  const unlabelled: TreeObject[] = [];
  for (const o of input.objects) {
    const key = labelKey(o.object);
    if (key) index.add(key, o);
    else unlabelled.push(o);
  }
  // Owners first: a Workload or a pod links through its Job, a driver through its SparkApplication.
  for (let pass = 0; pass < 2; pass++) {
    for (const o of unlabelled.splice(0)) {
      const key = linkedKey(o, index.byUid, index.byName);
      if (key) index.add(key, o);
      else unlabelled.push(o);
    }
  }
  // A pod or Workload linked to nothing is someone else's (a Job's pod Airflow did not make); a Job or
  // SparkApplication without Airflow's labels but watched may still be a task's, so it is shown apart.
  for (const o of unlabelled) {
    if (o.kind === 'SparkApplication' || o.kind === 'Job') index.add({ dag: '(no dag_id)', task: o.kind, run: o.object.metadata?.name ?? '?', tryNumber: '' }, o);
  }
  return [...index.groups.values()];
}

function isTop(o: TreeObject, group: RunGroup): boolean {
  const uids = new Set(group.objects.map((x) => x.object.metadata?.uid).filter(Boolean));
  const owned = (o.object.metadata?.ownerReferences ?? []).some((ref) => ref.uid !== undefined && uids.has(ref.uid));
  const app = labelsOf(o.object)['sparkoperator.k8s.io/app-name'];
  const driven = app !== undefined && group.objects.some((x) => x.kind === 'SparkApplication' && x.object.metadata?.name === app);
  return !owned && !driven;
}

/** The run's phase: the session's outcome when it ended, else its main object's, else the launch's state text. */
function runPhase(group: RunGroup, children: TaskNode[]): { phase: Phase; text: string } {
  const r = group.record;
  if (r?.outcome) {
    const phases: Record<string, Phase> = { success: 'succeeded', failed: 'failed', skipped: 'skipped', cancelled: 'cancelled', error: 'failed', launched: 'running' };
    const exit = r.exitCode === null ? '' : ` · exit ${r.exitCode}`;
    const reason = r.outcome.outcome === 'failed' || r.outcome.outcome === 'error' ? ` · ${r.outcome.reason ?? 'Failed'}` : '';
    return { phase: phases[r.outcome.outcome] ?? 'unknown', text: `${outcomeLabel(r.outcome.outcome)}${reason}${exit}` };
  }
  const main = children.find((c) => c.target?.kind !== undefined);
  if (main && main.icon !== 'dag') return { phase: main.icon as Phase, text: main.description };
  return { phase: r ? 'pending' : 'unknown', text: r?.stateText ?? '' };
}

function runNode(group: RunGroup, input: TreeInput): TaskNode {
  const r = group.record;
  const tops = group.objects.filter((o) => isTop(o, group));
  const children = tops.map((o) => objectNode(o, group.objects, input.now));
  if (r) children.push(...recordOnlyNodes(r, group.objects));
  const { phase, text } = runPhase(group, children);
  const runLabel = r ? r.runId : group.key.run;
  const tryText = group.key.tryNumber ? ` · try ${group.key.tryNumber}` : '';
  const stored = r && group.key.run !== r.runId ? `\nlabel run_id=${group.key.run}` : '';
  const label = input.grouping === 'none' ? `${r?.dagId ?? group.key.dag}.${r?.taskId ?? group.key.task} · ${runLabel}` : runLabel;
  const live = r && !r.outcome;
  return {
    id: `run:${keyText(group.key)}${r ? `:${r.id}` : ''}`,
    label: `${label}${tryText}`,
    description: text,
    tooltip: `${r ? 'Launched from this editor' : 'Found in the cluster by its labels'}\nrun_id ${runLabel}${stored}\n${text}${r?.outcome?.message ? `\n${r.outcome.message}` : ''}`,
    icon: phase,
    contextValue: live ? 'run.live' : 'run',
    target: { ...(r ? { recordId: r.id } : {}), ...mainTarget(tops) },
    children,
  };
}

function mainTarget(tops: TreeObject[]): NodeTarget {
  const main = tops[0];
  if (!main) return {};
  return { kind: main.kind, namespace: main.object.metadata?.namespace ?? '', name: main.object.metadata?.name ?? '' };
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** The whole tree: DAG → task → runs (newest first), or runs alone with `grouping: 'none'`. */
export function buildTaskTree(input: TreeInput): TaskNode[] {
  const groups = groupRuns(input).sort((a, b) => b.created.localeCompare(a.created));
  if (input.grouping === 'none') return groups.map((g) => runNode(g, input));
  const dags = [...groupBy(groups, (g) => g.record?.dagId ?? g.key.dag)].sort(([a], [b]) => a.localeCompare(b));
  return dags.map(([dag, inDag]) => {
    const tasks = [...groupBy(inDag, (g) => g.record?.taskId ?? g.key.task)].sort(([a], [b]) => a.localeCompare(b));
    return {
      id: `dag:${dag}`, label: dag, description: `${inDag.length} run${inDag.length === 1 ? '' : 's'}`, tooltip: `dag_id ${dag}`,
      icon: 'dag', contextValue: 'dag',
      children: tasks.map(([task, runs]) => {
        // each run's node is built once: the task shows its newest run's state
        const runNodes = runs.map((g) => runNode(g, input));
        return {
          id: `task:${dag}/${task}`, label: task, description: runNodes[0]?.description ?? '', tooltip: `task_id ${task}`,
          icon: 'task', contextValue: 'task', children: runNodes,
        };
      }),
    };
  });
}

/** The first node, depth first, that satisfies `pred`. */
export function findNode(nodes: readonly TaskNode[], pred: (n: TaskNode) => boolean): TaskNode | undefined {
  for (const n of nodes) {
    if (pred(n)) return n;
    const hit = findNode(n.children, pred);
    if (hit) return hit;
  }
  return undefined;
}

/** Whether any node still counts a Pending clock (the adapter re-renders those once a second). */
export function hasClock(nodes: readonly TaskNode[]): boolean {
  return nodes.some((n) => n.icon === 'pending' || hasClock(n.children));
}

