/**
 * Calls of functions and classes defined in the DAG file: `@dag` functions (run with their DAG context), `@task`
 * functions (TaskFlow tasks), `@task_group` functions, plain factory functions (run with the call's arguments bound),
 * and subclasses of the operators. Recursion stops at a small depth, as real DAG factories are shallow.
 */
import type { Node } from 'web-tree-sitter';
import { readClassTemplateFields } from './class-template-fields.js';
import { createOperatorTask, createTaskflowTask, dagTemplating } from './create-task.js';
import type { CallArguments } from './evaluate-call.js';
import { describe, evaluate, type Env } from './evaluate-expression.js';
import { executeBlock } from './execute-statements.js';
import { toOperatorClass } from './operator-classes.js';
import { NONE, unknown, type DagContext, type PyValue } from './py-value.js';
import { createScope, currentContext } from './scan-state.js';

type FunctionValue = Extract<PyValue, { kind: 'function' }>;

const MAX_CALL_DEPTH = 8;

export function callFunction(fn: FunctionValue, node: Node, args: CallArguments, env: Env): PyValue {
  if (fn.isClass) return callClass(fn, node, args, env);
  const role = decoratorRole(fn, currentContext(env.state));
  if (role.kind === 'task') return createTaskflowTask(node, args, env, role.taskId ?? fn.name);
  if (env.state.callDepth >= MAX_CALL_DEPTH) return unknown(node, `${describe(node)}: calls nest too deeply to follow`);
  const context = role.kind === 'dag' || role.kind === 'group' ? role.context : undefined;
  const returned = runFunctionBody(fn, args, env, context);
  // A @task_group function that returns nothing gives its TaskGroup (airflow/sdk/definitions/decorators/task_group.py).
  return role.kind === 'group' && returned.kind === 'none' ? { kind: 'dag', context: role.context, isGroup: true } : returned;
}

/** Runs the body with the arguments bound; `context` is pushed for `@dag` and `@task_group` functions. */
export function runFunctionBody(fn: FunctionValue, args: CallArguments, env: Env, context?: DagContext): PyValue {
  const scope = createScope(fn.closure);
  bindParameters(fn.node, args, { ...env, scope });
  env.state.executedFunctions.add(fn.node.id);
  env.state.callDepth++;
  if (context) env.state.contexts.push(context);
  try {
    const body = fn.node.childForFieldName('body');
    if (body) executeBlock(body, { state: env.state, scope });
  } finally {
    if (context) env.state.contexts.pop();
    env.state.callDepth--;
  }
  return scope.returned ?? NONE;
}

type Role =
  | { kind: 'plain' }
  | { kind: 'task'; taskId: string | undefined }
  | { kind: 'dag' | 'group'; context: DagContext };

/** What the function's Airflow decorator makes of a call: a DAG, a task group, a TaskFlow task, or nothing. */
function decoratorRole(fn: FunctionValue, outer: DagContext | undefined): Role {
  for (const decorator of fn.decorators) {
    if (decorator.callee.kind !== 'symbol' || !decorator.callee.qualified.startsWith('airflow.')) continue;
    const name = decorator.callee.qualified.split('.').slice(-2);
    const kwargs = decorator.kwargs;
    const idOf = (key: string): string | undefined => {
      const value = kwargs.get(key);
      return value?.kind === 'str' ? value.value : undefined;
    };
    if (name[1] === 'task' || name[0] === 'task') return { kind: 'task', taskId: idOf('task_id') };
    if (name[1] === 'dag' || name[1] === 'task_group') {
      const defaults = kwargs.get('default_args');
      const entries = defaults?.kind === 'dict' ? defaults.entries : [];
      const isGroup = name[1] === 'task_group';
      const context = decoratedContext(fn, isGroup, idOf(isGroup ? 'group_id' : 'dag_id'), entries, outer);
      Object.assign(context, dagTemplating(isGroup ? undefined : (key) => kwargs.get(key), isGroup ? outer : undefined));
      return { kind: isGroup ? 'group' : 'dag', context };
    }
  }
  return { kind: 'plain' };
}

