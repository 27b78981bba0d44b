/**
 * Static evaluation of a Python expression (a tree-sitter-python node) in a scope. Literals, names, attribute and
 * subscript access, operators and comprehensions over known values are evaluated; everything else becomes a located
 * `unknown` with the reason. Semantics follow the Python reference, "Expressions".
 */
import type { Node } from 'web-tree-sitter';
import { evaluateCall } from './evaluate-call.js';
import { pathAttribute } from './path-idioms.js';
import { evaluateBinary, evaluateComparison } from './python-operators.js';
import { evaluateString } from './python-strings.js';
import { isTruthy, NONE, unknown, type DictEntry, type PyValue } from './py-value.js';
import { iterate, bindTarget } from './iterate.js';
import { createScope, lookup, type Scope, type ScanState } from './scan-state.js';

/** What an expression is evaluated in. */
export interface Env {
  state: ScanState;
  scope: Scope;
}

type Handler = (node: Node, env: Env) => PyValue;

// Handlers are wrapped in arrows: several live in modules that import this one, so they are looked up per call.
const HANDLERS: Record<string, Handler> = {
  integer: (node) => evaluateInteger(node),
  float: (node) => ({ kind: 'float', value: Number(node.text.replace(/_/g, '')) }),
  true: () => ({ kind: 'bool', value: true }),
  false: () => ({ kind: 'bool', value: false }),
  none: () => NONE,
  string: (node, env) => evaluateString(node, (child) => evaluate(child, env)),
  concatenated_string: (node, env) => evaluateBinaryFold(node.namedChildren.filter(isNode), env),
  parenthesized_expression: (node, env) =>
    node.namedChildren[0] ? evaluate(node.namedChildren[0], env) : unknown(node, 'empty parentheses'),
  list: (node, env) => evaluateSequence(node, env),
  tuple: (node, env) => evaluateSequence(node, env),
  expression_list: (node, env) => evaluateSequence(node, env),
  dictionary: (node, env) => evaluateDictionary(node, env),
  identifier: (node, env) => evaluateName(node, env),
  attribute: (node, env) => evaluateAttribute(node, env),
  subscript: (node, env) => evaluateSubscript(node, env),
  call: (node, env) => evaluateCall(node, env),
  binary_operator: (node, env) => evaluateBinary(node, env),
  comparison_operator: (node, env) => evaluateComparison(node, env),
  boolean_operator: (node, env) => evaluateBoolean(node, env),
  not_operator: (node, env) => evaluateNot(node, env),
  unary_operator: (node, env) => evaluateUnary(node, env),
  conditional_expression: (node, env) => evaluateConditional(node, env),
  list_comprehension: (node, env) => evaluateComprehension(node, env),
};

export function evaluate(node: Node, env: Env): PyValue {
  const handler = HANDLERS[node.type];
  return handler ? handler(node, env) : unknown(node, `${describe(node)} cannot be evaluated statically`);
}

function evaluateNot(node: Node, env: Env): PyValue {
  const argument = node.childForFieldName('argument');
  const truth = argument ? isTruthy(evaluate(argument, env)) : undefined;
  return truth === undefined ? unknown(node, `${describe(node)} is not known statically`) : { kind: 'bool', value: !truth };
}

function isNode(node: Node | null): node is Node {
  return node !== null;
}

