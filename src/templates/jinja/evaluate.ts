/**
 * Expressions with Jinja2's semantics over the nunjucks AST: Python truthiness, `and`/`or` returning operands,
 * StrictUndefined for missing names and keys, Python operators (`//`, `%`, `**`, `~`, list and string `+`/`*`),
 * attribute-then-item lookup, and calls with keyword arguments.
 */
import { FILTERS, UNSUPPORTED_FILTERS, type FilterCall } from './filters.js';
import { childrenOf, positionOf, type JNode } from './jinja-node.js';
import { getAttr, getItem } from './py-methods.js';
import { arithmetic } from './arithmetic.js';
import { JinjaError, PyFunction, PyObject, PyTuple, Undefined, Unmodelled, isDict, isFloat, toFloat, unbox, isTruthy, iterateValue, pyEquals, pyCompare, pyStr, typeName } from './py-value.js';
import { TESTS } from './tests.js';

/** What one render shares: the template text (to tell `a.b` from `a['b']`), the context, block rendering. */
export interface Runtime {
  source: string;
  lineOffsets: number[];
  context: Record<string, unknown>;
  renderBlock(body: JNode, frame: Frame): string;
}

export interface Frame {
  vars: Map<string, unknown>;
  parent: Frame | undefined;
  runtime: Runtime;
}

export function childFrame(parent: Frame): Frame {
  return { vars: new Map(), parent, runtime: parent.runtime };
}

/** Jinja2's default globals (jinja2/defaults.py DEFAULT_NAMESPACE) that templates use. */
const GLOBALS: Record<string, unknown> = {
  range: new PyFunction('range', (args) => {
    const [start, stop, step = 1] = args.length === 1 ? [0, Number(args[0])] : args.map(Number);
    if (step === 0) throw new JinjaError('ValueError', 'range() arg 3 must not be zero');
    const out: number[] = [];
    for (let i = Number(start); step > 0 ? i < Number(stop) : i > Number(stop); i += Number(step)) out.push(i);
    if (out.length > 100_000) throw new JinjaError('OverflowError', 'Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).');
    return out;
  }),
  dict: new PyFunction('dict', (args, kwargs) => ({ ...(isDict(args[0]) ? args[0] : {}), ...kwargs })),
  lipsum: new Unmodelled('lipsum()'),
  cycler: new Unmodelled('cycler()'),
  joiner: new Unmodelled('joiner()'),
  namespace: new Unmodelled('namespace()'),
};

function lookupName(frame: Frame, name: string): unknown {
  for (let f: Frame | undefined = frame; f; f = f.parent) if (f.vars.has(name)) return f.vars.get(name);
  const context = frame.runtime.context;
  if (Object.hasOwn(context, name)) {
    const value = context[name];
    return value instanceof Unmodelled ? value.fail() : value;
  }
  if (Object.hasOwn(GLOBALS, name)) {
    const value = GLOBALS[name];
    return value instanceof Unmodelled ? value.fail() : value;
  }
  if (name === 'True') return true;
  if (name === 'False') return false;
  if (name === 'None') return null;
  return new Undefined(`'${name}' is undefined`);
}

/** Positional and keyword arguments of a call node's NodeList (a trailing KeywordArgs holds the keywords). */
export function evaluateArguments(list: JNode[], frame: Frame): { args: unknown[]; kwargs: Record<string, unknown> } {
  const args: unknown[] = [];
  const kwargs: Record<string, unknown> = {};
  for (const node of list) {
    if (node.typename === 'KeywordArgs') {
      for (const pair of childrenOf(node)) kwargs[String(pair.key?.value)] = evaluate(pair.value as JNode, frame);
    } else args.push(evaluate(node, frame));
  }
  return { args, kwargs };
}

/** Whether the lookup at `node` was written `a.b` (attribute) rather than `a['b']` (subscript). */
function isDotLookup(node: JNode, runtime: Runtime): boolean {
  const offset = (runtime.lineOffsets[node.lineno] ?? 0) + node.colno;
  return runtime.source[offset] === '.';
}

