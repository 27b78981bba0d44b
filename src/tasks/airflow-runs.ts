/**
 * Airflow DAG runs the editor triggered and follows (issue 16), merged into the Tasks tree. A run's KPO pods already
 * appear under dag → task → run through their labels, but the `run_id` label holds `make_safe_label_value(run_id)`
 * (Airflow's `_get_ti_pod_labels`: `manual__2026-…+00:00` becomes `manual__2026-…0000-<hash>`); this maps such a node
 * back to the real run id and adds the run's Airflow state. A run with no pod yet gets its own node under its DAG.
 */
import { makeSafeLabelValue } from '../operators/index.js';
import type { TaskNode } from './task-tree.js';
import type { Phase } from './tree-objects.js';

export interface FollowedTask {
  taskId: string;
  state: string | null;
}

export interface FollowedRun {
  /** The server's display name. */
  server: string;
  dagId: string;
  runId: string;
  /** Airflow's DagRunState (queued, running, success, failed), or what following it failed with. */
  state: string;
  tasks: readonly FollowedTask[];
}

/** Airflow's run / task-instance states as tree phases. */
export function airflowPhase(state: string | null): Phase {
  switch (state) {
    case 'success': return 'succeeded';
    case 'failed': case 'upstream_failed': return 'failed';
    case 'running': case 'restarting': return 'running';
    case 'queued': case 'scheduled': case 'deferred': case 'up_for_retry': case 'up_for_reschedule': case null: return 'pending';
    case 'skipped': return 'skipped';
    case 'removed': return 'deleted';
    default: return 'unknown';
  }
}

/** The dag, task and run of a run node id `run:<dag>/<task>/<run>/<try>[#launch][:record]` (label values hold no `/`). */
function runKeyOf(id: string): { dag: string; task: string; run: string } | undefined {
  if (!id.startsWith('run:')) return undefined;
  const [dag, task, run] = id.slice(4).split('/');
  return dag !== undefined && task !== undefined && run !== undefined ? { dag, task, run } : undefined;
}

function matches(run: FollowedRun, key: { dag: string; task: string; run: string }): boolean {
  return key.dag === makeSafeLabelValue(run.dagId) && key.run === makeSafeLabelValue(run.runId);
}

function decorate(node: TaskNode, run: FollowedRun, task: string): TaskNode {
  const ti = run.tasks.find((t) => makeSafeLabelValue(t.taskId) === task);
  const state = `Airflow ${run.state}${ti?.state ? ` (task ${ti.state})` : ''}`;
  // An ended run shows Airflow's verdict; while it runs, its pod's phase says more (Pending, Running…).
  const ended = run.state === 'success' || run.state === 'failed';
  return {
    ...node,
    ...(ended ? { icon: airflowPhase(run.state) } : {}),
    label: node.label.replace(makeSafeLabelValue(run.runId), run.runId),
    description: node.description ? `${state} · ${node.description}` : state,
    tooltip: `${node.tooltip}\nAirflow run ${run.runId} on ${run.server}: ${run.state}`,
    contextValue: `${node.contextValue}.airflow`,
    target: { ...node.target, airflow: { server: run.server, dagId: run.dagId, runId: run.runId, taskId: ti?.taskId ?? task } },
  };
}

/** The tree with every node of a followed run decorated; returns which runs were found. */
function decorateAll(nodes: readonly TaskNode[], runs: readonly FollowedRun[], found: Set<FollowedRun>): TaskNode[] {
  return nodes.map((node) => {
    const key = runKeyOf(node.id);
    const run = key ? runs.find((r) => matches(r, key)) : undefined;
    if (run && key) {
      found.add(run);
      return decorate(node, run, key.task);
    }
    if (node.children.length === 0) return node;
    const children = decorateAll(node.children, runs, found);
    // A task node shows its newest run's state (buildTaskTree's rule), now with the Airflow state in it.
    return { ...node, children, ...(node.contextValue === 'task' ? { description: children[0]?.description ?? node.description } : {}) };
  });
}

/** A node for a followed run none of whose pods is in the tree (yet): its state and its task instances. */
function airflowRunNode(run: FollowedRun): TaskNode {
  const id = `airflow-run:${run.server}/${run.dagId}/${run.runId}`;
  return {
    id,
    label: run.runId,
    description: `Airflow ${run.state}`,
    tooltip: `Airflow run ${run.runId} of ${run.dagId} on ${run.server}: ${run.state}\nIts pods appear here once Airflow creates them.`,
    icon: airflowPhase(run.state),
    contextValue: 'airflowRun',
    target: { airflow: { server: run.server, dagId: run.dagId, runId: run.runId } },
    children: run.tasks.map((t) => ({
      id: `${id}/${t.taskId}`, label: t.taskId, description: t.state ?? 'no state yet', tooltip: `task ${t.taskId}: ${t.state ?? 'no state yet'}`,
      icon: airflowPhase(t.state), contextValue: 'airflowTask', target: { airflow: { server: run.server, dagId: run.dagId, runId: run.runId, taskId: t.taskId } }, children: [],
    })),
  };
}

/** The tree with the followed runs merged in (dag grouping puts a pod-less run under its DAG node). */
export function mergeAirflowRuns(nodes: readonly TaskNode[], runs: readonly FollowedRun[], grouping: 'dag' | 'none'): TaskNode[] {
  if (runs.length === 0) return [...nodes];
  const found = new Set<FollowedRun>();
  const out = decorateAll(nodes, runs, found);
  for (const run of runs.filter((r) => !found.has(r))) {
    const node = airflowRunNode(run);
    if (grouping === 'none') {
      out.unshift(node);
      continue;
    }
    const dagId = `dag:${makeSafeLabelValue(run.dagId)}`;
    const at = out.findIndex((n) => n.id === dagId || n.id === `dag:${run.dagId}`);
    const dag = at >= 0 ? out[at] : undefined;
    if (dag) out[at] = { ...dag, children: [node, ...dag.children] };
    else out.push({ id: `dag:${run.dagId}`, label: run.dagId, description: 'Airflow run', tooltip: `dag_id ${run.dagId}`, icon: 'dag', contextValue: 'dag', children: [node] });
  }
  return out;
}
