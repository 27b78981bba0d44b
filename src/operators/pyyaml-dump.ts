/**
 * `yaml.dump(data, Dumper=CSafeDumper)` as Airflow's `airflow.utils.yaml.dump` calls it for `dry_run()`: keys
 * sorted, block style, indent 2, width 80, ASCII only. Scalar styles and line folding follow libyaml's emitter
 * (emitter.c: analyze_scalar, select_scalar_style, write_plain/single_quoted/double_quoted), because the C dumper
 * is what a normal Airflow install uses; it differs from pure-Python PyYAML only in where long "…" strings fold.
 */
import { resolvesToNonString } from './pyyaml-resolve.js';

type Node = null | boolean | number | string | Node[] | { [key: string]: Node };

const bestWidth = 80;
const bestIndent = 2;

interface Analysis {
  multiline: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
}

export function dumpPyYaml(data: unknown): string {
  const emitter = new Emitter();
  emitter.node(data as Node, { root: true, mapping: false, simpleKey: false });
  emitter.writeIndent();
  return emitter.out;
}

interface NodeContext {
  root: boolean;
  mapping: boolean;
  simpleKey: boolean;
}

class Emitter {
  out = '';
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private readonly indents: number[] = [];

  node(value: Node, context: NodeContext): void {
    if (Array.isArray(value)) {
      if (value.length === 0) this.writeIndicator('[]', true, false, false);
      else this.blockSequence(value, context);
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value).sort(comparePython);
      if (keys.length === 0) this.writeIndicator('{}', true, false, false);
      else this.blockMapping(value, keys);
    } else {
      this.increaseIndent(true, false);
      this.scalar(value, context.simpleKey);
      this.indent = this.indents.pop() ?? -1;
    }
  }

  private blockSequence(items: Node[], context: NodeContext): void {
    this.increaseIndent(false, context.mapping && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.node(item, { root: false, mapping: false, simpleKey: false });
    }
    this.indent = this.indents.pop() ?? -1;
  }

  private blockMapping(map: { [key: string]: Node }, keys: string[]): void {
    this.increaseIndent(false, false);
    for (const key of keys) {
      this.writeIndent();
      this.node(key, { root: false, mapping: true, simpleKey: true });
      this.writeIndicator(':', false, false, false);
      this.node(map[key] ?? null, { root: false, mapping: true, simpleKey: false });
    }
    this.indent = this.indents.pop() ?? -1;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? bestIndent : 0;
    else if (!indentless) this.indent += bestIndent;
  }

  private scalar(value: Exclude<Node, Node[] | object> | { [key: string]: Node }, simpleKey: boolean): void {
    const text = representScalar(value);
    const split = !simpleKey;
    if (typeof value !== 'string') {
      this.writePlain(text, split);
      return;
    }
    const analysis = analyze(text);
    let style: 'plain' | 'single' | 'double' = 'plain';
    if (simpleKey && analysis.multiline) style = 'double';
    if (style === 'plain' && (!analysis.blockPlain || (text.length === 0 && simpleKey) || resolvesToNonString(text))) {
      style = 'single';
    }
    if (style === 'single' && !analysis.singleQuoted) style = 'double';
    if (style === 'plain') this.writePlain(text, split);
    else if (style === 'single') this.writeSingleQuoted(text, split);
    else this.writeDoubleQuoted(text, split);
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.lineBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  private lineBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  private put(text: string): void {
    this.out += text;
    this.column += text.length;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, whitespace: boolean, indention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(indicator);
    this.whitespace = whitespace;
    this.indention = this.indention && indention;
  }

  private writePlain(text: string, allowBreaks: boolean): void {
    if (!this.whitespace && text.length > 0) this.put(' ');
    let spaces = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i] ?? '';
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > bestWidth && text[i + 1] !== ' ') this.writeIndent();
        else this.put(ch);
        spaces = true;
      } else {
        this.put(ch);
        this.indention = false;
        spaces = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(text: string, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i] ?? '';
      if (ch === ' ') {
        const inner = i !== 0 && i !== text.length - 1;
        if (allowBreaks && !spaces && this.column > bestWidth && inner && text[i + 1] !== ' ') this.writeIndent();
        else this.put(ch);
        spaces = true;
      } else if (ch === '\n') {
        if (!breaks) this.lineBreak();
        this.lineBreak();
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(ch === "'" ? "''" : ch);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    if (breaks) this.writeIndent();
    this.writeIndicator("'", false, false, false);
  }

  private writeDoubleQuoted(text: string, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    let spaces = false;
    const chars = [...text];
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i] ?? '';
      const code = ch.codePointAt(0) ?? 0;
      if (code < 0x20 || code > 0x7e || ch === '"' || ch === '\\') {
        this.put(escapeDoubleQuoted(code));
        spaces = false;
      } else if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > bestWidth && i !== 0 && i !== chars.length - 1) {
          this.writeIndent();
          if (chars[i + 1] === ' ') this.put('\\');
        } else {
          this.put(ch);
        }
        spaces = true;
      } else {
        this.put(ch);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
  }
}

