/**
 * Renders one template string as Airflow's Jinja environment does (`DAG.get_template_env`: a SandboxedEnvironment,
 * or NativeEnvironment with `render_template_as_native_obj`; `undefined=StrictUndefined`; `extensions=["jinja2.ext.do"]`;
 * autoescape off; `keep_trailing_newline=False`). nunjucks parses; evaluate.ts/execute.ts give Python's semantics.
 */
import * as nunjucksNodes from 'nunjucks/src/nodes.js';
import * as nunjucksParser from 'nunjucks/src/parser.js';
import type { Frame, Runtime } from './evaluate.js';
import { executeNodes, type Sink } from './execute.js';
import { FILTERS, UNSUPPORTED_FILTERS } from './filters.js';
import type { JNode } from './jinja-node.js';
import { nativeConcat } from './literal-eval.js';
import { JinjaError, pyStr } from './py-value.js';
import { TESTS } from './tests.js';

/** A failed render: Jinja2's exception name (or `Unsupported`) and its message, at a 1-based template position. */
export interface TemplateError {
  type: string;
  message: string;
  line?: number;
  column?: number;
}

export type TemplateResult = { ok: true; value: unknown } | { ok: false; error: TemplateError };

export interface RenderTemplateOptions {
  context: Record<string, unknown>;
  /** `render_template_as_native_obj=True`: the value is `native_concat` of the output. */
  native?: boolean;
}

interface NunjucksInternals {
  parser: { parse(src: string, extensions: unknown[], opts: unknown): JNode };
  nodes: { CallExtension: new (ext: unknown, prop: string, args: unknown) => JNode; NodeList: new (lineno: number, colno: number, children: unknown[]) => JNode };
}

const internals = { parser: nunjucksParser, nodes: nunjucksNodes } as unknown as NunjucksInternals;

/** `{% do expr %}` (jinja2.ext.do, which Airflow enables). */
const doExtension = {
  __name: 'do',
  tags: ['do'],
  parse(parser: { nextToken(): { lineno: number; colno: number }; parseExpression(): unknown; advanceAfterBlockEnd(name: string): void }): JNode {
    const tok = parser.nextToken();
    const expression = parser.parseExpression();
    parser.advanceAfterBlockEnd('do');
    const node = new internals.nodes.CallExtension(doExtension, 'run', new internals.nodes.NodeList(tok.lineno, tok.colno, [expression]));
    return Object.assign(node, { lineno: tok.lineno, colno: tok.colno });
  },
};

/** Jinja2 resolves filter and test names when it compiles, so an unknown name fails even in a branch not taken. */
function checkNames(node: JNode | null | undefined): void {
  if (!node || typeof node !== 'object') return;
  const at = { line: node.lineno + 1, column: node.colno + 1 };
  if (node.typename === 'Filter') {
    const name = String(node.name?.value);
    if (!Object.hasOwn(FILTERS, name) && !UNSUPPORTED_FILTERS.has(name)) throw new JinjaError('TemplateAssertionError', `No filter named '${name}'.`, at);
  }
  if (node.typename === 'Is') {
    const right = node.right;
    const name = right?.typename === 'FunCall' ? String(right.name?.value) : right?.typename === 'Literal' ? (right.value === null ? 'none' : String(right.value)) : String(right?.value);
    if (!Object.hasOwn(TESTS, name)) throw new JinjaError('TemplateAssertionError', `No test named '${name}'.`, at);
  }
  if (node.typename === 'Switch') throw new JinjaError('TemplateSyntaxError', "Encountered unknown tag 'switch'.", at);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) value.forEach((child) => checkNames(child as JNode));
    else if (value && typeof value === 'object' && 'typename' in value) checkNames(value as JNode);
  }
}

/** Jinja2 reports an unexpected end of template on the template's last line. */
function lastLine(source: string): number {
  return source.split('\n').length;
}

function parse(source: string): JNode {
  try {
    const root = internals.parser.parse(source, [doExtension], {});
    checkNames(root);
    return root;
  } catch (error) {
    if (error instanceof JinjaError) throw error;
    const e = error as { message?: string; lineno?: number; colno?: number };
    const at = e.lineno !== undefined ? { line: e.lineno, ...(e.colno !== undefined ? { column: e.colno } : {}) } : { line: lastLine(source) };
    throw new JinjaError('TemplateSyntaxError', String(e.message ?? error).replace(/^\(unknown path\)\s*(\[[^\]]*\])?\s*/, ''), at);
  }
}

function lineOffsets(source: string): number[] {
  const offsets = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) offsets.push(i + 1);
  return offsets;
}

/** Renders `template`. Never throws for template problems: they come back as a `TemplateError`. */
export function renderTemplate(template: string, options: RenderTemplateOptions): TemplateResult {
  // Jinja2's lexer normalises newlines to "\n" and, with keep_trailing_newline=False, drops one final newline.
  const source = template.replace(/\r\n?/g, '\n').replace(/\n$/, '');
  try {
    const root = parse(source);
    const runtime: Runtime = {
      source,
      lineOffsets: lineOffsets(source),
      context: options.context,
      renderBlock: (body, frame) => {
        const sink: Sink = { native: false, parts: [] };
        executeNodes(body, frame, sink);
        return sink.parts.map((part) => pyStr(part)).join('');
      },
    };
    const frame: Frame = { vars: new Map(), parent: undefined, runtime };
    const sink: Sink = { native: options.native === true, parts: [] };
    executeNodes(root, frame, sink);
    return { ok: true, value: sink.native ? nativeConcat(sink.parts) : sink.parts.join('') };
  } catch (error) {
    if (!(error instanceof JinjaError)) throw error;
    const { type, message, line, column } = error;
    return { ok: false, error: { type, message, ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}) } };
  }
}

