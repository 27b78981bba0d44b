/**
 * Python's `json.dumps` (default separators `", "` / `": "`, `ensure_ascii=True`) and Jinja2's `tojson` filter
 * (`htmlsafe_json_dumps` with `sort_keys=True`, then `<`, `>`, `&`, `'` escaped as \u00XX).
 */
import { JinjaError, PyFloat, PyTuple, isDict, numberStr, typeName } from './py-value.js';

function quote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (code < 0x20 || code > 0x7e) {
      const units = code > 0xffff ? [0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 0x3ff)] : [code];
      out += units.map((u) => `\\u${u.toString(16).padStart(4, '0')}`).join('');
    } else out += ch;
  }
  return `${out}"`;
}

function dump(value: unknown, indent: string | undefined, depth: number, sortKeys: boolean): string {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? numberStr(value) : Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  if (typeof value === 'string') return quote(value);
  if (value instanceof PyFloat) return `${value.value}.0`;
  const [open, close, items] = Array.isArray(value) || value instanceof PyTuple
    ? ['[', ']', (Array.isArray(value) ? value : value.items).map((v) => dump(v, indent, depth + 1, sortKeys))]
    : isDict(value)
      ? ['{', '}', (sortKeys ? Object.keys(value).sort() : Object.keys(value)).map((k) => `${quote(k)}: ${dump(value[k], indent, depth + 1, sortKeys)}`)]
      : (() => { throw new JinjaError('TypeError', `Object of type ${typeName(value)} is not JSON serializable`); })();
  if (items.length === 0) return open + close;
  if (indent === undefined) return open + items.join(', ') + close;
  const inner = `\n${indent.repeat(depth + 1)}`;
  return `${open}${inner}${items.join(`,${inner}`)}\n${indent.repeat(depth)}${close}`;
}

/** `json.dumps(value, indent=…)`; `htmlSafe` gives Jinja2's `tojson` (sorted keys, HTML-safe escapes). */
export function toJson(value: unknown, indent: unknown, htmlSafe: boolean): string {
  const pad = typeof indent === 'number' ? ' '.repeat(indent) : typeof indent === 'string' ? indent : undefined;
  const text = dump(value, pad, 0, htmlSafe);
  if (!htmlSafe) return text;
  return text.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/'/g, '\\u0027');
}

/** `json.loads` for `macros.json.loads` and `var.json`: JSON in, template values out. */
export function fromJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new JinjaError('JSONDecodeError', (error as Error).message);
  }
}
