/**
 * The object nodes under a run: pod → containers, Job → its pods and Kueue Workload, SparkApplication → driver then
 * executors, Workload → its admission state; and what only the session still knows (deleted objects, the XCom).
 * And the run nodes Reattach applies to (`run.reattach`).
 */
import type { ContainerStatusShape, PodShape } from './pod-shape.js';
import type { LaunchRecord } from './session.js';
import type { NodeTarget, TaskNode } from './task-tree.js';
import { baseContainerOf, failureText, objectState, type ObjectKind, type ObjectShape } from './tree-objects.js';

export interface TreeObject {
  kind: ObjectKind;
  object: ObjectShape;
}

function targetOf(o: TreeObject): NodeTarget {
  return { kind: o.kind, namespace: o.object.metadata?.namespace ?? '', name: o.object.metadata?.name ?? '' };
}

function containerText(s: ContainerStatusShape | undefined): { icon: TaskNode['icon']; text: string } {
  const state = s?.state;
  if (state?.terminated) {
    const t = state.terminated;
    const f = { reason: t.reason ?? 'Terminated', exitCode: t.exitCode ?? null, message: '' };
    return { icon: t.exitCode === 0 ? 'succeeded' : 'failed', text: `Terminated · ${failureText(f)}` };
  }
  if (state?.running) return { icon: 'running', text: `Running${s?.restartCount ? ` · ${s.restartCount} restarts` : ''}` };
  if (state?.waiting) return { icon: 'pending', text: `Waiting${state.waiting.reason ? ` · ${state.waiting.reason}` : ''}` };
  return { icon: 'pending', text: 'Not started' };
}

/** `base` first, then the pod's order (init containers last). */
function containerNodes(o: TreeObject): TaskNode[] {
  const pod = o.object as PodShape;
  const base = baseContainerOf(pod);
  const names = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].map((c) => c.name);
  names.sort((a, b) => Number(b === base) - Number(a === base));
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  return names.map((name) => {
    const status = statuses.find((s) => s.name === name);
    const { icon, text } = containerText(status);
    const restarted = (status?.restartCount ?? 0) > 0 ? '.restarted' : '';
    return {
      id: `container:${targetOf(o).namespace}/${targetOf(o).name}/${name}`,
      label: name,
      description: text,
      tooltip: `${name}: ${text}${status?.state?.terminated?.message ? `\n${status.state.terminated.message.trim()}` : ''}`,
      icon: icon === 'pending' || icon === 'running' ? 'container' : icon,
      contextValue: `container${restarted}`,
      target: { ...targetOf(o), container: name },
      children: [],
    };
  });
}

function isOwnedBy(child: TreeObject, parent: TreeObject): boolean {
  const uid = parent.object.metadata?.uid;
  return uid !== undefined && (child.object.metadata?.ownerReferences ?? []).some((r) => r.uid === uid);
}

function sparkRole(o: TreeObject): string {
  return o.object.metadata?.labels?.['spark-role'] ?? '';
}

function childrenOf(o: TreeObject, all: readonly TreeObject[], now: number): TaskNode[] {
  switch (o.kind) {
    case 'Pod':
      return containerNodes(o);
    case 'Job':
      return all.filter((c) => c !== o && isOwnedBy(c, o)).map((c) => objectNode(c, all, now));
    case 'SparkApplication': {
      const name = o.object.metadata?.name;
      const pods = all.filter((c) => c.kind === 'Pod' && c.object.metadata?.labels?.['sparkoperator.k8s.io/app-name'] === name);
      pods.sort((a, b) => Number(sparkRole(b) === 'driver') - Number(sparkRole(a) === 'driver'));
      return pods.map((c) => objectNode(c, all, now));
    }
    case 'Workload': {
      const text = objectState('Workload', o.object, now).text;
      return [{ id: `admission:${targetOf(o).namespace}/${targetOf(o).name}`, label: 'Admission', description: text, tooltip: text, icon: 'info', contextValue: 'info', children: [] }];
    }
  }
}

