/**
 * The Python values templates see, mapped onto JavaScript: `null` is None, arrays are lists, plain objects are
 * dicts (insertion-ordered, string keys), functions are callables. Objects with attributes (`ti`, `dag_run`,
 * `macros`…) are `PyObject`s. The rules follow Python's data model (str(), repr(), truth value testing,
 * comparisons) because Jinja2 hands every operation to Python.
 */
import { PyDateTime, PyTimedelta } from './py-datetime.js';

/** Raised for what Jinja2 raises (`UndefinedError`, `TypeError`…) and for behaviours we do not reproduce. */
export class JinjaError extends Error {
  /** The Python exception name Airflow would show, or `Unsupported` when KubeTasks does not model the behaviour. */
  readonly type: string;
  line?: number;
  column?: number;
  constructor(type: string, message: string, at?: { line?: number; column?: number }) {
    super(message);
    this.type = type;
    if (at?.line !== undefined) this.line = at.line;
    if (at?.column !== undefined) this.column = at.column;
  }
}

/** Jinja2's StrictUndefined: any use raises with the hint; only `is defined` and `default` may touch it. */
export class Undefined {
  readonly hint: string;
  constructor(hint: string) {
    this.hint = hint;
  }
  fail(): never {
    throw new JinjaError('UndefinedError', this.hint);
  }
}

/** A name Airflow puts in the context that KubeTasks does not model: reading it is Unsupported, never a guess. */
export class Unmodelled {
  readonly what: string;
  constructor(what: string) {
    this.what = what;
  }
  fail(): never {
    throw new JinjaError('Unsupported', `${this.what} is not modelled by KubeTasks' Jinja renderer`);
  }
}

/** A callable: positional arguments and keyword arguments. */
export type PyCallable = (args: unknown[], kwargs: Record<string, unknown>) => unknown;

export class PyFunction {
  readonly name: string;
  readonly call: PyCallable;
  constructor(name: string, call: PyCallable) {
    this.name = name;
    this.call = call;
  }
}

/**
 * An object with attributes. `typeName` is the qualified class name Jinja2 prints in "has no attribute" errors.
 * `modelled: false` attributes mean "Airflow has more here than KubeTasks models": reading one is Unsupported.
 */
export class PyObject {
  readonly typeName: string;
  readonly attrs: Record<string, unknown>;
  /** Item access (`var.value['x']`), when the object supports it. */
  readonly getItem?: (key: unknown) => unknown;
  /**
   * Attribute names Airflow defines that KubeTasks does not model (reading one is reported, never guessed);
   * `all` for Airflow's own objects, where any attribute we lack may exist upstream.
   */
  readonly unmodelled?: readonly string[] | 'all';
  readonly str?: () => string;
  /** Set when the object is callable (`macros.datetime(2024, 1, 1)`). */
  readonly call?: PyCallable;
  /** A `str` enum member compares equal to its value (`DagRunType.MANUAL == 'manual'`). */
  readonly equalTo?: string;
  constructor(typeName: string, attrs: Record<string, unknown>, extra: Pick<PyObject, 'getItem' | 'unmodelled' | 'str' | 'call' | 'equalTo'> = {}) {
    this.typeName = typeName;
    this.attrs = attrs;
    Object.assign(this, extra);
  }
}

/** A float with an integral value (`4 / 2`, `2.0`): a JavaScript number cannot tell it from an int. */
export class PyFloat {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
  valueOf(): number {
    return this.value;
  }
}

/** A float result: boxed when integral, so it still prints as `2.0`. */
export function toFloat(value: number): number | PyFloat {
  return Number.isInteger(value) ? new PyFloat(value) : value;
}

export function isFloat(value: unknown): boolean {
  return value instanceof PyFloat || (typeof value === 'number' && !Number.isInteger(value));
}

/** The plain number or string behind a boxed value (or the value itself). */
export function unbox(value: unknown): unknown {
  if (value instanceof PyObject && value.equalTo !== undefined) return value.equalTo;
  return value instanceof PyFloat ? value.value : value;
}

/** A tuple (repr with parentheses); kept apart from lists only where the difference shows. */
export class PyTuple {
  readonly items: unknown[];
  constructor(items: unknown[]) {
    this.items = items;
  }
}

