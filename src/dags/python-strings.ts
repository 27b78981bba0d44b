/**
 * Python string literals (tree-sitter-python `string` nodes): prefixes, escape sequences, raw strings and f-strings
 * with known parts. Follows the Python reference, "Lexical analysis: String and Bytes literals" and "f-strings".
 */
import type { Node } from 'web-tree-sitter';
import { toPyStr, unknown, type PyValue } from './py-value.js';

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '',
};

/** Decodes the escape sequences of a non-raw string body. Unknown escapes stay as written, as Python keeps them. */
export function decodeEscapes(body: string): string {
  return body.replace(
    /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|N\{[^}]*\}|[\s\S])/g,
    (whole, seq: string) => {
      const simple = SIMPLE_ESCAPES[seq];
      if (simple !== undefined) return simple;
      const first = seq.charAt(0);
      if (first === 'x' || first === 'u' || first === 'U') return String.fromCodePoint(parseInt(seq.slice(1), 16));
      if (/^[0-7]/.test(seq)) return String.fromCodePoint(parseInt(seq, 8));
      return whole;
    },
  );
}

/** Evaluates one interpolation's expression; supplied by the expression evaluator. */
export type EvaluateNode = (node: Node) => PyValue;

/** `prefix`, quote, body of a literal's source text; undefined when it is not a plain one-piece literal. */
const PLAIN_LITERAL = /^([rRuU]?)('''|"""|'|")([\s\S]*)\2$/;

/**
 * Evaluates a `string` node (plain, raw, bytes or f-string). Plain literals are decoded from their source text:
 * one read of the node instead of one per child, which matters on large DAG files (bench/dags).
 */
export function evaluateString(node: Node, evaluate: EvaluateNode): PyValue {
  const plain = PLAIN_LITERAL.exec(node.text);
  if (plain) {
    const body = plain[3] ?? '';
    return { kind: 'str', value: plain[1]?.toLowerCase() === 'r' ? body : decodeEscapes(body) };
  }
  return evaluateParts(node, evaluate);
}

function evaluateParts(node: Node, evaluate: EvaluateNode): PyValue {
  const start = node.children.find((c) => c?.type === 'string_start');
  const prefix = (start?.text ?? '').replace(/['"]/g, '').toLowerCase();
  if (prefix.includes('b')) return unknown(node, 'bytes literals are not supported');
  const raw = prefix.includes('r');
  const formatted = prefix.includes('f');
  let text = '';
  for (const child of node.children) {
    if (!child) continue;
    if (child.type === 'string_content') {
      const literal = formatted ? child.text.replace(/\{\{/g, '{').replace(/\}\}/g, '}') : child.text;
      text += raw ? literal : decodeEscapes(literal);
    } else if (child.type === 'interpolation') {
      const part = evaluateInterpolation(child, evaluate);
      if (part.kind !== 'str') return part;
      text += part.value;
    }
  }
  return { kind: 'str', value: text };
}

/** `{expr}`, `{expr!s}`, `{expr!r}` with a known value; a format spec is evaluated only when it is empty. */
function evaluateInterpolation(node: Node, evaluate: EvaluateNode): PyValue {
  const expression = node.childForFieldName('expression');
  if (!expression) return unknown(node, 'empty f-string interpolation');
  if (node.childForFieldName('format_specifier')) {
    return unknown(node, `f-string format specifier in ${node.text}`);
  }
  const value = evaluate(expression);
  if (value.kind === 'unknown') return value;
  const conversion = node.childForFieldName('type_conversion')?.text;
  if (conversion === '!r' || conversion === '!a') {
    return value.kind === 'str' ? { kind: 'str', value: toPythonRepr(value.value) } : toStrOr(node, value);
  }
  return toStrOr(node, value);
}

function toStrOr(node: Node, value: PyValue): PyValue {
  const text = toPyStr(value);
  return text === undefined ? unknown(node, `the text of ${node.text} is not known statically`) : { kind: 'str', value: text };
}

/** Python's `repr()` of a str: single quotes unless the text has a single quote and no double quote. */
export function toPythonRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const body = text
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(new RegExp(quote, 'g'), `\\${quote}`);
  return `${quote}${body}${quote}`;
}