/** A short, single-line quote of the source, for messages. */
export function describe(node: Node): string {
  const text = node.text.replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function evaluateInteger(node: Node): PyValue {
  const text = node.text.replace(/_/g, '').toLowerCase();
  const value = /^0[box]/.test(text) ? Number(text) : Number.parseInt(text, 10);
  return Number.isSafeInteger(value) ? { kind: 'int', value } : unknown(node, `integer ${node.text} is too large`);
}

function evaluateBinaryFold(parts: Node[], env: Env): PyValue {
  let text = '';
  for (const part of parts) {
    const value = evaluate(part, env);
    if (value.kind !== 'str') return value.kind === 'unknown' ? value : unknown(part, 'not a string');
    text += value.value;
  }
  return { kind: 'str', value: text };
}

function evaluateSequence(node: Node, env: Env): PyValue {
  const items: PyValue[] = [];
  for (const child of node.namedChildren.filter(isNode)) {
    if (child.type === 'comment') continue;
    if (child.type === 'list_splat') {
      const inner = child.namedChildren[0];
      const spread = inner ? iterate(evaluate(inner, env), child) : unknown(child, 'empty splat');
      if (!Array.isArray(spread)) return spread;
      items.push(...spread);
    } else {
      items.push(evaluate(child, env));
    }
  }
  return { kind: node.type === 'list' ? 'list' : 'tuple', items };
}

function evaluateDictionary(node: Node, env: Env): PyValue {
  const entries: DictEntry[] = [];
  for (const child of node.namedChildren.filter(isNode)) {
    if (child.type === 'pair') {
      const keyNode = child.childForFieldName('key');
      const valueNode = child.childForFieldName('value');
      if (!keyNode || !valueNode) continue;
      setEntry(entries, evaluate(keyNode, env), evaluate(valueNode, env));
    } else if (child.type === 'dictionary_splat') {
      const inner = child.namedChildren[0];
      const spread = inner ? evaluate(inner, env) : unknown(child, 'empty splat');
      if (spread.kind !== 'dict') return spread.kind === 'unknown' ? spread : unknown(child, `${describe(child)} is not a dict`);
      for (const entry of spread.entries) setEntry(entries, entry.key, entry.value);
    }
  }
  return { kind: 'dict', entries };
}

/** Python dict assignment: a later equal key replaces the value but keeps the first key's position. */
export function setEntry(entries: DictEntry[], key: PyValue, value: PyValue): void {
  const existing = entries.find((e) => sameKey(e.key, key));
  if (existing) existing.value = value;
  else entries.push({ key, value });
}

function sameKey(a: PyValue, b: PyValue): boolean {
  if (a.kind === 'str' && b.kind === 'str') return a.value === b.value;
  if ((a.kind === 'int' || a.kind === 'float') && (b.kind === 'int' || b.kind === 'float')) return a.value === b.value;
  return a.kind === b.kind && (a.kind === 'none' || (a.kind === 'bool' && b.kind === 'bool' && a.value === b.value));
}

function evaluateName(node: Node, env: Env): PyValue {
  const found = lookup(env.scope, node.text);
  if (found) return found;
  if (node.text === '__name__') return { kind: 'str', value: 'airflow_dag_module' };
  if (BUILTINS.has(node.text)) return { kind: 'symbol', qualified: `builtins.${node.text}` };
  return unknown(node, `name ${node.text} is not defined in this file`);
}

const BUILTINS = new Set(['dict', 'list', 'tuple', 'str', 'int', 'float', 'bool', 'len', 'range', 'enumerate', 'zip', 'sorted']);

function evaluateAttribute(node: Node, env: Env): PyValue {
  const objectNode = node.childForFieldName('object');
  const attribute = node.childForFieldName('attribute')?.text ?? '';
  if (!objectNode) return unknown(node, 'malformed attribute');
  const target = evaluate(objectNode, env);
  switch (target.kind) {
    case 'symbol':
      return { kind: 'symbol', qualified: `${target.qualified}.${attribute}` };
    case 'task':
      if (attribute === 'output' && target.taskKeys.length === 1) {
        return { kind: 'xcom', taskKey: target.taskKeys[0]!, key: 'return_value' };
      }
      return unknown(node, `${describe(node)} is known only when the DAG runs`);
    case 'model':
      return target.fields.get(attribute) ?? NONE;
    case 'path':
      return pathAttribute(target.value, attribute, node);
    case 'unknown':
      return target;
    default:
      return unknown(node, `${describe(node)} cannot be evaluated statically`);
  }
}

function evaluateSubscript(node: Node, env: Env): PyValue {
  const valueNode = node.childForFieldName('value');
  const indexNode = node.childForFieldName('subscript');
  if (!valueNode || !indexNode) return unknown(node, `${describe(node)} cannot be evaluated statically`);
  const target = evaluate(valueNode, env);
  const index = evaluate(indexNode, env);
  if (target.kind === 'unknown') return target;
  if (index.kind === 'unknown') return index;
  if (target.kind === 'xcom' && index.kind === 'str' && target.key === 'return_value') {
    return { ...target, key: index.value };
  }
  if ((target.kind === 'list' || target.kind === 'tuple') && index.kind === 'int') {
    const at = index.value < 0 ? target.items.length + index.value : index.value;
    return target.items[at] ?? unknown(node, `${describe(node)}: index out of range`);
  }
  if (target.kind === 'dict') {
    const entry = target.entries.find((e) => sameKey(e.key, index));
    return entry ? entry.value : unknown(node, `${describe(node)}: key not in the dict`);
  }
  return unknown(node, `${describe(node)} cannot be evaluated statically`);
}

function evaluateBoolean(node: Node, env: Env): PyValue {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const op = node.childForFieldName('operator')?.type;
  if (!left || !right) return unknown(node, 'malformed boolean expression');
  const first = evaluate(left, env);
  const truth = isTruthy(first);
  if (truth === undefined) return unknown(node, `${describe(node)} is not known statically`);
  if (op === 'and') return truth ? evaluate(right, env) : first;
  return truth ? first : evaluate(right, env);
}

function evaluateUnary(node: Node, env: Env): PyValue {
  const argument = node.childForFieldName('argument');
  const op = node.childForFieldName('operator')?.type;
  const value = argument ? evaluate(argument, env) : unknown(node, 'malformed');
  if ((value.kind === 'int' || value.kind === 'float') && (op === '-' || op === '+')) {
    return { kind: value.kind, value: op === '-' ? -value.value : value.value };
  }
  return value.kind === 'unknown' ? value : unknown(node, `${describe(node)} cannot be evaluated statically`);
}

function evaluateConditional(node: Node, env: Env): PyValue {
  const [whenTrue, condition, whenFalse] = node.namedChildren;
  if (!whenTrue || !condition || !whenFalse) return unknown(node, 'malformed conditional');
  const truth = isTruthy(evaluate(condition, env));
  if (truth === undefined) return unknown(node, `the condition ${describe(condition)} is not known statically`);
  return evaluate(truth ? whenTrue : whenFalse, env);
}

/** `[expr for x in known if cond]`, with one or more `for` clauses over known iterables. */
function evaluateComprehension(node: Node, env: Env): PyValue {
  const body = node.childForFieldName('body');
  const clauses = node.namedChildren.filter(isNode).filter((c) => c.type === 'for_in_clause' || c.type === 'if_clause');
  if (!body) return unknown(node, 'malformed comprehension');
  const results: PyValue[] = [];
  const failure = runClauses(clauses, 0, { ...env, scope: createScope(env.scope) }, (inner) => {
    results.push(evaluate(body, inner));
  });
  return failure ?? { kind: 'list', items: results };
}

function runClauses(clauses: Node[], at: number, env: Env, emit: (inner: Env) => void): PyValue | undefined {
  const clause = clauses[at];
  if (!clause) {
    emit(env);
    return undefined;
  }
  if (clause.type === 'if_clause') {
    const condition = clause.namedChildren[0];
    const truth = condition ? isTruthy(evaluate(condition, env)) : undefined;
    if (truth === undefined) return unknown(clause, `the filter ${describe(clause)} is not known statically`);
    return truth ? runClauses(clauses, at + 1, env, emit) : undefined;
  }
  const left = clause.childForFieldName('left');
  const right = clause.childForFieldName('right');
  if (!left || !right) return unknown(clause, 'malformed comprehension');
  const items = iterate(evaluate(right, env), right);
  if (!Array.isArray(items)) return items;
  for (const item of items) {
    const inner: Env = { ...env, scope: createScope(env.scope) };
    bindTarget(left, item, inner);
    const failure = runClauses(clauses, at + 1, inner, emit);
    if (failure) return failure;
  }
  return undefined;
}
