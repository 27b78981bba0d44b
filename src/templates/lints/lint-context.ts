/** What every lint gets: the document (AST and data), its kind, and helpers for ranges and block-style edits. */
import type { Document } from 'yaml';
import { overlapsMask, type MaskedRegion } from '../jinja-mask.js';
import { locate, type DataPath, type NodeLocation } from '../node-paths.js';
import type { TemplateKind } from '../template-kinds.js';
import type { RawDiagnostic } from '../template-diagnostic.js';

export interface LintContext {
  kind: TemplateKind;
  doc: Document;
  /** The (masked) text the document was parsed from; offsets are the original's. */
  text: string;
  /** The document as data, nulls kept. */
  value: unknown;
  masked: readonly MaskedRegion[];
}

export type Lint = (ctx: LintContext) => RawDiagnostic[];

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function getIn(value: unknown, path: DataPath): unknown {
  let node = value;
  for (const segment of path) node = (node as Record<string | number, unknown> | null | undefined)?.[segment];
  return node;
}

export function at(ctx: LintContext, path: DataPath): NodeLocation {
  return locate(ctx.doc, path);
}

/** True when the value at `path` was produced by Jinja masking (its real value is only known after rendering). */
export function isMasked(ctx: LintContext, path: DataPath): boolean {
  const { value } = at(ctx, path);
  return overlapsMask(ctx.masked, value[0], value[1]);
}

/** Every (path, value) in the document, depth first, iteratively (no recursion limits to worry about). */
export function* walk(value: unknown): Generator<[DataPath, unknown]> {
  const stack: [DataPath, unknown][] = [[[], value]];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const [path, node] = stack.pop()!;
    yield [path, node];
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node); // aliases share objects; visit each once
    const entries = Array.isArray(node) ? node.map((v, i) => [i, v] as const) : Object.entries(node);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      stack.push([[...path, key], child]);
    }
  }
}

/** The indentation (spaces) of the line an offset is on, and whether the offset starts a block-style entry. */
export function blockIndent(text: string, offset: number): { indent: string; block: boolean } {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return { indent: ' '.repeat(before.length), block: /^[ -]*$/.test(before) };
}

/** The pod specs inside a document of a kind, with their paths. */
export function findPodSpecs(kind: TemplateKind, value: unknown): [DataPath, Record<string, unknown>][] {
  const out: [DataPath, Record<string, unknown>][] = [];
  const add = (path: DataPath) => {
    const spec = getIn(value, path);
    if (isRecord(spec)) out.push([path, spec]);
  };
  if (kind === 'pod') add(['spec']);
  if (kind === 'job') add(['spec', 'template', 'spec']);
  if (kind === 'kueue-workload') {
    const podSets = getIn(value, ['spec', 'podSets']);
    if (Array.isArray(podSets)) podSets.forEach((_, i) => add(['spec', 'podSets', i, 'template', 'spec']));
  }
  return out;
}
