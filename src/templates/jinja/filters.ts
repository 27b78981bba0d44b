/**
 * Jinja2's builtin filters (jinja2/filters.py) that templates in DAGs use, plus Airflow's own (`ds`, `ds_nodash`,
 * `ts`, `ts_nodash`, `ts_nodash_with_tz`: airflow/templates.py). A filter Jinja2 has and this table lacks is
 * Unsupported at render time, never a wrong string; a name neither has fails as Jinja2 does ("No filter named").
 */
import { PyDateTime } from './py-datetime.js';
import { getAttr } from './py-methods.js';
import { toJson } from './to-json.js';
import { JinjaError, PyTuple, Undefined, isDict, isTruthy, iterateValue, pyCompare, pyEquals, pyRepr, pyStr, toFloat, typeName, unbox } from './py-value.js';

export type Filter = (value: unknown, args: unknown[], kwargs: Record<string, unknown>, call: FilterCall) => unknown;

/** What a filter may need from the renderer: other filters and tests by name (`map`, `select`). */
export interface FilterCall {
  applyFilter(name: string, value: unknown, args: unknown[]): unknown;
  applyTest(name: string, value: unknown, args: unknown[]): boolean;
}

const sortKey = (a: unknown, b: unknown, caseSensitive: boolean): number => {
  const norm = (x: unknown) => (typeof x === 'string' && !caseSensitive ? x.toLowerCase() : x);
  const [x, y] = [norm(a), norm(b)];
  return pyEquals(x, y) ? 0 : pyCompare(x, y, '<') ? -1 : 1;
};

function toInt(value: unknown, fallback: unknown): unknown {
  if (typeof value === 'boolean') return Number(value);
  if (typeof unbox(value) === 'number') return Math.trunc(Number(value));
  if (typeof value === 'string') {
    const text = value.trim().replace(/_/g, '');
    if (/^[+-]?\d+$/.test(text)) return Number(text);
    if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return Math.trunc(Number(text));
  }
  return fallback;
}

function floatFilter(value: unknown, fallback: unknown): unknown {
  if (typeof unbox(value) === 'number' || typeof value === 'boolean') return toFloat(Number(value));
  if (typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(value)) return toFloat(Number(value));
  return fallback;
}

function roundFilter(value: unknown, args: unknown[], kwargs: Record<string, unknown>): unknown {
  const precision = Number(args[0] ?? kwargs.precision ?? 0);
  const method = String(args[1] ?? kwargs.method ?? 'common');
  const scale = 10 ** precision;
  const n = Number(value) * scale;
  const rounded = method === 'ceil' ? Math.ceil(n) : method === 'floor' ? Math.floor(n) : Math.sign(n) * Math.round(Math.abs(n));
  return toFloat(rounded / scale);
}

function attributeOf(item: unknown, attribute: unknown): unknown {
  return String(attribute).split('.').reduce<unknown>((obj, part) => getAttr(obj, /^\d+$/.test(part) ? part : part), item);
}

function dateFilter(format: (dt: PyDateTime) => string): Filter {
  return (value) => {
    if (value === null) return null;
    if (!(value instanceof PyDateTime)) throw new JinjaError('AttributeError', `'${typeName(value)}' object has no attribute 'strftime'`);
    return format(value);
  };
}

