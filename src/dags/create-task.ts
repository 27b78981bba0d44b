/**
 * Creating tasks and DAG contexts while evaluating: an operator call becomes a `FoundTask` in the DAG context it is
 * made in (`with DAG`, `@dag`, `dag=`, `TaskGroup`), with that context's `default_args` and task-id prefix.
 * Mirrors airflow/models/baseoperator.py (`BaseOperator.__init__`: dag/task_group resolution, default_args merge)
 * and airflow/utils/task_group.py (`child_id`: `group_id.task_id`).
 */
import type { Node } from 'web-tree-sitter';
import { reportError } from './build-objects.js';
import { addXComEdges } from './dependencies.js';
import type { CallArguments } from './evaluate-call.js';
import type { Env } from './evaluate-expression.js';
import type { OperatorClass } from './operator-classes.js';
import type { DagContext, DictEntry, PyValue } from './py-value.js';
import { currentContext, type FoundTask } from './scan-state.js';

/** The context a call's tasks belong to: `dag=` / `task_group=` when given, else the enclosing one. */
function contextOf(args: CallArguments, env: Env): DagContext | undefined {
  for (const name of ['task_group', 'dag']) {
    const value = args.keywords.get(name)?.value;
    if (value?.kind === 'dag') return value.context;
  }
  return currentContext(env.state);
}

function newTask(node: Node, args: CallArguments, env: Env, taskId: string | undefined): FoundTask {
  const dag = contextOf(args, env);
  const task: FoundTask = {
    key: env.state.tasks.length,
    taskId: taskId === undefined ? undefined : `${dag?.groupPrefix ?? ''}${taskId}`,
    node,
    dag,
    args: new Map(),
    notes: [],
    upstream: new Set(),
    downstream: new Set(),
    defaultArgs: [...(dag?.defaultArgs ?? [])],
  };
  env.state.tasks.push(task);
  return task;
}

export interface OperatorCall {
  operator: OperatorClass;
  node: Node;
  args: CallArguments;
  env: Env;
  /** `Operator.partial(...)`: dynamic task mapping, expanded only when the DAG runs. */
  mapped: boolean;
}

/** An operator call: records every keyword argument (evaluated or not) and returns the task. */
export function createOperatorTask({ operator, node, args, env, mapped }: OperatorCall): PyValue {
  const taskIdValue = args.keywords.get('task_id')?.value;
  const task = newTask(node, args, env, taskIdValue?.kind === 'str' ? taskIdValue.value : undefined);
  task.operator = operator;
  for (const [name, arg] of args.keywords) {
    if (name === 'dag' || name === 'task_group') continue;
    if (name === 'default_args' && arg.value.kind === 'dict') task.defaultArgs.push(...arg.value.entries);
    else task.args.set(name, { value: arg.value, node: arg.node });
    addXComEdges(env.state, arg.value, task.key);
  }
  for (const arg of args.positional) {
    reportError(env.state, arg.node, 'KT4704', `${operator.className} takes keyword arguments only`);
  }
  if (args.splatFailure) {
    task.notes.push({ name: '**kwargs', node: args.splatFailure.node, reason: args.splatFailure.reason });
  }
  if (mapped) {
    task.notes.push({ name: 'expand', node, reason: 'dynamic task mapping (.partial/.expand) is expanded only when the DAG runs' });
  }
  return { kind: 'task', taskKeys: [task.key] };
}

/** Any other operator or sensor (BashOperator, EmptyOperator…): only its task_id and dependencies matter. */
export function createOtherTask(node: Node, args: CallArguments, env: Env): PyValue {
  const taskIdValue = args.keywords.get('task_id')?.value;
  const task = newTask(node, args, env, taskIdValue?.kind === 'str' ? taskIdValue.value : undefined);
  for (const arg of args.keywords.values()) addXComEdges(env.state, arg.value, task.key);
  return { kind: 'task', taskKeys: [task.key] };
}

/**
 * A call of a `@task` function: a task whose id is the function name (or `task_id=` of the decorator), made unique
 * in its DAG with `__1`, `__2`… as airflow/decorators/base.py `get_unique_task_id` does. Returns its XComArg.
 */
export function createTaskflowTask(node: Node, args: CallArguments, env: Env, baseId: string): PyValue {
  const dag = contextOf(args, env);
  const prefixed = `${dag?.groupPrefix ?? ''}${baseId}`;
  const taken = new Set(env.state.tasks.filter((t) => t.dag === dag).map((t) => t.taskId));
  let suffix = 0;
  while (taken.has(suffix === 0 ? prefixed : `${prefixed}__${suffix}`)) suffix++;
  const task = newTask(node, args, env, suffix === 0 ? baseId : `${baseId}__${suffix}`);
  for (const arg of [...args.positional, ...args.keywords.values()]) addXComEdges(env.state, arg.value, task.key);
  return { kind: 'xcom', taskKey: task.key, key: 'return_value' };
}

/** A DAG's `render_template_as_native_obj` and `params` (issue 17); a task group inherits its DAG's. */
export function dagTemplating(kwarg: ((name: string) => PyValue | undefined) | undefined, parent?: DagContext): Pick<DagContext, 'nativeTemplates' | 'params'> {
  if (!kwarg) return { ...(parent?.nativeTemplates ? { nativeTemplates: true } : {}), ...(parent?.params ? { params: parent.params } : {}) };
  const native = kwarg('render_template_as_native_obj');
  const params = kwarg('params');
  return { ...(native?.kind === 'bool' && native.value ? { nativeTemplates: true } : {}), ...(params?.kind === 'dict' ? { params } : {}) };
}

/** `DAG(dag_id, default_args=…)` or `TaskGroup(group_id, default_args=…)`, nested in the current context. */
export function createDagValue(node: Node, args: CallArguments, env: Env, isGroup: boolean): PyValue {
  const idName = isGroup ? 'group_id' : 'dag_id';
  const idValue = args.keywords.get(idName)?.value ?? args.positional[0]?.value;
  const id = idValue?.kind === 'str' ? idValue.value : undefined;
  const defaults = args.keywords.get('default_args')?.value;
  const ownDefaults: DictEntry[] = defaults?.kind === 'dict' ? defaults.entries : [];
  const parent = isGroup ? contextOf(args, env) : undefined;
  const prefixValue = args.keywords.get('prefix_group_id')?.value;
  const prefixed = isGroup && id !== undefined && !(prefixValue?.kind === 'bool' && !prefixValue.value);
  const context: DagContext = {
    dagId: isGroup ? parent?.dagId : id,
    defaultArgs: [...(parent?.defaultArgs ?? []), ...ownDefaults],
    groupPrefix: `${parent?.groupPrefix ?? ''}${prefixed ? `${id}.` : ''}`,
    ...dagTemplating(isGroup ? undefined : (name) => args.keywords.get(name)?.value, parent),
  };
  return { kind: 'dag', context, isGroup };
}