function sourceAt(node: JNode, runtime: Runtime): string {
  const offset = (runtime.lineOffsets[node.lineno] ?? 0) + node.colno;
  return runtime.source.slice(offset, offset + 40);
}

/** nunjucks parses `2.0` to the number 2; the source text tells that Jinja2 would see a float. */
function isFloatLiteral(node: JNode, runtime: Runtime): boolean {
  if (typeof node.value !== 'number' || !Number.isInteger(node.value)) return false;
  return /^[+-]?\d+(\.|[eE])/.test(sourceAt(node, runtime));
}

export function callValue(callee: unknown, args: unknown[], kwargs: Record<string, unknown>): unknown {
  if (callee instanceof Undefined) return callee.fail();
  if (callee instanceof PyFunction) return callee.call(args, kwargs);
  if (callee instanceof PyObject && callee.call) return callee.call(args, kwargs);
  throw new JinjaError('TypeError', `'${typeName(callee)}' object is not callable`);
}

export function filterCall(frame: Frame): FilterCall {
  return {
    applyFilter: (name, value, args) => applyFilter(name, value, args, {}, frame),
    applyTest: (name, value, args) => applyTest(name, value, args),
  };
}

function applyFilter(name: string, value: unknown, args: unknown[], kwargs: Record<string, unknown>, frame: Frame): unknown {
  const filter = Object.hasOwn(FILTERS, name) ? FILTERS[name] : undefined;
  if (!filter) {
    if (UNSUPPORTED_FILTERS.has(name)) throw new JinjaError('Unsupported', `the Jinja2 filter '${name}' is not supported by KubeTasks`);
    throw new JinjaError('TemplateAssertionError', `No filter named '${name}'.`);
  }
  if (value instanceof Undefined && name !== 'default' && name !== 'd') value.fail();
  return filter(value, args, kwargs, filterCall(frame));
}

export function applyTest(name: string, value: unknown, args: unknown[]): boolean {
  const test = Object.hasOwn(TESTS, name) ? TESTS[name] : undefined;
  if (!test) throw new JinjaError('TemplateAssertionError', `No test named '${name}'.`);
  return test(value, args);
}

/** The test name and arguments on the right of `is`: `none`, `defined`, `divisibleby(3)`. */
function testOf(node: JNode, frame: Frame): { name: string; args: unknown[] } {
  if (node.typename === 'Literal') return { name: node.value === null ? 'none' : String(node.value), args: [] };
  if (node.typename === 'Symbol') return { name: String(node.value), args: [] };
  if (node.typename === 'FunCall' && node.name?.typename === 'Symbol') {
    return { name: String(node.name.value), args: evaluateArguments(childrenOf(node.args), frame).args };
  }
  throw new JinjaError('Unsupported', 'this form of "is" test is not supported by KubeTasks');
}

