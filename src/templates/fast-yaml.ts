/**
 * A fast path for the block-style YAML most templates are written in: block mappings and sequences, one-line plain
 * and quoted scalars, comments, and one-line flow collections of scalars. It builds the same `yaml` library nodes,
 * with the same ranges, about five times faster than the library's parser. Anything else (anchors, tags, block
 * scalars, multi-line scalars or flows, several documents, tabs, escapes beyond JSON's) returns undefined and the
 * caller uses the library. src/templates/fast-yaml.test.ts checks that both paths give identical diagnostics.
 */
import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

type Node = Scalar | YAMLMap | YAMLSeq;

class Unsupported extends Error {}

function unsupported(): never {
  throw new Unsupported();
}

interface Line {
  /** Position in the list of content lines. */
  i: number;
  start: number;
  /** Offset of the first non-space character. */
  content: number;
  /** Offset of the end of the line (the newline, or the end of the text). */
  end: number;
  indent: number;
}

// YAML 1.2 core schema, as the `yaml` library resolves plain scalars (yaml/dist/schema/core).
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
const OTHER_SPECIAL = /^(?:0o|0x|[-+]?\.(?:inf|Inf|INF)$|\.nan|\.NaN|\.NAN)|^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE]/;

function resolvePlain(text: string): unknown {
  if (NULL.test(text)) return null;
  if (BOOL.test(text)) return text[0] === 't' || text[0] === 'T';
  if (INT.test(text) || FLOAT.test(text)) {
    const value = Number(text);
    if (!Number.isSafeInteger(value) && INT.test(text)) unsupported();
    return value;
  }
  if (OTHER_SPECIAL.test(text)) unsupported();
  return text;
}

class FastParser {
  private readonly lines: Line[] = [];
  private readonly text: string;
  private index = 0;

  constructor(text: string) {
    this.text = text;
    let start = 0;
    while (start <= text.length) {
      const newline = text.indexOf('\n', start);
      const end = newline < 0 ? text.length : newline;
      let content = start;
      while (text.charCodeAt(content) === 32) content++;
      const first = text[content];
      if (content < end && first !== '#' && first !== '\r') this.lines.push({ i: this.lines.length, start, content, end, indent: content - start });
      if (text.charCodeAt(end - 1) === 13) unsupported(); // CRLF: leave to the library
      if (newline < 0) break;
      start = newline + 1;
    }
  }

  parse(): Document | undefined {
    const first = this.lines[0];
    if (!first) return undefined;
    if (first.indent !== 0) unsupported();
    const contents = this.block(first, first.content);
    if (this.index < this.lines.length) unsupported();
    const doc = new Document();
    doc.contents = contents;
    doc.range = [contents.range![0], contents.range![1], this.text.length];
    return doc;
  }

  /** After a value ends on `line`, the offset past its newline (what the library calls the node end). */
  private nodeEnd(line: Line): number {
    return line.end < this.text.length ? line.end + 1 : line.end;
  }

  private isSeqItem(line: Line, at: number): boolean {
    return this.text[at] === '-' && (at + 1 === line.end || this.text[at + 1] === ' ');
  }

  /** A block node starting at column `at` of `line` (a sequence item, or a mapping). */
  private block(line: Line, at: number): YAMLMap | YAMLSeq {
    if (this.isSeqItem(line, at)) return this.sequence(line, at);
    return this.mapping(line, at);
  }

  private sequence(line: Line, at: number): YAMLSeq {
    const seq = new YAMLSeq();
    const column = at - line.start;
    let end = at;
    for (let current: Line | undefined = line; current; current = this.lines[this.index]) {
      const dash = current === line ? at : current.content;
      if (current !== line && (current.indent !== column || !this.isSeqItem(current, dash))) break;
      this.index = current.i + 1;
      const item = this.itemAfter(current, dash + 1, column);
      seq.items.push(item);
      end = item.range![2];
    }
    seq.range = [at, end, end];
    return seq;
  }

