/** Waiting on the Tasks tree in host tests: a node is found now or after one of the tree's rebuilds, never by sleeping. */
import { findNode, type TaskNode } from '../../../src/tasks/index.js';
import type { TasksApi } from '../../../src/providers/task-views.js';

export { findNode as find };

/** Resolves with the node once the tree shows one that satisfies `pred` (checked now and after each rebuild). */
export function untilNode(api: TasksApi, pred: (n: TaskNode) => boolean): Promise<TaskNode> {
  return new Promise((resolve) => {
    const now = findNode(api.nodes(), pred);
    if (now) return resolve(now);
    const sub = api.onDidRebuild((nodes) => {
      const hit = findNode(nodes, pred);
      if (!hit) return;
      sub.dispose();
      resolve(hit);
    });
  });
}

export function untilNoNode(api: TasksApi, pred: (n: TaskNode) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (!findNode(api.nodes(), pred)) return resolve();
    const sub = api.onDidRebuild((nodes) => {
      if (findNode(nodes, pred)) return;
      sub.dispose();
      resolve();
    });
  });
}