export function isDict(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** Python's `type(x).__name__`, as Jinja2's `object_type_repr` prints it (`'dict object'`). */
export function typeName(value: unknown): string {
  if (value === null) return 'None';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (value instanceof PyFloat) return 'float';
  if (Array.isArray(value)) return 'list';
  if (value instanceof PyTuple) return 'tuple';
  if (isDict(value)) return 'dict';
  if (value instanceof PyObject) return value.typeName;
  if (value instanceof PyDateTime) return 'pendulum.datetime.DateTime';
  if (value instanceof PyTimedelta) return 'datetime.timedelta';
  if (value instanceof PyFunction || typeof value === 'function') return 'function';
  return 'object';
}

/** `repr(float)`: shortest round-trip digits, always with a decimal point or exponent. */
function floatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.0`;
  const text = String(value);
  const exp = /^(-?\d(?:\.\d+)?)e([+-])(\d+)$/.exec(text);
  return exp ? `${exp[1]}e${exp[2]}${exp[3]!.padStart(2, '0')}` : text;
}

/** A number's str(): integers print without a point; JavaScript cannot tell `2.0` from `2` (docs/FIDELITY.md). */
export function numberStr(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 1e16 ? String(value) : floatRepr(value);
}

/** Python's `repr(str)`: single quotes unless the text holds one and no double quote. */
export function stringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

export function pyRepr(value: unknown): string {
  if (typeof value === 'string') return stringRepr(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (value instanceof PyTuple) return value.items.length === 1 ? `(${pyRepr(value.items[0])},)` : `(${value.items.map(pyRepr).join(', ')})`;
  if (isDict(value)) return `{${Object.entries(value).map(([k, v]) => `${stringRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
  if (value instanceof PyDateTime) return value.repr();
  if (value instanceof PyTimedelta) return value.repr();
  return pyStr(value);
}

/** Python's `str(x)`: what `{{ x }}` prints. */
export function pyStr(value: unknown): string {
  if (value instanceof Undefined) return value.fail();
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return numberStr(value);
  if (value instanceof PyFloat) return floatRepr(value.value);
  if (typeof value === 'string') return value;
  if (value instanceof PyDateTime || value instanceof PyTimedelta) return value.str();
  if (value instanceof PyObject) {
    if (value.str) return value.str();
    throw new JinjaError('Unsupported', `str() of ${value.typeName} (its Python repr) is not modelled by KubeTasks' Jinja renderer`);
  }
  if (value instanceof PyFunction) return `<function ${value.name}>`;
  if (value === undefined) return 'None';
  return pyRepr(value);
}

/** Truth value testing (Python reference 4.1): empty containers, 0, "" and None are false. */
export function isTruthy(value: unknown): boolean {
  if (value instanceof Undefined) return value.fail();
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (value instanceof PyFloat) return value.value !== 0;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof PyTuple) return value.items.length > 0;
  if (isDict(value)) return Object.keys(value).length > 0;
  if (value instanceof PyTimedelta) return value.totalSeconds() !== 0;
  return true;
}

/** `==`: structural, as Python compares lists and dicts; True == 1. */
export function pyEquals(first: unknown, second: unknown): boolean {
  if (first instanceof Undefined) return first.fail();
  if (second instanceof Undefined) return second.fail();
  const [a, b] = [unbox(first), unbox(second)];
  if (typeof a === 'boolean' || typeof b === 'boolean') {
    const numeric = (x: unknown) => typeof x === 'boolean' || typeof x === 'number';
    return numeric(a) && numeric(b) && Number(a) === Number(b);
  }
  const la = a instanceof PyTuple ? a.items : a;
  const lb = b instanceof PyTuple ? b.items : b;
  if (Array.isArray(la) && Array.isArray(lb)) return la.length === lb.length && la.every((x, i) => pyEquals(x, lb[i]));
  if (isDict(a) && isDict(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && pyEquals(a[k], b[k]));
  }
  if (a instanceof PyDateTime && b instanceof PyDateTime) return a.epochMicros === b.epochMicros;
  if (a instanceof PyTimedelta && b instanceof PyTimedelta) return a.totalSeconds() === b.totalSeconds();
  return a === b;
}

/** `<`, `>`… between numbers, strings, lists, datetimes; other pairs raise TypeError as in Python 3. */
export function pyCompare(a: unknown, b: unknown, op: string): boolean {
  if (a instanceof Undefined) return a.fail();
  if (b instanceof Undefined) return b.fail();
  const order = compareOrder(a, b);
  if (order === undefined) {
    throw new JinjaError('TypeError', `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
  }
  return op === '<' ? order < 0 : op === '>' ? order > 0 : op === '<=' ? order <= 0 : order >= 0;
}

function compareOrder(a: unknown, b: unknown): number | undefined {
  const num = (x: unknown) => (typeof x === 'boolean' ? Number(x) : unbox(x));
  const na = num(a);
  const nb = num(b);
  if (typeof na === 'number' && typeof nb === 'number') return na - nb;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof PyDateTime && b instanceof PyDateTime) return a.epochMicros - b.epochMicros;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!pyEquals(a[i], b[i])) return compareOrder(a[i], b[i]);
    }
    return a.length - b.length;
  }
  return undefined;
}

/** Items of an iterable (`for x in value`): dicts iterate their keys, strings their characters. */
export function iterateValue(value: unknown): unknown[] {
  if (value instanceof Undefined) return value.fail();
  if (Array.isArray(value)) return value;
  if (value instanceof PyTuple) return value.items;
  if (typeof value === 'string') return [...value];
  if (isDict(value)) return Object.keys(value);
  throw new JinjaError('TypeError', `'${typeName(value)}' object is not iterable`);
}
