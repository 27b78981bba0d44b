/**
 * Binary and comparison operators on known values (Python reference, "Binary arithmetic operations",
 * "Comparisons"), plus Airflow's `>>` / `<<`, which set task dependencies and return the right operand
 * (airflow/models/taskmixin.py `DependencyMixin.__rshift__`).
 */
import type { Node } from 'web-tree-sitter';
import { setDependency, toTaskKeys } from './dependencies.js';
import { evaluate, describe, type Env } from './evaluate-expression.js';
import { iterate } from './iterate.js';
import { dividePath } from './path-idioms.js';
import { pyEquals, toPyStr, unknown, type PyValue } from './py-value.js';

export function evaluateBinary(node: Node, env: Env): PyValue {
  const leftNode = node.childForFieldName('left');
  const rightNode = node.childForFieldName('right');
  const op = node.childForFieldName('operator')?.type ?? '';
  if (!leftNode || !rightNode) return unknown(node, 'malformed expression');
  const left = evaluate(leftNode, env);
  const right = evaluate(rightNode, env);
  if (op === '>>' || op === '<<') {
    setDependency(env.state, op === '>>' ? left : right, op === '>>' ? right : left);
    // `a >> Label("x")` stands for `a` in the rest of the chain (airflow/sdk/definitions/edges.py EdgeModifier).
    return right.kind === 'label' ? { kind: 'task', taskKeys: toTaskKeys(env.state, left, op === '>>' ? 'upstream' : 'downstream') } : right;
  }
  if (left.kind === 'unknown') return left;
  if (right.kind === 'unknown') return right;
  return applyBinary(op, left, right) ?? unknown(node, `${describe(node)} cannot be evaluated statically`);
}

function applyBinary(op: string, left: PyValue, right: PyValue): PyValue | undefined {
  if (op === '+') return add(left, right);
  if (op === '/' && (left.kind === 'path' || right.kind === 'path')) return dividePath(left, right);
  if (op === '%' && left.kind === 'str') return percentFormat(left.value, right);
  if (op === '|' && left.kind === 'dict' && right.kind === 'dict') {
    const entries = left.entries.map((e) => ({ ...e }));
    for (const entry of right.entries) {
      const existing = entries.find((e) => pyEquals(e.key, entry.key) === true);
      if (existing) existing.value = entry.value;
      else entries.push({ ...entry });
    }
    return { kind: 'dict', entries };
  }
  if (op === '*') return multiply(left, right);
  return arithmetic(op, left, right);
}

function add(left: PyValue, right: PyValue): PyValue | undefined {
  if (left.kind === 'str' && right.kind === 'str') return { kind: 'str', value: left.value + right.value };
  if (left.kind === 'list' && right.kind === 'list') return { kind: 'list', items: [...left.items, ...right.items] };
  if (left.kind === 'tuple' && right.kind === 'tuple') return { kind: 'tuple', items: [...left.items, ...right.items] };
  return arithmetic('+', left, right);
}

function multiply(left: PyValue, right: PyValue): PyValue | undefined {
  const [seq, count] = right.kind === 'int' ? [left, right.value] : left.kind === 'int' ? [right, left.value] : [];
  if (seq?.kind === 'str' && count !== undefined) return { kind: 'str', value: seq.value.repeat(Math.max(0, count)) };
  if ((seq?.kind === 'list' || seq?.kind === 'tuple') && count !== undefined) {
    return { kind: seq.kind, items: Array.from({ length: Math.max(0, count) }, () => seq.items).flat() };
  }
  return arithmetic('*', left, right);
}

function arithmetic(op: string, left: PyValue, right: PyValue): PyValue | undefined {
  if ((left.kind !== 'int' && left.kind !== 'float') || (right.kind !== 'int' && right.kind !== 'float')) {
    return undefined;
  }
  const a = left.value;
  const b = right.value;
  const bothInt = left.kind === 'int' && right.kind === 'int';
  const results: Record<string, number | undefined> = {
    '+': a + b,
    '-': a - b,
    '*': a * b,
    '/': b === 0 ? undefined : a / b,
    '//': b === 0 ? undefined : Math.floor(a / b),
    '%': b === 0 ? undefined : a - b * Math.floor(a / b),
  };
  const value = results[op];
  if (value === undefined) return undefined;
  return { kind: bothInt && op !== '/' ? 'int' : 'float', value };
}

/** `"%s-%d" % (a, b)` with `%s`, `%d`, `%i`, `%r`-free conversions only. */
function percentFormat(template: string, args: PyValue): PyValue | undefined {
  const values = args.kind === 'tuple' ? args.items : [args];
  let index = 0;
  let failed = false;
  const text = template.replace(/%([%sdi])/g, (_whole, conversion: string) => {
    if (conversion === '%') return '%';
    const value = values[index++];
    const rendered = value && (conversion === 's' || value.kind === 'int') ? toPyStr(value) : undefined;
    if (rendered === undefined) failed = true;
    return rendered ?? '';
  });
  return failed || index !== values.length ? undefined : { kind: 'str', value: text };
}

export function evaluateComparison(node: Node, env: Env): PyValue {
  const operands = node.namedChildren.filter((n): n is Node => n !== null);
  const operators = node.children.filter((c): c is Node => c !== null && !c.isNamed).map((c) => c.type);
  if (operands.length !== 2 || operators.length === 0) return unknown(node, `${describe(node)} is not known statically`);
  const left = evaluate(operands[0]!, env);
  const right = evaluate(operands[1]!, env);
  const op = operators.join(' ');
  const result = compare(op, left, right, node);
  return result === undefined ? unknown(node, `${describe(node)} is not known statically`) : { kind: 'bool', value: result };
}

function compare(op: string, left: PyValue, right: PyValue, node: Node): boolean | undefined {
  if (op === '==' || op === 'is') return pyEquals(left, right);
  if (op === '!=' || op === 'is not') {
    const equal = pyEquals(left, right);
    return equal === undefined ? undefined : !equal;
  }
  if (op === 'in' || op === 'not in') {
    const found = contains(right, left, node);
    return found === undefined ? undefined : op === 'in' ? found : !found;
  }
  if ((left.kind === 'int' || left.kind === 'float') && (right.kind === 'int' || right.kind === 'float')) {
    const ordered: Record<string, boolean> = {
      '<': left.value < right.value,
      '<=': left.value <= right.value,
      '>': left.value > right.value,
      '>=': left.value >= right.value,
    };
    return ordered[op];
  }
  return undefined;
}

function contains(container: PyValue, item: PyValue, node: Node): boolean | undefined {
  if (container.kind === 'str' && item.kind === 'str') return container.value.includes(item.value);
  const items = iterate(container, node);
  if (!Array.isArray(items)) return undefined;
  let unsure = false;
  for (const candidate of items) {
    const equal = pyEquals(candidate, item);
    if (equal === true) return true;
    if (equal === undefined) unsure = true;
  }
  return unsure ? undefined : false;
}