function decoratedContext(
  fn: FunctionValue, isGroup: boolean, id: string | undefined, defaults: DagContext['defaultArgs'], outer: DagContext | undefined,
): DagContext {
  const name = id ?? fn.name;
  if (!isGroup) return { dagId: name, defaultArgs: [...defaults], groupPrefix: '' };
  return {
    dagId: outer?.dagId,
    defaultArgs: [...(outer?.defaultArgs ?? []), ...defaults],
    groupPrefix: `${outer?.groupPrefix ?? ''}${name}.`,
  };
}

/** A subclass of an operator (`class MyPod(KubernetesPodOperator)`): found, but its overrides are not run. */
function callClass(fn: FunctionValue, node: Node, args: CallArguments, env: Env): PyValue {
  const base = operatorBase(fn, env);
  if (!base) return unknown(node, `${describe(node)} creates an instance of a class defined in the file`);
  const task = createOperatorTask({ operator: { ...base, className: fn.name }, node, args, env, mapped: false });
  const found = task.kind === 'task' ? env.state.tasks[task.taskKeys[0]!] : undefined;
  const fields = classTemplateFields(fn, env);
  if (found && fields !== 'unreadable' && fields) found.templateFields = fields;
  const what = fields === 'unreadable' ? 'its template_fields and other overrides are' : fields ? 'its overrides other than template_fields are' : 'its overrides are';
  found?.notes.push({ name: fn.name, node, reason: `${fn.name} subclasses ${base.className}; ${what} not evaluated` });
  return task;
}

/** The nearest class in the chain that sets `template_fields` (a subclass of a subclass inherits it). */
function classTemplateFields(fn: FunctionValue, env: Env): ReturnType<typeof readClassTemplateFields> {
  const own = readClassTemplateFields(fn.node);
  if (own) return own;
  for (const baseNode of fn.node.childForFieldName('superclasses')?.namedChildren ?? []) {
    const value = baseNode ? evaluate(baseNode, { ...env, scope: fn.closure }) : undefined;
    if (value?.kind === 'function' && value.isClass) return classTemplateFields(value, env);
  }
  return undefined;
}

function operatorBase(fn: FunctionValue, env: Env): ReturnType<typeof toOperatorClass> {
  const bases = fn.node.childForFieldName('superclasses');
  for (const baseNode of bases?.namedChildren ?? []) {
    if (!baseNode) continue;
    const value = evaluate(baseNode, { ...env, scope: fn.closure });
    if (value.kind === 'symbol') {
      const found = toOperatorClass(value.qualified);
      if (found) return found;
    }
    if (value.kind === 'function' && value.isClass) return operatorBase(value, env);
  }
  return undefined;
}

/** Binds positional and keyword arguments to the parameters; defaults are evaluated in the defining scope. */
function bindParameters(definition: Node, args: CallArguments, env: Env): void {
  const parameters = definition.childForFieldName('parameters')?.namedChildren ?? [];
  let position = 0;
  for (const parameter of parameters) {
    if (!parameter) continue;
    const nameNode = parameter.type === 'identifier' ? parameter : (parameter.childForFieldName('name') ?? parameter.namedChildren[0]);
    const name = nameNode?.text ?? '';
    if (parameter.type === 'list_splat_pattern' || parameter.type === 'dictionary_splat_pattern') {
      env.scope.vars.set(name, unknown(parameter, `${describe(parameter)} is known only at the call`));
      continue;
    }
    const passed = args.keywords.get(name)?.value ?? args.positional[position]?.value;
    position++;
    const defaultNode = parameter.childForFieldName('value');
    const value = passed ?? (defaultNode ? evaluate(defaultNode, { ...env, scope: env.scope.parent ?? env.scope }) : undefined);
    const owner = definition.childForFieldName('name')?.text ?? 'the function';
    env.scope.vars.set(name, value ?? unknown(parameter, `parameter ${name} of ${owner} is known only when it is called`));
  }
}