export function objectNode(o: TreeObject, all: readonly TreeObject[], now: number): TaskNode {
  const state = objectState(o.kind, o.object, now);
  const t = targetOf(o);
  const role = sparkRole(o);
  const failure = state.failure?.message ? `\n${state.failure.message}` : '';
  const suspended = o.kind === 'Job' && o.object.spec?.['suspend'] === true ? '.suspended' : '';
  return {
    id: `${o.kind}:${t.namespace ?? ''}/${t.name ?? ''}`,
    label: t.name ?? '?',
    description: `${o.kind === 'Pod' ? '' : `${o.kind} · `}${role ? `${role} · ` : ''}${state.text}`,
    tooltip: `${o.kind} ${t.namespace ?? ''}/${t.name ?? ''}\n${state.text}${failure}`,
    icon: state.phase,
    contextValue: `${o.kind === 'SparkApplication' ? 'spark' : o.kind.toLowerCase()}${suspended}`,
    target: t,
    children: childrenOf(o, all, now),
  };
}

/** Operators whose `do_xcom_push` reads the sidecar's return.json. */
const xcomOperators = new Set(['KubernetesPodOperator', 'KubernetesJobOperator']);

function xcomPreview(record: LaunchRecord): string {
  if (record.outcome?.reason === 'JSONDecodeError') return 'invalid';
  if (record.xcom === null) return record.doXcomPush ? 'empty' : 'not pushed';
  const text = JSON.stringify(record.xcom);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Objects the launch listed that the cluster no longer has (deleted by `on_finish_action`), and the XCom. */
export function recordOnlyNodes(record: LaunchRecord, present: readonly TreeObject[]): TaskNode[] {
  const has = (kind: string, ns: string, name: string): boolean =>
    present.some((p) => p.kind === kind && p.object.metadata?.namespace === ns && p.object.metadata.name === name);
  const gone: TaskNode[] = record.objects
    .filter((o) => !has(o.kind, o.namespace, o.name))
    .map((o) => ({
      id: `gone:${record.id}:${o.kind}/${o.namespace}/${o.name}`,
      label: o.name,
      description: `${o.kind === 'Pod' ? '' : `${o.kind} · `}${o.state === 'deleted' ? 'deleted' : 'gone'}`,
      tooltip: `${o.kind} ${o.namespace}/${o.name}: ${o.state === 'deleted' ? 'deleted by the launch (on_finish_action)' : 'no longer in the cluster'}; its last log lines are kept in this session`,
      icon: 'deleted',
      contextValue: `gone.${o.kind.toLowerCase()}`,
      target: { recordId: record.id, kind: o.kind, namespace: o.namespace, name: o.name },
      children: [],
    }));
  if (!record.outcome || !xcomOperators.has(record.operator)) return gone;
  const preview = xcomPreview(record);
  return [...gone, {
    id: `xcom:${record.id}`, label: 'XCom', description: preview, tooltip: `return_value: ${preview}`,
    icon: 'xcom', contextValue: 'xcom', target: { recordId: record.id }, children: [],
  }];
}

/** A run this editor does not follow whose pod still runs or waits to start: `find_pod` would reattach to it. */
function isReattachable(n: TaskNode): boolean {
  return n.contextValue === 'run' && n.target?.kind === 'Pod' && (n.icon === 'running' || n.icon === 'pending');
}

/**
 * The tree with each reattachable run's contextValue `run.reattach` (the Reattach menu's `viewItem`; `^run` menus
 * still apply). Runs sit at the top or under DAG and task nodes only; untouched branches are returned as they were.
 */
export function markReattachable(nodes: TaskNode[]): TaskNode[] {
  let changed = false;
  const out = nodes.map((n) => {
    if (isReattachable(n)) {
      changed = true;
      return { ...n, contextValue: 'run.reattach' };
    }
    if (n.contextValue !== 'dag' && n.contextValue !== 'task') return n;
    const children = markReattachable(n.children);
    if (children === n.children) return n;
    changed = true;
    return { ...n, children };
  });
  return changed ? out : nodes;
}