  /** The value after `- ` or `key:`: inline on this line, a block on the following lines, or null. */
  private itemAfter(line: Line, from: number, parentColumn: number): Node {
    let at = from;
    while (this.text.charCodeAt(at) === 32) at++;
    if (at < line.end && this.text[at] !== '#') {
      if (this.isSeqItem(line, at)) unsupported(); // `- - x`
      if (this.text[from - 1] === '-' && this.findKeyEnd(line, at) >= 0) return this.mapping(line, at);
      return this.inlineValue(line, at, parentColumn);
    }
    const next = this.lines[this.index];
    const nested = next && (next.indent > parentColumn || (this.text[from - 1] === ':' && next.indent === parentColumn &&
      this.isSeqItem(next, next.content)));
    if (next && nested) {
      this.index++;
      return this.block(next, next.content);
    }
    const empty = this.text[from - 1] === ':' ? from : Math.min(from + 1, line.end);
    const scalar = new Scalar(null);
    scalar.range = [empty, empty, empty];
    return scalar;
  }

  private mapping(line: Line, at: number): YAMLMap {
    const map = new YAMLMap();
    const column = at - line.start;
    let current: Line | undefined = line;
    let keyAt = at;
    let end = at;
    for (;;) {
      const colon = this.findKeyEnd(current, keyAt);
      if (colon < 0) unsupported();
      const key = this.key(keyAt, colon);
      this.index = current.i + 1;
      const value = this.itemAfter(current, colon + 1, column);
      map.items.push(new Pair(key, value));
      end = value.range![2];
      current = this.lines[this.index];
      if (!current || current.indent < column) break;
      if (current.indent > column || this.isSeqItem(current, current.content)) unsupported();
      keyAt = current.content;
    }
    map.range = [at, end, end];
    return map;
  }

  /** Offset of the `:` that ends a key starting at `at`, or -1. */
  private findKeyEnd(line: Line, at: number): number {
    const quote = this.text[at];
    let i = at;
    if (quote === '"' || quote === "'") {
      i = this.text.indexOf(quote, at + 1);
      if (i < 0 || i >= line.end) return -1;
      i++;
      return this.text[i] === ':' && (i + 1 === line.end || this.text[i + 1] === ' ') ? i : -1;
    }
    if ('[]{}&*!|>%@`#,?'.includes(quote ?? '')) return -1;
    for (; i < line.end; i++) {
      const c = this.text[i];
      if (c === '#' && this.text[i - 1] === ' ') return -1;
      if (c === ':' && (i + 1 === line.end || this.text[i + 1] === ' ')) return i;
    }
    return -1;
  }

  private key(at: number, colon: number): Scalar {
    const raw = this.text.slice(at, colon);
    const value = raw[0] === '"' || raw[0] === "'" ? this.unquote(raw) : raw.trimEnd();
    const key = new Scalar(raw[0] === '"' || raw[0] === "'" ? value : resolvePlain(value as string));
    const keyEnd = at + raw.trimEnd().length;
    key.range = [at, keyEnd, keyEnd];
    return key;
  }

  private unquote(raw: string): string {
    if (raw[0] === "'") {
      if (raw.length < 2 || !raw.endsWith("'")) unsupported();
      return raw.slice(1, -1).replace(/''/g, "'");
    }
    if (!/^"(?:[^"\\]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"$/.test(raw)) unsupported();
    return JSON.parse(raw) as string;
  }

  /** A scalar or a one-line flow collection, then nothing but a comment up to the end of the line. */
  private inlineValue(line: Line, at: number, parentColumn: number): Node {
    const first = this.text[at]!;
    const node = first === '[' || first === '{' ? this.flow(line, at) : this.scalar(line, at);
    const next = this.lines[this.index];
    if (next && next.indent > parentColumn) unsupported(); // a multi-line scalar continues on the next line
    node.range = [node.range![0], node.range![1], this.nodeEnd(line)];
    return node;
  }

