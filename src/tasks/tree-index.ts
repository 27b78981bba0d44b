/**
 * Every node of the shown Tasks tree by id (the adapter answers VS Code's calls with the newest node of an id),
 * kept up to date from one tree to the next without walking what did not change (issue 14 "Performance"): a node
 * that is the very object indexed for its id is the same subtree (nodes are never changed in place; tree-builder.ts
 * hands back a run's node as it was), so only new nodes are walked, and the old tree only where it was replaced.
 * Holds the same entries as `indexNodes` of the tree (tree-builder.test.ts checks it).
 */
import type { TaskNode } from './task-tree.js';

export class TreeIndex {
  private readonly byId = new Map<string, TaskNode>();
  private shown: readonly TaskNode[] = [];

  /** Indexes `next`, the tree shown from now on. */
  update(next: readonly TaskNode[]): void {
    const kept = new Set<TaskNode>();
    this.add(next, kept);
    this.sweep(this.shown, kept);
    this.shown = next;
  }

  get(id: string): TaskNode | undefined {
    return this.byId.get(id);
  }

  values(): IterableIterator<TaskNode> {
    return this.byId.values();
  }

  get size(): number {
    return this.byId.size;
  }

  /** New nodes are indexed and walked; a node already indexed as itself keeps its subtree's entries. */
  private add(nodes: readonly TaskNode[], kept: Set<TaskNode>): void {
    for (const n of nodes) {
      kept.add(n);
      if (this.byId.get(n.id) === n) continue;
      this.byId.set(n.id, n);
      this.add(n.children, kept);
    }
  }

  /** Old nodes the new tree does not hold lose their entry, unless a new node of the same id took it. */
  private sweep(nodes: readonly TaskNode[], kept: Set<TaskNode>): void {
    for (const o of nodes) {
      if (kept.has(o)) continue;
      if (this.byId.get(o.id) === o) this.byId.delete(o.id);
      this.sweep(o.children, kept);
    }
  }
}
