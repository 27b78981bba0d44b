/**
 * Iteration over known values (`for x in [...]`, comprehensions, `*splat`) and binding of assignment targets
 * (`x`, `a, b`, `d["k"]`). Python reference: "The for statement", "Assignment statements".
 */
import type { Node } from 'web-tree-sitter';
import { evaluate, describe, setEntry, type Env } from './evaluate-expression.js';
import { unknown, type PyValue } from './py-value.js';

/** The items Python would iterate over, or an `unknown` saying why they are not known. */
export function iterate(value: PyValue, node: Node): PyValue[] | PyValue {
  switch (value.kind) {
    case 'list':
    case 'tuple':
      return value.items;
    case 'dict':
      return value.entries.map((e) => e.key);
    case 'str':
      return [...value.value].map((c) => ({ kind: 'str', value: c }));
    case 'unknown':
      return value;
    default:
      return unknown(node, `cannot iterate over ${describe(node)} statically`);
  }
}

/** Binds `value` to an assignment or loop target in the innermost scope. */
export function bindTarget(target: Node, value: PyValue, env: Env): void {
  switch (target.type) {
    case 'identifier':
      env.scope.vars.set(target.text, value);
      return;
    case 'pattern_list':
    case 'tuple_pattern':
    case 'list_pattern':
    case 'tuple':
    case 'list':
    case 'expression_list':
      bindSequence(target, value, env);
      return;
    case 'subscript':
      bindSubscript(target, value, env);
      return;
    default:
      // Attribute targets (`obj.x = …`) change nothing the operators read; they are left alone.
      return;
  }
}

function bindSequence(target: Node, value: PyValue, env: Env): void {
  const names = target.namedChildren.filter((n): n is Node => n !== null);
  const items = iterate(value, target);
  for (const [i, name] of names.entries()) {
    const item = Array.isArray(items) ? items[i] : undefined;
    bindTarget(name, item ?? unknown(name, `${describe(name)} is not known statically`), env);
  }
}

/** `d["key"] = value` on a dict bound in scope mutates it, as Python does (other names see the change). */
function bindSubscript(target: Node, value: PyValue, env: Env): void {
  const objectNode = target.childForFieldName('value');
  const keyNode = target.childForFieldName('subscript');
  if (!objectNode || !keyNode) return;
  const object = evaluate(objectNode, env);
  if (object.kind === 'dict') setEntry(object.entries, evaluate(keyNode, env), value);
  if (object.kind === 'list') {
    const index = evaluate(keyNode, env);
    if (index.kind === 'int' && object.items[index.value] !== undefined) object.items[index.value] = value;
  }
}