const escapes: Record<number, string> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
  0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
};

function escapeDoubleQuoted(code: number): string {
  const named = escapes[code];
  if (named !== undefined) return `\\${named}`;
  const hex = code.toString(16).toUpperCase();
  if (code <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}

const isBlank = (ch: string | undefined): boolean => ch === undefined || ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
const isBreak = (ch: string | undefined): boolean => ch === '\n' || ch === '\r';

/** Whether the character at `i` is an indicator that forbids a plain scalar in block context. */
function isBlockIndicator(chars: string[], i: number): boolean {
  const ch = chars[i] ?? '';
  const next = isBlank(chars[i + 1]);
  if (i === 0) return '#,[]{}&*!|>\'"%@`'.includes(ch) || ((ch === '?' || ch === ':' || ch === '-') && next);
  return (ch === ':' && next) || (ch === '#' && isBlank(chars[i - 1]));
}

/** A space right after a line break, or right before one. */
function spaceAroundBreaks(chars: string[]): { breakSpace: boolean; spaceBreak: boolean } {
  let breakSpace = false;
  let spaceBreak = false;
  for (let i = 1; i < chars.length; i++) {
    if (chars[i] === ' ' && isBreak(chars[i - 1])) breakSpace = true;
    if (isBreak(chars[i]) && chars[i - 1] === ' ') spaceBreak = true;
  }
  return { breakSpace, spaceBreak };
}

/** libyaml `yaml_emitter_analyze_scalar`, reduced to what block context with allow_unicode=False consults. */
function analyze(text: string): Analysis {
  if (text.length === 0) return { multiline: false, blockPlain: true, singleQuoted: true };
  const chars = [...text];
  const blockIndicators = text.startsWith('---') || text.startsWith('...') || chars.some((_, i) => isBlockIndicator(chars, i));
  const special = chars.some((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return !(code === 0x0a || (code >= 0x20 && code <= 0x7e));
  });
  const lineBreaks = chars.some((ch) => isBreak(ch));
  const { breakSpace, spaceBreak } = spaceAroundBreaks(chars);
  const first = chars[0];
  const last = chars[chars.length - 1];
  const edge = first === ' ' || isBreak(first) || last === ' ' || isBreak(last);
  const singleQuoted = !(breakSpace || spaceBreak || special);
  const blockPlain = singleQuoted && !(edge || lineBreaks || blockIndicators);
  return { multiline: lineBreaks, blockPlain, singleQuoted };
}

/** SafeRepresenter: how None, bools, ints and floats are written. */
function representScalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return representNumber(value);
  return String(value);
}

function representNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  if (Number.isNaN(value)) return '.nan';
  if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
  let text = String(value).replace(/e([+-])(\d)$/, 'e$10$2');
  if (!text.includes('.') && text.includes('e')) text = text.replace('e', '.0e');
  return text;
}

/** Python sorts str keys by code point; JS sorts by UTF-16 unit, which agrees outside astral planes. */
function comparePython(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