export const FILTERS: Record<string, Filter> = {
  default: (value, args, kwargs) => {
    const [fallback = '', boolean = false] = [args[0] ?? kwargs.default_value, args[1] ?? kwargs.boolean];
    return value instanceof Undefined || (boolean === true && !isTruthy(value)) ? fallback : value;
  },
  upper: (value) => pyStr(value).toUpperCase(),
  lower: (value) => pyStr(value).toLowerCase(),
  capitalize: (value) => { const s = pyStr(value); return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(); },
  title: (value) => pyStr(value).replace(/[\w']+/g, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()),
  trim: (value, args) => { const s = pyStr(value); const chars = args[0]; return typeof chars === 'string' ? s.replace(new RegExp(`^[${chars.replace(/[\]\\^-]/g, '\\$&')}]+|[${chars.replace(/[\]\\^-]/g, '\\$&')}]+$`, 'g'), '') : s.trim(); },
  string: (value) => pyStr(value),
  int: (value, args, kwargs) => toInt(value, args[0] ?? kwargs.default ?? 0),
  float: (value, args, kwargs) => floatFilter(value, args[0] ?? kwargs.default ?? 0),
  abs: (value) => Math.abs(Number(value)),
  round: roundFilter,
  length: (value) => (typeof value === 'string' ? [...value].length : iterateValue(value).length),
  first: (value) => iterateValue(value)[0] ?? new Undefined('No first item, sequence was empty.'),
  last: (value) => { const items = iterateValue(value); return items.length ? items[items.length - 1] : new Undefined('No last item, sequence was empty.'); },
  list: (value) => [...iterateValue(value)],
  join: (value, args, kwargs) => {
    const [sep = '', attribute] = [args[0] ?? kwargs.d, args[1] ?? kwargs.attribute];
    return iterateValue(value).map((item) => pyStr(attribute === undefined ? item : attributeOf(item, attribute))).join(pyStr(sep));
  },
  replace: (value, args) => {
    const [old, replacement, count] = [pyStr(args[0]), pyStr(args[1]), args[2]];
    const parts = pyStr(value).split(old);
    if (typeof count !== 'number') return parts.join(replacement);
    return parts.slice(0, count + 1).join(replacement) + (parts.length > count + 1 ? old + parts.slice(count + 1).join(old) : '');
  },
  reverse: (value) => (typeof value === 'string' ? [...value].reverse().join('') : [...iterateValue(value)].reverse()),
  sort: (value, args, kwargs) => {
    const reverse = isTruthy(args[0] ?? kwargs.reverse ?? false);
    const caseSensitive = isTruthy(args[1] ?? kwargs.case_sensitive ?? false);
    const attribute = args[2] ?? kwargs.attribute;
    const key = (x: unknown) => (attribute === undefined ? x : attributeOf(x, attribute));
    const sorted = [...iterateValue(value)].sort((a, b) => sortKey(key(a), key(b), caseSensitive));
    return reverse ? sorted.reverse() : sorted;
  },
  dictsort: (value, args, kwargs) => {
    if (!isDict(value)) throw new JinjaError('FilterArgumentError', 'You can only sort by either "key" or "value"');
    const byValue = (args[1] ?? kwargs.by) === 'value';
    const reverse = isTruthy(args[2] ?? kwargs.reverse ?? false);
    const sorted = Object.entries(value).sort((a, b) => sortKey(byValue ? a[1] : a[0], byValue ? b[1] : b[0], isTruthy(args[0] ?? kwargs.case_sensitive ?? false)));
    return (reverse ? sorted.reverse() : sorted).map((pair) => new PyTuple(pair));
  },
  unique: (value) => iterateValue(value).filter((x, i, all) => all.findIndex((y) => pyEquals(typeof x === 'string' ? x.toLowerCase() : x, typeof y === 'string' ? y.toLowerCase() : y)) === i),
  min: (value) => [...iterateValue(value)].sort((a, b) => sortKey(a, b, false))[0] ?? new Undefined('No aggregated item, sequence was empty.'),
  max: (value) => [...iterateValue(value)].sort((a, b) => -sortKey(a, b, false))[0] ?? new Undefined('No aggregated item, sequence was empty.'),
  sum: (value, args, kwargs) => {
    const attribute = args[0] ?? kwargs.attribute;
    return iterateValue(value).reduce<number>((total, x) => total + Number(attribute === undefined ? x : attributeOf(x, attribute)), Number(args[1] ?? kwargs.start ?? 0));
  },
  map: (value, args, kwargs, call) => {
    const items = iterateValue(value);
    if (kwargs.attribute !== undefined) return items.map((x) => (kwargs.default !== undefined && attributeOf(x, kwargs.attribute) instanceof Undefined ? kwargs.default : attributeOf(x, kwargs.attribute)));
    const [name, ...rest] = args;
    return items.map((x) => call.applyFilter(pyStr(name), x, rest));
  },
  select: (value, args, _k, call) => iterateValue(value).filter((x) => (args.length ? call.applyTest(pyStr(args[0]), x, args.slice(1)) : isTruthy(x))),
  reject: (value, args, _k, call) => iterateValue(value).filter((x) => !(args.length ? call.applyTest(pyStr(args[0]), x, args.slice(1)) : isTruthy(x))),
  selectattr: (value, args, _k, call) => iterateValue(value).filter((x) => (args.length > 1 ? call.applyTest(pyStr(args[1]), attributeOf(x, args[0]), args.slice(2)) : isTruthy(attributeOf(x, args[0])))),
  rejectattr: (value, args, _k, call) => iterateValue(value).filter((x) => !(args.length > 1 ? call.applyTest(pyStr(args[1]), attributeOf(x, args[0]), args.slice(2)) : isTruthy(attributeOf(x, args[0])))),
  items: (value) => (value instanceof Undefined ? [] : isDict(value) ? Object.entries(value).map((pair) => new PyTuple(pair)) : (() => { throw new JinjaError('TypeError', 'Can only get item pairs from a mapping.'); })()),
  tojson: (value, args, kwargs) => toJson(value, args[0] ?? kwargs.indent, true),
  indent: (value, args, kwargs) => {
    const width = args[0] ?? kwargs.width ?? 4;
    const pad = typeof width === 'string' ? width : ' '.repeat(Number(width));
    const [first, blank] = [isTruthy(args[1] ?? kwargs.first ?? false), isTruthy(args[2] ?? kwargs.blank ?? false)];
    const lines = pyStr(value).split('\n');
    return lines.map((line, i) => ((i > 0 || first) && (blank || line.trim() !== '') ? pad + line : line)).join('\n');
  },
  wordcount: (value) => (pyStr(value).match(/\w+/g) ?? []).length,
  center: (value, args) => { const s = pyStr(value); const width = Number(args[0] ?? 80); const gap = Math.max(0, width - s.length); const left = Math.floor(gap / 2) + (gap % 2 && width % 2 ? 1 : 0); return ' '.repeat(left) + s + ' '.repeat(gap - left); },
  format: (value, args) => { throw new JinjaError('Unsupported', `the format filter (${pyRepr(value)} | format(${args.length} args)) is not supported; use "%" or str.format`); },
  attr: (value, args) => getAttr(value, pyStr(args[0])),
  count: (value) => (typeof value === 'string' ? [...value].length : iterateValue(value).length),
  e: (value) => pyStr(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;'),
  safe: (value) => value,
  d: (value, args, kwargs, call) => FILTERS.default!(value, args, kwargs, call),
  ds: dateFilter((dt) => dt.strftime('%Y-%m-%d')!),
  ds_nodash: dateFilter((dt) => dt.strftime('%Y%m%d')!),
  ts: dateFilter((dt) => dt.isoformat()),
  ts_nodash: dateFilter((dt) => dt.strftime('%Y%m%dT%H%M%S')!),
  ts_nodash_with_tz: dateFilter((dt) => dt.isoformat().replace(/[-:]/g, '')),
};
FILTERS.escape = FILTERS.e!;

/** Jinja2 filters this renderer does not reproduce: using one is a located Unsupported error. */
export const UNSUPPORTED_FILTERS = new Set([
  'batch', 'filesizeformat', 'forceescape', 'groupby', 'pprint', 'random', 'slice', 'striptags', 'truncate',
  'urlencode', 'urlize', 'wordwrap', 'xmlattr',
]);
