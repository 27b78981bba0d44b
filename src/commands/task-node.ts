/**
 * What a Tasks tree action acts on: the node it was invoked on (context menu, inline), else the tree's selection,
 * else the newest launch of the session (palette, walkthrough links).
 */
import { findNode, type LaunchRecord, type TaskNode } from '../tasks/index.js';
import type { TaskViews } from '../providers/task-views.js';
import type { CommandContext } from './command.js';

export interface PodRef {
  namespace: string;
  name: string;
  /** `base` first when known; empty when the tree does not show the pod (deleted). */
  containers: string[];
  /** The container node the action was invoked on. */
  container?: string;
}

export function taskViews(context: CommandContext): TaskViews {
  if (!context.tasks) throw new Error('the Tasks view is not available');
  return context.tasks;
}

function isNode(value: unknown): value is TaskNode {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string' && Array.isArray((value as { children?: unknown }).children);
}

/** The newest node of the argument's id, the selection, or the newest session run. */
export function resolveNode(views: TaskViews, arg: unknown): TaskNode | undefined {
  if (isNode(arg)) return views.tree.node(arg.id) ?? arg;
  const selected = views.tree.view?.selection[0];
  if (selected) return views.tree.node(selected.id) ?? selected;
  const newest = views.session.all().at(-1);
  return newest ? findNode(views.tree.nodes(), (n) => n.target?.recordId === newest.id && n.contextValue.startsWith('run')) : undefined;
}

/** The session record behind a node (its run's), or the newest record when none is named. */
export function recordOf(views: TaskViews, node: TaskNode | undefined): LaunchRecord | undefined {
  const id = node?.target?.recordId ?? findNode(node ? [node] : [], (n) => n.target?.recordId !== undefined)?.target?.recordId;
  if (id) return views.session.get(id);
  if (!node) return views.session.all().at(-1);
  const t = node.target;
  return t?.kind && t.namespace !== undefined && t.name ? views.session.findByObject(t.kind, t.namespace, t.name) : undefined;
}

/** The pod a node stands for: itself, its container's pod, or the first pod under it (a Job's, a driver). */
export function podOf(node: TaskNode | undefined): PodRef | undefined {
  if (!node) return undefined;
  const pod = node.target?.kind === 'Pod' ? node : findNode(node.children, (n) => n.target?.kind === 'Pod' && !n.contextValue.startsWith('container'));
  const t = pod?.target ?? (node.target?.kind === 'Pod' ? node.target : undefined);
  if (!t?.name || t.namespace === undefined) return undefined;
  const containers = (pod?.children ?? []).filter((c) => c.contextValue.startsWith('container')).map((c) => c.label);
  return { namespace: t.namespace, name: t.name, containers, ...(node.target?.container ? { container: node.target.container } : {}) };
}
