/**
 * How watch events become tree updates (issue 14): events are collected into a batch (the adapter flushes it at most
 * 100 ms after the first one), applied to the set of known objects, and the rebuilt tree is diffed against the
 * shown one so only the nodes that changed are refreshed. Pure: the timer lives in the adapter.
 */
import type { TaskNode, TreeObject } from './task-tree.js';
import type { ObjectKind, ObjectShape } from './tree-objects.js';

export interface ObjectChange {
  kind: ObjectKind;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: ObjectShape;
}

function keyOf(kind: ObjectKind, o: ObjectShape): string {
  return `${kind}/${o.metadata?.uid ?? `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`}`;
}

/** Changes waiting for the next flush; a later change of the same object replaces an earlier one. */
export class ChangeBatch {
  private readonly pending = new Map<string, ObjectChange>();

  /** True when this change starts a new batch (the adapter then arms its timer). */
  add(change: ObjectChange): boolean {
    const first = this.pending.size === 0;
    this.pending.set(keyOf(change.kind, change.object), change);
    return first;
  }

  take(): ObjectChange[] {
    const out = [...this.pending.values()];
    this.pending.clear();
    return out;
  }

  get size(): number {
    return this.pending.size;
  }
}

/**
 * How long to hold a batch before rebuilding: at once when the last rebuild is a whole window ago (a lone event is
 * shown without waiting), else at the window's end, so there is at most one rebuild per `windowMs` under a burst.
 */
export function flushDelay(lastFlushAt: number | undefined, now: number, windowMs: number): number {
  if (lastFlushAt === undefined) return 0;
  return Math.max(0, lastFlushAt + windowMs - now);
}

/** The objects the watches describe now. */
export class ObjectStore {
  private readonly objects = new Map<string, TreeObject>();

  /** Applies changes; true when anything changed. */
  apply(changes: readonly ObjectChange[]): boolean {
    let changed = false;
    for (const c of changes) {
      const key = keyOf(c.kind, c.object);
      if (c.type === 'DELETED') changed = this.objects.delete(key) || changed;
      else {
        this.objects.set(key, { kind: c.kind, object: c.object });
        changed = true;
      }
    }
    return changed;
  }

  /** Forgets every object of a kind (its watch was restarted elsewhere, or the namespace changed). */
  clear(kind?: ObjectKind): void {
    for (const [key, o] of this.objects) if (!kind || o.kind === kind) this.objects.delete(key);
  }

  list(): TreeObject[] {
    return [...this.objects.values()];
  }

  find(kind: ObjectKind, namespace: string, name: string): TreeObject | undefined {
    return [...this.objects.values()].find((o) => o.kind === kind && o.object.metadata?.namespace === namespace && o.object.metadata.name === name);
  }
}

export interface TreeDiff {
  /** The top level changed (added, removed or reordered roots): refresh everything. */
  all: boolean;
  /** Ids of shown nodes to refresh (each refresh covers its subtree); none is inside another. */
  changed: string[];
}

const sameItem = (a: TaskNode, b: TaskNode): boolean =>
  a.label === b.label && a.description === b.description && a.tooltip === b.tooltip && a.icon === b.icon && a.contextValue === b.contextValue;

const sameIds = (a: readonly TaskNode[], b: readonly TaskNode[]): boolean => a.length === b.length && a.every((n, i) => n.id === b[i]?.id);

function diffChildren(prev: readonly TaskNode[], next: readonly TaskNode[], out: string[]): void {
  prev.forEach((p, i) => {
    const n = next[i] as TaskNode;
    if (p === n) return; // a run the builder kept (tree-builder.ts): nothing under it changed
    if (!sameItem(p, n) || !sameIds(p.children, n.children)) out.push(p.id);
    else diffChildren(p.children, n.children, out);
  });
}

/** Which shown nodes must be refreshed to show `next`. */
export function diffTrees(prev: readonly TaskNode[], next: readonly TaskNode[]): TreeDiff {
  if (!sameIds(prev, next)) return { all: true, changed: [] };
  const changed: string[] = [];
  diffChildren(prev, next, changed);
  return { all: false, changed };
}

/** Every node by id (the adapter answers VS Code's calls with the newest node of an id). */
export function indexNodes(nodes: readonly TaskNode[], into = new Map<string, TaskNode>()): Map<string, TaskNode> {
  for (const n of nodes) {
    into.set(n.id, n);
    indexNodes(n.children, into);
  }
  return into;
}
