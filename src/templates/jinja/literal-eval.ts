/**
 * `render_template_as_native_obj`: Jinja2's `NativeEnvironment` joins the output (jinja2/nativetypes.py
 * `native_concat`: one non-string value is returned as is; otherwise `str()` of every part, joined) and passes the
 * text to `ast.literal_eval(ast.parse(raw, mode="eval"))`, returning the text itself when that fails. This is the
 * literal grammar it accepts. Literals Python has but we do not model (bytes, complex, sets) are Unsupported.
 */
import { JinjaError, PyFloat, PyTuple, pyStr, toFloat, unbox } from './py-value.js';

class NotLiteral extends Error {}

class Reader {
  private readonly text: string;
  private pos = 0;
  constructor(text: string) {
    this.text = text;
  }
  skip(): void {
    for (;;) {
      const m = /^(?:[ \t\r\n\f]+|\\\n|#[^\n]*)/.exec(this.text.slice(this.pos));
      if (!m || m[0] === '') return;
      this.pos += m[0].length;
    }
  }
  peek(): string {
    this.skip();
    return this.text[this.pos] ?? '';
  }
  eat(ch: string): boolean {
    if (this.peek() !== ch) return false;
    this.pos++;
    return true;
  }
  atEnd(): boolean {
    return this.peek() === '';
  }
  match(pattern: RegExp): string | undefined {
    this.skip();
    const m = pattern.exec(this.text.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }
}

const unsupported = (what: string) => new JinjaError('Unsupported', `native rendering produced ${what}, a Python literal KubeTasks does not model`);

function parseString(r: Reader): string | undefined {
  const token = r.match(/^([rRuUbBfF]{0,2})('''[\s\S]*?'''|"""[\s\S]*?"""|'(?:[^'\\\n]|\\[\s\S])*'|"(?:[^"\\\n]|\\[\s\S])*")/);
  if (token === undefined) return undefined;
  const prefix = /^[rRuUbBfF]*/.exec(token)![0].toLowerCase();
  if (prefix.includes('b')) throw unsupported('a bytes literal');
  if (prefix.includes('f')) throw new NotLiteral();
  const quoteLength = token.slice(prefix.length).startsWith("'''") || token.slice(prefix.length).startsWith('"""') ? 3 : 1;
  const body = token.slice(prefix.length + quoteLength, token.length - quoteLength);
  if (prefix.includes('r')) return body;
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '\n': '', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0' };
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[\s\S])/g, (whole, e: string) => {
    if (e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
    return escapes[e] ?? whole;
  });
}

function parseNumber(r: Reader): number | PyFloat | undefined {
  const token = r.match(/^(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?)[jJ]?/);
  if (token === undefined) return undefined;
  if (/[jJ]$/.test(token)) throw unsupported('a complex number');
  const clean = token.replace(/_/g, '');
  if (/^0[xX]/.test(clean)) return parseInt(clean.slice(2), 16);
  if (/^0[oO]/.test(clean)) return parseInt(clean.slice(2), 8);
  if (/^0[bB]/.test(clean)) return parseInt(clean.slice(2), 2);
  if (/^0\d/.test(clean) && /^\d+$/.test(clean) && /[1-9]/.test(clean)) throw new NotLiteral();
  return /^\d*\.|[eE]/.test(clean) ? toFloat(Number(clean)) : Number(clean);
}

function parseSequence(r: Reader, close: string): { items: unknown[]; trailingComma: boolean } {
  const items: unknown[] = [];
  let trailingComma = false;
  while (!r.eat(close)) {
    if (items.length > 0 && !trailingComma) throw new NotLiteral();
    items.push(parseValue(r));
    trailingComma = r.eat(',');
    if (!trailingComma && r.peek() !== close) throw new NotLiteral();
  }
  return { items, trailingComma };
}

function parseDict(r: Reader): unknown {
  const out: Record<string, unknown> = {};
  let first = true;
  while (!r.eat('}')) {
    if (!first && !r.eat(',')) throw new NotLiteral();
    if (r.eat('}')) return out;
    first = false;
    const key = parseValue(r);
    if (!r.eat(':')) throw unsupported('a set');
    if (typeof key !== 'string') throw unsupported('a dict with non-string keys');
    out[key] = parseValue(r);
  }
  return out;
}

function parseValue(r: Reader): unknown {
  const ch = r.peek();
  if (ch === '-' || ch === '+') {
    r.eat(ch);
    const value = parseValue(r);
    if (typeof unbox(value) !== 'number' && typeof value !== 'boolean') throw new NotLiteral();
    const result = ch === '-' ? -Number(value) : Number(value);
    return value instanceof PyFloat ? toFloat(result) : result;
  }
  if (ch === '[') {
    r.eat('[');
    return parseSequence(r, ']').items;
  }
  if (ch === '(') {
    r.eat('(');
    const { items, trailingComma } = parseSequence(r, ')');
    return items.length === 1 && !trailingComma ? items[0] : new PyTuple(items);
  }
  if (ch === '{') {
    r.eat('{');
    return parseDict(r);
  }
  const word = r.match(/^(True|False|None)(?![\w])/);
  if (word) return word === 'True' ? true : word === 'False' ? false : null;
  const text = parseString(r);
  if (text !== undefined) {
    let joined = text;
    for (let more = parseString(r); more !== undefined; more = parseString(r)) joined += more;
    return joined;
  }
  const number = parseNumber(r);
  if (number !== undefined) return number;
  throw new NotLiteral();
}

/** `ast.literal_eval` of the joined output, or the text when it is not a literal. */
export function literalEval(raw: string): unknown {
  if (/^[ \t\f]/.test(raw)) return raw; // ast.parse: "unexpected indent"
  const reader = new Reader(raw);
  try {
    const value = parseValue(reader);
    if (!reader.eat(',')) return reader.atEnd() ? value : raw;
    const items = [value];
    while (!reader.atEnd()) {
      items.push(parseValue(reader));
      if (!reader.eat(',')) break;
    }
    return reader.atEnd() ? new PyTuple(items) : raw;
  } catch (error) {
    if (error instanceof NotLiteral) return raw;
    throw error;
  }
}

/** Jinja2's `native_concat`. */
export function nativeConcat(parts: unknown[]): unknown {
  if (parts.length === 0) return null;
  if (parts.length === 1 && typeof parts[0] !== 'string') return parts[0];
  return literalEval(parts.map((part) => pyStr(part)).join(''));
}
