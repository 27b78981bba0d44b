/**
 * Runs a DAG file's statements abstractly: assignments bind known values, `with DAG(...)` / `with TaskGroup(...)`
 * push a DAG context, `for` loops over known iterables unroll, `if` picks the branch when the condition is known.
 * Code that cannot be followed (an `if` on an unknown condition, a `while`) is skipped and remembered, so the calls in
 * it are still reported afterwards with the reason. Python reference: "Simple statements", "Compound statements".
 */
import type { Node } from 'web-tree-sitter';
import { evaluate, describe, type Env } from './evaluate-expression.js';
import { executeImport, executeImportFrom } from './imports.js';
import { bindTarget, iterate } from './iterate.js';
import { isTruthy, unknown, type Decorator, type PyValue } from './py-value.js';
import { applyAugmented } from './augmented-assignment.js';

/** Runs the statements of a block (or module) until a `return`. */
export function executeBlock(block: Node, env: Env): void {
  for (const statement of block.namedChildren) {
    if (!statement || env.scope.returned) return;
    if (--env.state.budget < 0) return;
    executeStatement(statement, env);
  }
}

function executeStatement(node: Node, env: Env): void {
  switch (node.type) {
    case 'import_statement':
      return executeImport(node, env.scope);
    case 'import_from_statement':
      return executeImportFrom(node, env.scope);
    case 'expression_statement':
      return node.namedChildren.forEach((child) => child && executeExpression(child, env));
    case 'with_statement':
      return executeWith(node, env);
    case 'for_statement':
      return executeFor(node, env);
    case 'if_statement':
      return executeIf(node, env);
    case 'try_statement':
      return executeTry(node, env);
    case 'function_definition':
    case 'class_definition':
      return defineFunction(node, [], env);
    case 'decorated_definition':
      return executeDecorated(node, env);
    case 'return_statement': {
      const value = node.namedChildren[0];
      env.scope.returned = value ? evaluate(value, env) : { kind: 'none' };
      return;
    }
    case 'while_statement':
      return skip(node, env, 'a while loop is not followed statically');
    default:
      return;
  }
}

/** Records a block that was not run, so its operator calls are reported as not reached, with this reason. */
export function skip(node: Node, env: Env, reason: string): void {
  env.state.skipped.push({ node, reason });
}

function executeExpression(node: Node, env: Env): void {
  if (node.type === 'assignment') {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right) return;
    const value = right.type === 'assignment' ? assignChain(right, env) : evaluate(right, env);
    bindTarget(left, value, env);
  } else if (node.type === 'augmented_assignment') {
    applyAugmented(node, env);
  } else {
    evaluate(node, env);
  }
}

/** `a = b = value`: every target gets the same value. */
function assignChain(node: Node, env: Env): PyValue {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!right) return unknown(node, 'malformed assignment');
  const value = right.type === 'assignment' ? assignChain(right, env) : evaluate(right, env);
  if (left) bindTarget(left, value, env);
  return value;
}

function executeWith(node: Node, env: Env): void {
  const body = node.childForFieldName('body');
  const items = node.namedChildren.find((c) => c?.type === 'with_clause')?.namedChildren ?? [];
  let pushed = 0;
  for (const item of items) {
    const valueNode = item?.childForFieldName('value');
    if (!valueNode) continue;
    const [expression, target] =
      valueNode.type === 'as_pattern' ? [valueNode.namedChildren[0], valueNode.childForFieldName('alias')] : [valueNode, null];
    if (!expression) continue;
    const value = evaluate(expression, env);
    const aliasTarget = target?.namedChildren[0] ?? target;
    if (aliasTarget) bindTarget(aliasTarget, value, env);
    if (value.kind === 'dag') {
      env.state.contexts.push(value.context);
      pushed++;
    }
  }
  try {
    if (body) executeBlock(body, env);
  } finally {
    env.state.contexts.splice(env.state.contexts.length - pushed, pushed);
  }
}

function executeFor(node: Node, env: Env): void {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const body = node.childForFieldName('body');
  if (!left || !right || !body) return;
  const items = iterate(evaluate(right, env), right);
  if (!Array.isArray(items)) return skip(body, env, items.kind === 'unknown' ? items.reason : `cannot iterate over ${describe(right)}`);
  for (const item of items) {
    if (env.scope.returned) return;
    bindTarget(left, item, env);
    executeBlock(body, env);
  }
}

function executeIf(node: Node, env: Env): void {
  const branches: Array<{ condition: Node | null; body: Node | null }> = [
    { condition: node.childForFieldName('condition'), body: node.childForFieldName('consequence') },
  ];
  for (const clause of node.childrenForFieldName('alternative')) {
    if (!clause) continue;
    const body = clause.childForFieldName('body') ?? clause.childForFieldName('consequence');
    branches.push({ condition: clause.type === 'elif_clause' ? clause.childForFieldName('condition') : null, body });
  }
  for (const [index, branch] of branches.entries()) {
    const truth = branch.condition ? isTruthy(evaluate(branch.condition, env)) : true;
    if (truth === true) {
      if (branch.body) executeBlock(branch.body, env);
      const reason = `the branch is not taken (${branch.condition ? `${describe(branch.condition)} is true` : 'an earlier condition is true'})`;
      for (const rest of branches.slice(index + 1)) if (rest.body) skip(rest.body, env, reason);
      return;
    }
    if (truth === undefined) {
      const reason = `the condition ${describe(branch.condition!)} is not known statically`;
      for (const rest of branches.slice(index)) if (rest.body) skip(rest.body, env, reason);
      return;
    }
  }
}

function executeTry(node: Node, env: Env): void {
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'block') executeBlock(child, env);
    else if (child.type === 'else_clause' || child.type === 'finally_clause') {
      const body = child.childForFieldName('body') ?? child.namedChildren.find((c) => c?.type === 'block');
      if (body) executeBlock(body, env);
    } else if (child.type === 'except_clause') skip(child, env, 'an except block runs only when the try block fails');
  }
}

function executeDecorated(node: Node, env: Env): void {
  const decorators: Decorator[] = [];
  for (const child of node.namedChildren) {
    if (child?.type !== 'decorator') continue;
    const expression = child.namedChildren[0];
    if (!expression) continue;
    decorators.push(toDecorator(expression, env));
  }
  const definition = node.childForFieldName('definition');
  if (definition) defineFunction(definition, decorators, env);
}

/** `@dag` → the symbol; `@dag(dag_id="x", default_args=…)` → the symbol and its evaluated keyword arguments. */
function toDecorator(expression: Node, env: Env): Decorator {
  const kwargs = new Map<string, PyValue>();
  let calleeNode = expression;
  if (expression.type === 'call') {
    calleeNode = expression.childForFieldName('function') ?? expression;
    env.state.evaluatedCalls.add(expression.id);
    for (const arg of expression.childForFieldName('arguments')?.namedChildren ?? []) {
      if (arg?.type !== 'keyword_argument') continue;
      const name = arg.childForFieldName('name')?.text ?? '';
      const value = arg.childForFieldName('value');
      if (value) kwargs.set(name, evaluate(value, env));
    }
  }
  return { callee: evaluate(calleeNode, env), kwargs };
}

function defineFunction(node: Node, decorators: Decorator[], env: Env): void {
  const name = node.childForFieldName('name')?.text;
  if (!name) return;
  // A class body's statements are not run: operator calls in it (rare) are reported by the not-reached pass.
  const isClass = node.type === 'class_definition';
  env.scope.vars.set(name, { kind: 'function', name, node, decorators, isClass, closure: env.scope });
}
