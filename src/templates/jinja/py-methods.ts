/**
 * Attribute and item lookup with Jinja2's rules (`jinja2.Environment.getattr` / `getitem`): `a.b` tries the
 * attribute, then the item; `a['b']` the item, then the attribute; a miss is a StrictUndefined whose hint is
 * Jinja2's own ("'dict object' has no attribute 'b'"). The methods of str, dict and list behave as Python's.
 */
import { PyDateTime, PyTimedelta } from './py-datetime.js';
import { strFormat } from './py-format.js';
import { JinjaError, PyFunction, PyObject, PyTuple, Undefined, Unmodelled, isDict, iterateValue, pyEquals, pyStr, stringRepr, typeName, type PyCallable } from './py-value.js';

const fn = (name: string, call: PyCallable) => new PyFunction(name, call);
const str = (value: unknown, what: string): string => {
  if (typeof value !== 'string') throw new JinjaError('TypeError', `${what} must be str, not ${typeName(value)}`);
  return value;
};

/** Python's `str.split(sep=None, maxsplit=-1)`. */
export function splitString(text: string, sep: unknown, maxsplit = -1): string[] {
  if (sep === null || sep === undefined) {
    const parts: string[] = [];
    let rest = text.replace(/^\s+/, '');
    while (rest !== '' && (maxsplit < 0 || parts.length < maxsplit)) {
      const m = /\s+/.exec(rest);
      if (!m) break;
      parts.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    if (rest !== '') parts.push(maxsplit >= 0 && parts.length >= maxsplit ? rest.replace(/\s+$/, '') : rest);
    return parts;
  }
  const separator = str(sep, 'sep');
  if (separator === '') throw new JinjaError('ValueError', 'empty separator');
  const all = text.split(separator);
  return maxsplit < 0 || all.length <= maxsplit + 1 ? all : [...all.slice(0, maxsplit), all.slice(maxsplit).join(separator)];
}

function strip(text: string, chars: unknown, side: 'both' | 'left' | 'right'): string {
  const set = chars === null || chars === undefined ? undefined : str(chars, 'strip arg');
  const drop = (ch: string) => (set === undefined ? /\s/.test(ch) : set.includes(ch));
  let start = 0;
  let end = text.length;
  if (side !== 'right') while (start < end && drop(text[start]!)) start++;
  if (side !== 'left') while (end > start && drop(text[end - 1]!)) end--;
  return text.slice(start, end);
}

function affix(text: string, what: unknown, at: 'start' | 'end'): boolean {
  const options = what instanceof PyTuple ? what.items : [what];
  return options.some((o) => (at === 'start' ? text.startsWith(str(o, 'prefix')) : text.endsWith(str(o, 'suffix'))));
}

const STRING_METHODS: Record<string, (s: string, a: unknown[], k: Record<string, unknown>) => unknown> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  strip: (s, a) => strip(s, a[0], 'both'),
  lstrip: (s, a) => strip(s, a[0], 'left'),
  rstrip: (s, a) => strip(s, a[0], 'right'),
  split: (s, a, k) => splitString(s, a[0] ?? k.sep, Number(a[1] ?? k.maxsplit ?? -1)),
  replace: (s, a) => {
    const [old, replacement, count = -1] = [str(a[0], 'replace() argument 1'), str(a[1], 'replace() argument 2'), Number(a[2] ?? -1)];
    const parts = s.split(old);
    return count < 0 ? parts.join(replacement) : parts.slice(0, count + 1).join(replacement) + (parts.length > count + 1 ? old + parts.slice(count + 1).join(old) : '');
  },
  startswith: (s, a) => affix(s, a[0], 'start'),
  endswith: (s, a) => affix(s, a[0], 'end'),
  format: (s, a, k) => strFormat(s, a, k),
  join: (s, a) => iterateValue(a[0]).map((item) => str(item, 'sequence item')).join(s),
  title: (s) => s.toLowerCase().replace(/(^|[^A-Za-z])([a-z])/g, (_, pre: string, ch: string) => pre + ch.toUpperCase()),
  capitalize: (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  find: (s, a) => s.indexOf(str(a[0], 'find arg')),
  rfind: (s, a) => s.lastIndexOf(str(a[0], 'rfind arg')),
  count: (s, a) => s.split(str(a[0], 'count arg')).length - 1,
  zfill: (s, a) => (/^[+-]/.test(s) ? s[0] + s.slice(1).padStart(Number(a[0]) - 1, '0') : s.padStart(Number(a[0]), '0')),
  isdigit: (s) => /^\d+$/.test(s),
  isalpha: (s) => /^\p{L}+$/u.test(s),
  isalnum: (s) => /^[\p{L}\d]+$/u.test(s),
  islower: (s) => /[a-z]/.test(s) && s === s.toLowerCase(),
  isupper: (s) => /[A-Z]/.test(s) && s === s.toUpperCase(),
  splitlines: (s) => s.split(/\r\n|\r|\n/).filter((line, i, all) => i < all.length - 1 || line !== ''),
  removeprefix: (s, a) => (s.startsWith(str(a[0], 'prefix')) ? s.slice(String(a[0]).length) : s),
  removesuffix: (s, a) => (String(a[0]) !== '' && s.endsWith(str(a[0], 'suffix')) ? s.slice(0, -String(a[0]).length) : s),
  ljust: (s, a) => s.padEnd(Number(a[0]), typeof a[1] === 'string' ? a[1] : ' '),
  rjust: (s, a) => s.padStart(Number(a[0]), typeof a[1] === 'string' ? a[1] : ' '),
  swapcase: (s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
};

const DICT_METHODS: Record<string, (d: Record<string, unknown>, a: unknown[], k: Record<string, unknown>) => unknown> = {
  get: (d, a) => (typeof a[0] === 'string' && Object.hasOwn(d, a[0]) ? d[a[0]] : (a[1] ?? null)),
  items: (d) => Object.entries(d).map(([k, v]) => new PyTuple([k, v])),
  keys: (d) => Object.keys(d),
  values: (d) => Object.values(d),
  copy: (d) => ({ ...d }),
  update: (d, a, k) => {
    Object.assign(d, isDict(a[0]) ? a[0] : {}, k);
    return null;
  },
  setdefault: (d, a) => {
    const key = str(a[0], 'key');
    if (!Object.hasOwn(d, key)) d[key] = a[1] ?? null;
    return d[key];
  },
  pop: (d, a) => {
    const key = str(a[0], 'key');
    if (!Object.hasOwn(d, key)) {
      if (a.length > 1) return a[1];
      throw new JinjaError('KeyError', stringRepr(key));
    }
    const value = d[key];
    delete d[key];
    return value;
  },
};

const LIST_METHODS: Record<string, (l: unknown[], a: unknown[]) => unknown> = {
  index: (l, a) => {
    const at = l.findIndex((x) => pyEquals(x, a[0]));
    if (at < 0) throw new JinjaError('ValueError', `${pyStr(a[0])} is not in list`);
    return at;
  },
  count: (l, a) => l.filter((x) => pyEquals(x, a[0])).length,
  append: (l, a) => (l.push(a[0]), null),
  extend: (l, a) => (l.push(...iterateValue(a[0])), null),
  insert: (l, a) => (l.splice(Number(a[0]), 0, a[1]), null),
  pop: (l, a) => {
    if (l.length === 0) throw new JinjaError('IndexError', 'pop from empty list');
    const at = a.length > 0 ? Number(a[0]) : -1;
    return l.splice(at < 0 ? l.length + at : at, 1)[0];
  },
  copy: (l) => [...l],
};

/** Python has these on str/dict/list; KubeTasks does not model them, so a call is reported, never guessed. */
const KNOWN_UNMODELLED: Record<string, readonly string[]> = {
  str: ['casefold', 'center', 'encode', 'expandtabs', 'format_map', 'index', 'isascii', 'isdecimal', 'isidentifier', 'isnumeric', 'isprintable', 'isspace', 'istitle', 'maketrans', 'partition', 'rindex', 'rpartition', 'rsplit', 'translate'],
  dict: ['clear', 'fromkeys', 'popitem'],
  list: ['clear', 'remove', 'reverse', 'sort'],
};

function bound<T>(table: Record<string, (self: T, a: unknown[], k: Record<string, unknown>) => unknown>, self: T, name: string): PyFunction | undefined {
  const method = Object.hasOwn(table, name) ? table[name] : undefined;
  return method && fn(name, (a, k) => method(self, a, k));
}

/** The attribute `name` of `obj`, or undefined when it has none (then Jinja2 tries the item). */
export function pythonAttribute(obj: unknown, name: string): unknown {
  if (name.startsWith('_')) throw new JinjaError('SecurityError', `access to attribute '${name}' of '${typeName(obj)}' object is unsafe.`);
  if (typeof obj === 'string') return bound(STRING_METHODS, obj, name) ?? unmodelled('str', name);
  if (isDict(obj)) return bound(DICT_METHODS, obj, name) ?? unmodelled('dict', name);
  if (Array.isArray(obj)) return bound(LIST_METHODS, obj, name) ?? unmodelled('list', name);
  if (obj instanceof PyObject) {
    if (Object.hasOwn(obj.attrs, name)) {
      const value = obj.attrs[name];
      return value instanceof Unmodelled ? value.fail() : value;
    }
    if (obj.unmodelled === 'all' || obj.unmodelled?.includes(name)) {
      throw new JinjaError('Unsupported', `${obj.typeName}.${name} is not modelled by KubeTasks' Jinja renderer`);
    }
    return undefined;
  }
  if (obj instanceof PyDateTime) return dateTimeAttribute(obj, name);
  if (obj instanceof PyTimedelta) return timedeltaAttribute(obj, name);
  return undefined;
}

function unmodelled(type: string, name: string): undefined {
  if (KNOWN_UNMODELLED[type]?.includes(name)) throw new JinjaError('Unsupported', `${type}.${name}() is not supported by KubeTasks' Jinja renderer`);
  return undefined;
}

function dateTimeAttribute(dt: PyDateTime, name: string): unknown {
  const simple: Record<string, () => unknown> = {
    year: () => dt.year, month: () => dt.month, day: () => dt.day, hour: () => dt.hour, minute: () => dt.minute,
    second: () => dt.second, microsecond: () => dt.micro,
  };
  if (simple[name]) return simple[name]();
  const methods: Record<string, PyCallable> = {
    isoformat: (a) => dt.isoformat(typeof a[0] === 'string' ? a[0] : 'T'),
    strftime: (a) => {
      const text = dt.strftime(str(a[0], 'format'));
      if (text === undefined) throw new JinjaError('Unsupported', `strftime(${stringRepr(String(a[0]))}) uses a directive KubeTasks does not model`);
      return text;
    },
    timestamp: () => dt.timestamp(),
    weekday: () => dt.weekday(),
    isoweekday: () => dt.weekday() + 1,
    add: (_, k) => dt.plus(PyTimedelta.of(k)),
    subtract: (_, k) => dt.plus(new PyTimedelta(-PyTimedelta.of(k).micros)),
    to_date_string: () => dt.isoformat().slice(0, 10),
    to_datetime_string: () => dt.isoformat(' ').slice(0, 19),
  };
  if (methods[name]) return fn(name, methods[name]);
  if (['date', 'time', 'replace', 'format', 'in_timezone', 'in_tz', 'astimezone', 'start_of', 'end_of', 'diff', 'tzinfo'].includes(name)) {
    throw new JinjaError('Unsupported', `datetime.${name} is not modelled by KubeTasks`);
  }
  return undefined;
}

function timedeltaAttribute(td: PyTimedelta, name: string): unknown {
  if (name === 'days') return td.days;
  if (name === 'seconds') return td.seconds;
  if (name === 'total_seconds') return fn(name, () => td.totalSeconds());
  return undefined;
}

/** Jinja2's `object_type_repr`: `'dict object'`, `'None'`, `'airflow.….ParamsDict object'`. */
export function objectTypeRepr(obj: unknown): string {
  return obj === null ? 'None' : `${typeName(obj)} object`;
}

function missing(obj: unknown, key: unknown): Undefined {
  const what = typeof key === 'string' ? `has no attribute ${stringRepr(key)}` : `has no element ${pyStr(key)}`;
  return new Undefined(`'${objectTypeRepr(obj)}' ${what}`);
}

/** `obj[key]` as a Python subscript; undefined when there is no such item. */
function pythonItem(obj: unknown, key: unknown): unknown {
  if (isDict(obj)) return typeof key === 'string' && Object.hasOwn(obj, key) ? obj[key] : undefined;
  const list = Array.isArray(obj) ? obj : obj instanceof PyTuple ? obj.items : typeof obj === 'string' ? [...obj] : undefined;
  if (list && typeof key === 'number' && Number.isInteger(key)) return list[key < 0 ? list.length + key : key];
  if (obj instanceof PyObject && obj.getItem) return obj.getItem(key);
  return undefined;
}

/** `obj.name` in a template. */
export function getAttr(obj: unknown, name: string): unknown {
  if (obj instanceof Undefined) return obj.fail();
  const attr = pythonAttribute(obj, name);
  if (attr !== undefined) return attr;
  const item = pythonItem(obj, name);
  return item !== undefined ? item : missing(obj, name);
}

/** `obj[key]` in a template. */
export function getItem(obj: unknown, key: unknown): unknown {
  if (obj instanceof Undefined) return obj.fail();
  if (key instanceof Undefined) return key.fail();
  const item = pythonItem(obj, key);
  if (item !== undefined) return item;
  const attr = typeof key === 'string' ? pythonAttribute(obj, key) : undefined;
  return attr !== undefined ? attr : missing(obj, key);
}
