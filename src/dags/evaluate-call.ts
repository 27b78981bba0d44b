/**
 * Calls: operator constructors, Kubernetes models, `Secret`, `DAG`/`TaskGroup`, `chain`, builtins, methods of known
 * values, and functions defined in the file. Anything else (datetime, `Variable.get`, `os.environ[...]`) evaluates
 * to a located `unknown`.
 */
import type { Node } from 'web-tree-sitter';
import { callBuiltin, callMethod } from './call-builtins.js';
import { callFunction } from './call-function.js';
import { callPathFunction } from './path-idioms.js';
import { buildModel, buildSecret } from './build-objects.js';
import { createDagValue, createOperatorTask, createOtherTask } from './create-task.js';
import { chainTasks, setDependency } from './dependencies.js';
import { evaluate, describe, type Env } from './evaluate-expression.js';
import { iterate } from './iterate.js';
import { toK8sModelClass } from './k8s-models.js';
import { toAirflowName, toOperatorClass } from './operator-classes.js';
import { NONE, unknown, type PyValue } from './py-value.js';

/** One keyword argument: its value and the `name=value` node (for locations). */
export interface KeywordArgument {
  value: PyValue;
  node: Node;
}

/** The evaluated arguments of a call. `splatFailure` is set when `*x` or `**x` could not be expanded. */
export interface CallArguments {
  positional: Array<{ value: PyValue; node: Node }>;
  keywords: Map<string, KeywordArgument>;
  splatFailure?: Extract<PyValue, { kind: 'unknown' }>;
}

export function evaluateCall(node: Node, env: Env): PyValue {
  env.state.evaluatedCalls.add(node.id);
  const functionNode = node.childForFieldName('function');
  const argumentsNode = node.childForFieldName('arguments');
  if (!functionNode || argumentsNode?.type !== 'argument_list') return unknown(node, `${describe(node)} cannot be evaluated statically`);
  if (functionNode.type === 'attribute') {
    const objectNode = functionNode.childForFieldName('object');
    const method = functionNode.childForFieldName('attribute')?.text ?? '';
    const target = objectNode ? evaluate(objectNode, env) : unknown(functionNode, 'malformed call');
    if (target.kind !== 'symbol') {
      return callMethod({ target, method, node, args: evaluateArguments(argumentsNode, env), env });
    }
    return callValue({ kind: 'symbol', qualified: `${target.qualified}.${method}` }, node, argumentsNode, env);
  }
  return callValue(evaluate(functionNode, env), node, argumentsNode, env);
}

function callValue(callee: PyValue, node: Node, argumentsNode: Node, env: Env): PyValue {
  if (callee.kind === 'function') return callFunction(callee, node, evaluateArguments(argumentsNode, env), env);
  if (callee.kind !== 'symbol') {
    return callee.kind === 'unknown' ? callee : unknown(node, `${describe(node)} cannot be evaluated statically`);
  }
  const qualified = callee.qualified;
  const operator = toOperatorClass(qualified.replace(/\.partial$/, ''));
  if (operator) {
    const mapped = qualified.endsWith('.partial');
    return createOperatorTask({ operator, node, args: evaluateArguments(argumentsNode, env), env, mapped });
  }
  const modelClass = toK8sModelClass(qualified);
  if (modelClass) return buildModel(modelClass, node, evaluateArguments(argumentsNode, env), env.state);
  return callAirflowOrBuiltin(qualified, node, argumentsNode, env);
}

function callAirflowOrBuiltin(qualified: string, node: Node, argumentsNode: Node, env: Env): PyValue {
  const args = evaluateArguments(argumentsNode, env);
  switch (toAirflowName(qualified)) {
    case 'Secret':
      return buildSecret(node, args, env.state);
    case 'DAG':
      return createDagValue(node, args, env, false);
    case 'TaskGroup':
      return createDagValue(node, args, env, true);
    case 'chain':
      chainTasks(env.state, args.positional.map((a) => a.value));
      return { kind: 'none' };
    case 'cross_downstream':
      setDependency(env.state, args.positional[0]?.value ?? NONE, args.positional[1]?.value ?? NONE);
      return NONE;
    case 'Label':
      return { kind: 'label' };
    default:
      break;
  }
  if (qualified.startsWith('builtins.')) return callBuiltin(qualified.slice('builtins.'.length), node, args);
  if (/^airflow\..*(Operator|Sensor)$/.test(qualified)) return createOtherTask(node, args, env);
  // `Param(default, type=…)` in `DAG(params=…)`: templates see its value, the default (airflow.sdk Param).
  if (/^airflow\..*\.Param$/.test(qualified)) {
    return args.positional[0]?.value ?? args.keywords.get('default')?.value ?? unknown(node, `${describe(node)} has no default: its value comes from the run's conf`);
  }
  if (/^(os|posixpath|pathlib)\./.test(qualified)) {
    const result = callPathFunction(qualified, node, args);
    if (result) return result;
  }
  return unknown(node, `${describe(node)} is a call that is not evaluated statically`);
}

/** Evaluates positional, keyword, `*list` and `**dict` arguments in source order. */
export function evaluateArguments(argumentsNode: Node, env: Env): CallArguments {
  const result: CallArguments = { positional: [], keywords: new Map() };
  for (const child of argumentsNode.namedChildren) {
    if (!child || child.type === 'comment') continue;
    if (child.type === 'keyword_argument') {
      const name = child.childForFieldName('name')?.text ?? '';
      const valueNode = child.childForFieldName('value');
      result.keywords.set(name, { value: valueNode ? evaluate(valueNode, env) : unknown(child, 'empty'), node: child });
    } else if (child.type === 'dictionary_splat') {
      spreadKeywords(child, env, result);
    } else if (child.type === 'list_splat') {
      const inner = child.namedChildren[0];
      const items = inner ? iterate(evaluate(inner, env), child) : unknown(child, 'empty splat');
      if (Array.isArray(items)) result.positional.push(...items.map((value) => ({ value, node: child })));
      else result.splatFailure ??= asUnknown(items, child);
    } else {
      result.positional.push({ value: evaluate(child, env), node: child });
    }
  }
  return result;
}

function spreadKeywords(child: Node, env: Env, result: CallArguments): void {
  const inner = child.namedChildren[0];
  const value = inner ? evaluate(inner, env) : unknown(child, 'empty splat');
  if (value.kind !== 'dict') {
    result.splatFailure ??= asUnknown(value, child);
    return;
  }
  for (const entry of value.entries) {
    if (entry.key.kind === 'str') result.keywords.set(entry.key.value, { value: entry.value, node: child });
  }
}

function asUnknown(value: PyValue, node: Node): Extract<PyValue, { kind: 'unknown' }> {
  return value.kind === 'unknown' ? value : { kind: 'unknown', node, reason: `${describe(node)} cannot be expanded statically` };
}
