/**
 * CodeLens targets for a DAG file: one per operator call site, above the call. A call in a loop or a factory
 * stands for several tasks; the target lists them all so the actions can offer each.
 */
import type { DagScan, DagTask, SourceRange } from './scan-dag.js';

export interface DagLensTarget {
  /** The call's range; the lens goes on its first line. */
  range: SourceRange;
  operator: string;
  /** Task ids made by this call site, in the order they were made; empty when none is known statically. */
  taskIds: string[];
  /** Whether the scan could evaluate every argument of every task made here. */
  complete: boolean;
}

function siteKey(task: DagTask): string {
  return `${task.range.start.line}:${task.range.start.column}`;
}

/** Groups the scan's tasks by call site, in source order. */
export function findDagLensTargets(scan: DagScan): DagLensTarget[] {
  const bySite = new Map<string, DagLensTarget>();
  for (const task of scan.tasks) {
    const key = siteKey(task);
    const target = bySite.get(key) ?? { range: task.range, operator: task.operator, taskIds: [], complete: true };
    if (task.taskId !== undefined && !target.taskIds.includes(task.taskId)) target.taskIds.push(task.taskId);
    if (task.unevaluated.length > 0) target.complete = false;
    bySite.set(key, target);
  }
  return [...bySite.values()].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column,
  );
}

/** The task whose call contains the 1-based position (the innermost, if calls nest). */
export function findTaskAt(scan: DagScan, line: number, column: number): DagTask | undefined {
  const contains = (r: SourceRange): boolean =>
    (line > r.start.line || (line === r.start.line && column >= r.start.column)) &&
    (line < r.end.line || (line === r.end.line && column <= r.end.column));
  const span = (r: SourceRange): number => (r.end.line - r.start.line) * 10_000 + (r.end.column - r.start.column);
  return scan.tasks.filter((t) => contains(t.range)).sort((a, b) => span(a.range) - span(b.range))[0];
}