  private scalar(line: Line, at: number, stops = ''): Scalar {
    const first = this.text[at]!;
    if ('&*!|>%@`'.includes(first)) unsupported();
    let end: number;
    let value: unknown;
    if (first === '"' || first === "'") {
      end = this.closingQuote(line, at);
      value = this.unquote(this.text.slice(at, end));
    } else {
      if ('[]{},?:#'.includes(first) && !(first === ':' || first === '?') ) unsupported();
      end = this.plainEnd(line, at, stops);
      const raw = this.text.slice(at, end);
      if ((first === '?' || first === ':') && (raw.length === 1 || raw[1] === ' ')) unsupported();
      value = resolvePlain(raw);
    }
    if (!stops) this.expectLineEnd(line, end);
    const scalar = new Scalar(value);
    scalar.range = [at, end, end];
    return scalar;
  }

  private closingQuote(line: Line, at: number): number {
    const quote = this.text[at]!;
    for (let i = at + 1; i < line.end; i++) {
      if (quote === '"' && this.text[i] === '\\') i++;
      else if (this.text[i] === quote) {
        if (quote === "'" && this.text[i + 1] === "'") i++;
        else return i + 1;
      }
    }
    return unsupported(); // the string continues on the next line
  }

  private plainEnd(line: Line, at: number, stops: string): number {
    let end = at;
    for (let i = at; i < line.end; i++) {
      const c = this.text[i]!;
      if (c === '#' && this.text[i - 1] === ' ') break;
      if (c === ':' && (i + 1 === line.end || this.text[i + 1] === ' ' || stops.includes(this.text[i + 1] ?? ''))) unsupported();
      if (stops.includes(c)) break;
      if (c !== ' ') end = i + 1;
    }
    return end;
  }

  private expectLineEnd(line: Line, from: number): void {
    let i = from;
    while (this.text.charCodeAt(i) === 32) i++;
    if (i < line.end && !(this.text[i] === '#' && i > from)) unsupported();
  }

  /** `[a, "b", 1]` or `{k: v, k2: v2}` on one line, scalars only. */
  private flow(line: Line, at: number): YAMLMap | YAMLSeq {
    const isSeq = this.text[at] === '[';
    const close = isSeq ? ']' : '}';
    const node = isSeq ? new YAMLSeq() : new YAMLMap();
    node.flow = true;
    let i = this.skipSpaces(at + 1);
    while (this.text[i] !== close) {
      if (i >= line.end) unsupported();
      if (isSeq) {
        const item = this.scalar(line, i, ',]');
        (node as YAMLSeq).items.push(item);
        i = this.skipSpaces(item.range![1]);
      } else {
        const colon = this.flowKeyEnd(line, i);
        const key = this.key(i, colon);
        const value = this.scalar(line, this.skipSpaces(colon + 1), ',}');
        (node as YAMLMap).items.push(new Pair(key, value));
        i = this.skipSpaces(value.range![1]);
      }
      if (this.text[i] === ',') i = this.skipSpaces(i + 1);
      else if (this.text[i] !== close) unsupported();
    }
    this.expectLineEnd(line, i + 1);
    node.range = [at, i + 1, i + 1];
    return node;
  }

  private flowKeyEnd(line: Line, at: number): number {
    if ('"\''.includes(this.text[at] ?? '')) {
      const end = this.closingQuote(line, at);
      if (this.text[end] !== ':') unsupported();
      return end;
    }
    for (let i = at; i < line.end; i++) {
      const c = this.text[i];
      if (c === ':' && this.text[i + 1] === ' ') return i;
      if (c === ',' || c === '}' || c === '{' || c === '[' || c === ']' || c === '#') unsupported();
    }
    return unsupported();
  }

  private skipSpaces(at: number): number {
    let i = at;
    while (this.text.charCodeAt(i) === 32) i++;
    return i;
  }
}

/** The document, or undefined when the text is outside the fast path's subset (the caller then uses the library). */
export function parseSimpleYaml(text: string): Document | undefined {
  if (/\t|^(?:---|\.\.\.|%)/m.test(text) || text.charCodeAt(0) === 0xfeff) return undefined;
  try {
    return new FastParser(text).parse();
  } catch (error) {
    // SyntaxError: JSON.parse of a quoted scalar YAML reads differently (control characters); the library decides.
    if (error instanceof Unsupported || error instanceof RangeError || error instanceof SyntaxError) return undefined;
    throw error;
  }
}
