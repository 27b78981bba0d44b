/**
 * `x += value` (Python reference, "Augmented assignment statements"): lists extend in place, so every name bound
 * to the same list sees the change; other values are rebound to `x + value`.
 */
import type { Node } from 'web-tree-sitter';
import { evaluate, describe, type Env } from './evaluate-expression.js';
import { bindTarget } from './iterate.js';
import { unknown } from './py-value.js';

export function applyAugmented(node: Node, env: Env): void {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const op = node.childForFieldName('operator')?.type;
  if (!left || !right) return;
  const current = evaluate(left, env);
  const value = evaluate(right, env);
  if (op === '+=' && current.kind === 'list' && (value.kind === 'list' || value.kind === 'tuple')) {
    current.items.push(...value.items);
    return;
  }
  if (op === '+=' && current.kind === 'str' && value.kind === 'str') {
    bindTarget(left, { kind: 'str', value: current.value + value.value }, env);
    return;
  }
  if (op === '+=' && (current.kind === 'int' || current.kind === 'float') && (value.kind === 'int' || value.kind === 'float')) {
    bindTarget(left, { kind: current.kind === 'int' && value.kind === 'int' ? 'int' : 'float', value: current.value + value.value }, env);
    return;
  }
  bindTarget(left, unknown(node, `${describe(node)} cannot be evaluated statically`), env);
}
