/**
 * Parses YAML (or JSON, a YAML subset) with ranges, every document of a multi-document file, within ParseLimits.
 * Duplicate keys are found here in linear time: the `yaml` library's own uniqueKeys check is quadratic.
 */
import { isAlias, isCollection, isMap, isScalar, isPair, parseAllDocuments, type Document, type Node } from 'yaml';
import { findExcessiveNesting } from './nesting-scan.js';
import type { ParseLimits } from './parse-limits.js';
import { rawDiagnostic, type RawDiagnostic } from './template-diagnostic.js';

export interface ParsedDocument {
  /** 0-based position in the file. */
  index: number;
  doc: Document;
  /** The document as plain data, or undefined when it could not be built safely (errors or a limit hit). */
  value: unknown;
  startOffset: number;
  endOffset: number;
}

export interface ParsedText {
  documents: ParsedDocument[];
  diagnostics: RawDiagnostic[];
}

function checkWholeText(text: string, limits: ParseLimits): RawDiagnostic | undefined {
  if (text.length > limits.maxSizeChars) {
    return rawDiagnostic('error', 'KT1002', `file is ${text.length} characters, over the ${limits.maxSizeChars}-character ` +
      'limit; it was not validated', [0, 0]);
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return rawDiagnostic('error', 'KT1003', 'binary content (a NUL character): not a YAML or JSON file', [nul, nul + 1]);
  const deep = findExcessiveNesting(text, limits.maxDepth);
  if (deep >= 0) {
    return rawDiagnostic('error', 'KT1006', `nesting deeper than ${limits.maxDepth} levels; the file was not validated`,
      [deep, deep + 1]);
  }
  return undefined;
}

interface WalkStats {
  nodes: number;
  firstAlias: number;
  duplicates: RawDiagnostic[];
}

/** Iterative walk: counts nodes, finds aliases and duplicate keys (PyYAML keeps the last value silently). */
function walkDocument(doc: Document, maxNodes: number): WalkStats {
  const stats: WalkStats = { nodes: 0, firstAlias: -1, duplicates: [] };
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0 && stats.nodes <= maxNodes) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    stats.nodes++;
    if (isAlias(node)) {
      const at = node.range?.[0] ?? 0;
      if (stats.firstAlias < 0 || at < stats.firstAlias) stats.firstAlias = at;
    }
    if (isMap(node)) checkDuplicateKeys(node.items, stats.duplicates);
    if (isCollection(node)) {
      for (const item of node.items) {
        if (isPair(item)) stack.push(item.key, item.value);
        else stack.push(item);
      }
    }
  }
  return stats;
}

function checkDuplicateKeys(pairs: readonly unknown[], out: RawDiagnostic[]): void {
  const seen = new Set<string>();
  for (const pair of pairs) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const name = String(pair.key.value);
    if (seen.has(name) && name !== '<<') {
      const range = pair.key.range ?? [0, 0];
      out.push(rawDiagnostic('warning', 'KT1007', `duplicate key "${name}"; Airflow's yaml.safe_load keeps only the ` +
        'last value', [range[0], range[1]]));
    }
    seen.add(name);
  }
}

function toValue(doc: Document, limits: ParseLimits, stats: WalkStats, out: RawDiagnostic[]): unknown {
  const start = (doc.contents as Node | null)?.range?.[0] ?? 0;
  if (stats.nodes > limits.maxNodes) {
    out.push(rawDiagnostic('error', 'KT1005', `more than ${limits.maxNodes} YAML nodes in one document; it was not ` +
      'validated', [start, start + 1]));
    return undefined;
  }
  try {
    return doc.toJS({ maxAliasCount: limits.maxAliases });
  } catch (error) {
    if (error instanceof ReferenceError || error instanceof RangeError) {
      const at = stats.firstAlias >= 0 ? stats.firstAlias : start;
      out.push(rawDiagnostic('error', 'KT1004', `aliases expand to too many nodes (limit ${limits.maxAliases} ` +
        'expansions, a "YAML bomb" guard); the document was not validated', [at, at + 1]));
      return undefined;
    }
    // Building data can still fail on valid syntax (a `<<` merge of a scalar): report it where the document starts.
    out.push(rawDiagnostic('error', 'KT1001', `YAML: ${(error as Error).message}`, [start, start + 1]));
    return undefined;
  }
}

function yamlErrors(doc: Document, out: RawDiagnostic[]): void {
  for (const error of doc.errors) {
    const code = error.code === 'RESOURCE_EXHAUSTION' ? 'KT1006' : 'KT1001';
    const message = code === 'KT1006' ? 'nesting too deep to parse' : `YAML syntax: ${firstLine(error.message)}`;
    out.push(rawDiagnostic('error', code, message, [error.pos[0], Math.max(error.pos[1], error.pos[0] + 1)]));
  }
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

/** Every document, from the `yaml` library (validation runs behind the editor's debounce; issue 9). */
function parseDocuments(text: string): Document[] {
  const parsed = parseAllDocuments(text, { uniqueKeys: false, merge: true, prettyErrors: false });
  return Array.isArray(parsed) ? parsed : [];
}

export function parseYamlText(text: string, limits: ParseLimits): ParsedText {
  const diagnostics: RawDiagnostic[] = [];
  const fatal = checkWholeText(text, limits);
  if (fatal) return { documents: [], diagnostics: [fatal] };
  const docs = parseDocuments(text);
  const documents: ParsedDocument[] = [];
  for (const [index, doc] of docs.entries()) {
    const range = doc.range ?? [0, text.length, text.length];
    if (index >= limits.maxDocuments) {
      diagnostics.push(rawDiagnostic('error', 'KT1005', `more than ${limits.maxDocuments} documents; the rest were not ` +
        'validated', [range[0], range[0] + 1]));
      break;
    }
    yamlErrors(doc, diagnostics);
    const stats = walkDocument(doc, limits.maxNodes);
    diagnostics.push(...stats.duplicates);
    const value = doc.errors.length > 0 ? undefined : toValue(doc, limits, stats, diagnostics);
    documents.push({ index, doc, value, startOffset: range[0], endOffset: range[2] });
  }
  return { documents, diagnostics };
}
