/**
 * Statements: output, `if`, `for` (with Jinja2's `loop` and `else`), `set` (scoped to the loop body, as Jinja2 does),
 * `{% set %}…{% endset %}`, `{% filter %}`, macros, and `{% do %}` (Airflow enables `jinja2.ext.do`). Template
 * loading tags (`include`, `extends`, `import`) and nunjucks-only tags are reported, never approximated.
 */
import { childFrame, evaluate, type Frame } from './evaluate.js';
import { childrenOf, positionOf, type JNode } from './jinja-node.js';
import { JinjaError, PyFunction, PyObject, PyTuple, Undefined, isTruthy, iterateValue, pyStr } from './py-value.js';

/** Output parts: strings from template data and `str()` of expressions, or raw values in native mode. */
export interface Sink {
  native: boolean;
  parts: unknown[];
}

export function executeNodes(node: JNode | null | undefined, frame: Frame, sink: Sink): void {
  for (const child of childrenOf(node)) executeNode(child, frame, sink);
}

function executeNode(node: JNode, frame: Frame, sink: Sink): void {
  try {
    executeStatement(node, frame, sink);
  } catch (error) {
    if (error instanceof JinjaError && error.line === undefined) Object.assign(error, positionOf(node));
    throw error;
  }
}

function executeStatement(node: JNode, frame: Frame, sink: Sink): void {
  switch (node.typename) {
    case 'Output':
      for (const child of childrenOf(node)) {
        if (child.typename === 'TemplateData') sink.parts.push(String(child.value));
        else {
          const value = evaluate(child, frame);
          if (value instanceof Undefined) value.fail();
          sink.parts.push(sink.native ? value : pyStr(value));
        }
      }
      return;
    case 'If':
      return executeNodes(isTruthy(evaluate(node.cond!, frame)) ? node.body : node.else_, frame, sink);
    case 'For':
      return executeFor(node, frame, sink);
    case 'Set':
      return executeSet(node, frame);
    case 'Macro':
      return defineMacro(node, frame);
    case 'CallExtension':
      for (const arg of childrenOf(node.args)) evaluate(arg, frame);
      return;
    case 'NodeList':
    case 'Root':
      return executeNodes(node, frame, sink);
    default:
      throw unsupportedTag(node);
  }
}

function unsupportedTag(node: JNode): JinjaError {
  const names: Record<string, string> = { Include: 'include', Extends: 'extends', Block: 'block', Import: 'import', FromImport: 'from … import', Caller: 'call', Super: 'super' };
  const name = names[node.typename];
  if (name) return new JinjaError('Unsupported', `{% ${name} %} is not supported by KubeTasks' Jinja renderer`, positionOf(node));
  return new JinjaError('TemplateSyntaxError', `Encountered unknown tag '${node.typename.toLowerCase()}'.`, positionOf(node));
}

function bindTargets(target: JNode, value: unknown, frame: Frame): void {
  if (target.typename === 'Symbol') {
    frame.vars.set(String(target.value), value);
    return;
  }
  const names = childrenOf(target);
  const items = iterateValue(value instanceof PyTuple ? value.items : value);
  if (items.length !== names.length) {
    const reason = items.length > names.length ? `too many values to unpack (expected ${names.length})` : `not enough values to unpack (expected ${names.length}, got ${items.length})`;
    throw new JinjaError('ValueError', reason);
  }
  names.forEach((name, i) => bindTargets(name, items[i], frame));
}

function loopObject(index: number, items: unknown[]): PyObject {
  return new PyObject('jinja2.runtime.LoopContext', {
    index: index + 1,
    index0: index,
    revindex: items.length - index,
    revindex0: items.length - index - 1,
    first: index === 0,
    last: index === items.length - 1,
    length: items.length,
    depth: 1,
    depth0: 0,
    previtem: index > 0 ? items[index - 1] : new Undefined('there is no previous item'),
    nextitem: index < items.length - 1 ? items[index + 1] : new Undefined('there is no next item'),
    cycle: new PyFunction('cycle', (args) => args[index % Math.max(1, args.length)] ?? null),
  }, { unmodelled: ['changed'] });
}

/**
 * `for x in seq if cond`: nunjucks parses `seq if cond` as an inline if without else; Jinja2 filters the items
 * (and `loop` counts only those kept).
 */
function loopItems(node: JNode, frame: Frame): unknown[] {
  const arr = node.arr!;
  if (arr.typename !== 'InlineIf' || arr.else_) return iterateValue(evaluate(arr, frame));
  return iterateValue(evaluate(arr.body!, frame)).filter((item) => {
    const scope = childFrame(frame);
    bindTargets(node.name!, item, scope);
    return isTruthy(evaluate(arr.cond!, scope));
  });
}

function executeFor(node: JNode, frame: Frame, sink: Sink): void {
  const items = loopItems(node, frame);
  if (items.length === 0) {
    executeNodes(node.else_, childFrame(frame), sink);
    return;
  }
  items.forEach((item, index) => {
    const body = childFrame(frame);
    body.vars.set('loop', loopObject(index, items));
    bindTargets(node.name!, item, body);
    executeNodes(node.body, body, sink);
  });
}

function executeSet(node: JNode, frame: Frame): void {
  // `{% set x %}…{% endset %}`: nunjucks wraps the block in a Capture node.
  const block = node.body?.typename === 'Capture' ? node.body.body! : node.body!;
  const value = node.value ? evaluate(node.value as JNode, frame) : frame.runtime.renderBlock(block, frame);
  const targets = node.targets ?? [];
  for (const target of targets) bindTargets(target, value, frame);
}

function defineMacro(node: JNode, frame: Frame): void {
  const name = String(node.name?.value);
  const params: Array<{ name: string; fallback?: JNode }> = [];
  for (const arg of childrenOf(node.args)) {
    if (arg.typename === 'KeywordArgs') for (const pair of childrenOf(arg)) params.push({ name: String(pair.key?.value), fallback: pair.value as JNode });
    else params.push({ name: String(arg.value) });
  }
  frame.vars.set(name, new PyFunction(name, (args, kwargs) => {
    const scope = childFrame(frame);
    params.forEach((param, i) => {
      const given = i < args.length ? args[i] : Object.hasOwn(kwargs, param.name) ? kwargs[param.name] : undefined;
      scope.vars.set(param.name, given !== undefined ? given : param.fallback ? evaluate(param.fallback, scope) : new Undefined(`parameter '${param.name}' was not provided`));
    });
    return frame.runtime.renderBlock(node.body!, scope);
  }));
}