function contains(container: unknown, item: unknown): boolean {
  if (container instanceof Undefined) return container.fail();
  if (item instanceof Undefined) return item.fail();
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw new JinjaError('TypeError', `'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (isDict(container)) return typeof item === 'string' && Object.hasOwn(container, item);
  return iterateValue(container).some((x) => pyEquals(x, item));
}

export function evaluate(node: JNode, frame: Frame): unknown {
  try {
    return evaluateNode(node, frame);
  } catch (error) {
    if (error instanceof JinjaError && error.line === undefined) Object.assign(error, positionOf(node));
    throw error;
  }
}

function evaluateNode(node: JNode, frame: Frame): unknown {
  switch (node.typename) {
    case 'Literal':
      if (node.value instanceof RegExp) throw new JinjaError('TemplateSyntaxError', 'unexpected char');
      // nunjucks reads `null` as None; in Jinja2 it is just a name (undefined unless the context has it).
      if (node.value === null && sourceAt(node, frame.runtime).startsWith('null')) return lookupName(frame, 'null');
      return isFloatLiteral(node, frame.runtime) ? toFloat(Number(node.value)) : node.value;
    case 'Symbol':
      return lookupName(frame, String(node.value));
    case 'Group': {
      const items = childrenOf(node).map((child) => evaluate(child, frame));
      return items.length === 1 ? items[0] : new PyTuple(items);
    }
    case 'Array':
      return childrenOf(node).map((child) => evaluate(child, frame));
    case 'Dict':
      return evaluateDict(node, frame);
    case 'LookupVal': {
      const target = evaluate(node.target!, frame);
      const key = evaluate(node.val!, frame);
      return isDotLookup(node, frame.runtime) && typeof key === 'string' ? getAttr(target, key) : getItem(target, key);
    }
    case 'FunCall': {
      const callee = evaluate(node.name!, frame);
      const { args, kwargs } = evaluateArguments(childrenOf(node.args), frame);
      return callValue(callee, args, kwargs);
    }
    case 'Filter': {
      const [value, ...rest] = childrenOf(node.args);
      const { args, kwargs } = evaluateArguments(rest, frame);
      return applyFilter(String(node.name?.value), value ? evaluate(value, frame) : null, args, kwargs, frame);
    }
    case 'Capture':
      return frame.runtime.renderBlock(node.body!, frame);
    default:
      return evaluateOperator(node, frame);
  }
}

function evaluateDict(node: JNode, frame: Frame): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of childrenOf(node)) {
    const key = evaluate(pair.key!, frame);
    if (typeof key !== 'string') throw new JinjaError('Unsupported', `dict keys of type ${typeName(key)} are not supported by KubeTasks`);
    out[key] = evaluate(pair.value as JNode, frame);
  }
  return out;
}

function evaluateOperator(node: JNode, frame: Frame): unknown {
  const left = () => evaluate(node.left!, frame);
  const right = () => evaluate(node.right!, frame);
  switch (node.typename) {
    case 'And': {
      const a = left();
      return isTruthy(a) ? right() : a;
    }
    case 'Or': {
      const a = left();
      return isTruthy(a) ? a : right();
    }
    case 'Not':
      return !isTruthy(evaluate(node.target!, frame));
    case 'In':
      return contains(right(), left());
    case 'Is': {
      const test = testOf(node.right!, frame);
      return applyTest(test.name, left(), test.args);
    }
    case 'InlineIf':
      if (isTruthy(evaluate(node.cond!, frame))) return evaluate(node.body!, frame);
      return node.else_ ? evaluate(node.else_, frame) : new Undefined(`the inline if-expression on line ${node.lineno + 1} evaluated to false and no else section was defined.`);
    case 'Compare':
      return evaluateCompare(node, frame);
    case 'Concat':
      return pyStr(left()) + pyStr(right());
    case 'Neg':
    case 'Pos': {
      const value = evaluate(node.target!, frame);
      if (value instanceof Undefined) return value.fail();
      if (typeof unbox(value) !== 'number' && typeof value !== 'boolean') throw new JinjaError('TypeError', `bad operand type for unary ${node.typename === 'Neg' ? '-' : '+'}: '${typeName(value)}'`);
      const result = node.typename === 'Neg' ? -Number(value) : Number(value);
      return isFloat(value) ? toFloat(result) : result;
    }
    default:
      return arithmetic(node.typename, left(), right());
  }
}

function evaluateCompare(node: JNode, frame: Frame): boolean {
  let current = evaluate(node.expr!, frame);
  for (const op of node.ops ?? []) {
    const next = evaluate(op.expr!, frame);
    const type = op.type ?? '==';
    const holds = type === '==' || type === '===' ? pyEquals(current, next) : type === '!=' || type === '!==' ? !pyEquals(current, next) : pyCompare(current, next, type);
    if (!holds) return false;
    current = next;
  }
  return true;
}
