/**
 * The Tasks tree as plain nodes (issue 14): session launches and the labelled objects of the namespace, grouped
 * `dag_id` → `task_id` → run/try. Which run an object belongs to is tree-groups.ts; a session record knows the real
 * ids, and its run shows the real run id. tree-builder.ts rebuilds only the runs a change touches.
 */
import { outcomeLabel, type LaunchRecord } from './session.js';
import { groupRuns, keyText, labelsOf, type RunGroup } from './tree-groups.js';
import type { ObjectKind, Phase } from './tree-objects.js';
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

/** Objects owned by another of the run's objects, or driven by its SparkApplication, are shown under it. */
function topsOf(group: RunGroup): TreeObject[] {
  const uids = new Set(group.objects.map((x) => x.object.metadata?.uid).filter(Boolean));
  const apps = new Set(group.objects.filter((x) => x.kind === 'SparkApplication').map((x) => x.object.metadata?.name));
  return group.objects.filter((o) => {
    const owned = (o.object.metadata?.ownerReferences ?? []).some((ref) => ref.uid !== undefined && uids.has(ref.uid));
    const app = labelsOf(o.object)['sparkoperator.k8s.io/app-name'];
    return !owned && !(app !== undefined && apps.has(app));
  });
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

/** One run's node and everything under it: it reads only its group, the grouping and the clock. */
export function runNode(group: RunGroup, input: Pick<TreeInput, 'grouping' | 'now'>): TaskNode {
  const r = group.record;
  const tops = topsOf(group);
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

/**
 * DAG → task → runs (newest first), or runs alone with `grouping: 'none'`, from the run groups in found order;
 * `nodeOf` gives each run's node (built, or reused when its group did not change).
 */
export function assembleTree(found: RunGroup[], grouping: TreeInput['grouping'], nodeOf: (g: RunGroup) => TaskNode): TaskNode[] {
  const groups = found.sort((a, b) => b.created.localeCompare(a.created));
  if (grouping === 'none') return groups.map(nodeOf);
  const dags = [...groupBy(groups, (g) => g.record?.dagId ?? g.key.dag)].sort(([a], [b]) => a.localeCompare(b));
  return dags.map(([dag, inDag]) => {
    const tasks = [...groupBy(inDag, (g) => g.record?.taskId ?? g.key.task)].sort(([a], [b]) => a.localeCompare(b));
    return {
      id: `dag:${dag}`, label: dag, description: `${inDag.length} run${inDag.length === 1 ? '' : 's'}`, tooltip: `dag_id ${dag}`,
      icon: 'dag', contextValue: 'dag',
      children: tasks.map(([task, runs]) => {
        // each run's node is built once: the task shows its newest run's state
        const runNodes = runs.map(nodeOf);
        return {
          id: `task:${dag}/${task}`, label: task, description: runNodes[0]?.description ?? '', tooltip: `task_id ${task}`,
          icon: 'task', contextValue: 'task', children: runNodes,
        };
      }),
    };
  });
}

/** The whole tree, built from scratch (the adapter uses tree-builder.ts, which gives the same nodes). */
export function buildTaskTree(input: TreeInput): TaskNode[] {
  return assembleTree(groupRuns(input.records, input.objects), input.grouping, (g) => runNode(g, input));
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

