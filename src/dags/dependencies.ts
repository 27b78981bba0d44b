/**
 * Task dependencies: `a >> b`, `a << b`, `[a, b] >> c`, `a.set_downstream(b)`, `chain(a, [b, c], d)`, and the implicit
 * edge an XComArg argument adds. Mirrors airflow/models/taskmixin.py (`set_upstream`/`set_downstream` accept a task or
 * a list) and airflow/models/baseoperator.py `chain` (adjacent lists of equal length are joined pairwise).
 */
import type { DagContext, PyValue } from './py-value.js';
import type { FoundTask, ScanState } from './scan-state.js';

/**
 * The task keys a dependency operand stands for: a task, an XComArg (its producer), a list of them, or a TaskGroup
 * (its leaves when upstream, its roots when downstream: airflow/sdk/definitions/taskgroup.py `get_leaves`/`get_roots`).
 */
export function toTaskKeys(state: ScanState, value: PyValue, side: 'upstream' | 'downstream'): number[] {
  switch (value.kind) {
    case 'task':
      return value.taskKeys;
    case 'xcom':
      return [value.taskKey];
    case 'list':
    case 'tuple':
      return value.items.flatMap((item) => toTaskKeys(state, item, side));
    case 'dag':
      return value.isGroup ? groupEnds(state, value.context, side) : [];
    default:
      return [];
  }
}

function groupEnds(state: ScanState, group: DagContext, side: 'upstream' | 'downstream'): number[] {
  const members = state.tasks.filter(
    (t) => t.dag?.dagId === group.dagId && t.taskId?.startsWith(group.groupPrefix) === true,
  );
  const inside = new Set(members.map((t) => t.key));
  const edges = (t: FoundTask): Set<number> => (side === 'upstream' ? t.downstream : t.upstream);
  return members.filter((t) => ![...edges(t)].some((k) => inside.has(k))).map((t) => t.key);
}

/** Records `upstream >> downstream` for every pair of tasks the two operands stand for. */
export function setDependency(state: ScanState, upstream: PyValue, downstream: PyValue): void {
  for (const from of toTaskKeys(state, upstream, 'upstream')) {
    for (const to of toTaskKeys(state, downstream, 'downstream')) addEdge(state, from, to);
  }
}

export function addEdge(state: ScanState, from: number, to: number): void {
  if (from === to) return;
  state.tasks[from]?.downstream.add(to);
  state.tasks[to]?.upstream.add(from);
}

/** `chain(*elements)`: consecutive elements are linked; two lists of the same length are linked item by item. */
export function chainTasks(state: ScanState, elements: PyValue[]): void {
  for (let i = 0; i + 1 < elements.length; i++) {
    const left = elements[i]!;
    const right = elements[i + 1]!;
    const leftList = left.kind === 'list' || left.kind === 'tuple' ? left.items : undefined;
    const rightList = right.kind === 'list' || right.kind === 'tuple' ? right.items : undefined;
    if (leftList && rightList && leftList.length === rightList.length) {
      leftList.forEach((item, j) => setDependency(state, item, rightList[j]!));
    } else {
      setDependency(state, left, right);
    }
  }
}

/** Adds an upstream edge for every XComArg inside an argument value, as Airflow does for templated arguments. */
export function addXComEdges(state: ScanState, value: PyValue, taskKey: number): void {
  switch (value.kind) {
    case 'xcom':
      addEdge(state, value.taskKey, taskKey);
      return;
    case 'list':
    case 'tuple':
      value.items.forEach((item) => addXComEdges(state, item, taskKey));
      return;
    case 'dict':
      value.entries.forEach((entry) => addXComEdges(state, entry.value, taskKey));
      return;
    case 'model':
    case 'secret':
      value.fields.forEach((field) => addXComEdges(state, field, taskKey));
      return;
    default:
      return;
  }
}
