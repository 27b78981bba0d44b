/** One parsed document of a known kind: schema selection, ajv validation with friendly messages, then the lints. */
import type { MaskedRegion } from './jinja-mask.js';
import { lintTaskStructure, type Lint, type LintContext } from './lints/index.js';
import { locate } from './node-paths.js';
import { toSchemaDiagnostics } from './schema-messages.js';
import type { ValidatorSource } from './schema-validator.js';
import { findKindInfo, type TemplateKind } from './template-kinds.js';
import { rawDiagnostic, type RawDiagnostic } from './template-diagnostic.js';
import type { ParsedDocument } from './yaml-document.js';

export interface DocumentInput {
  doc: ParsedDocument;
  kind: TemplateKind;
  text: string;
  masked: readonly MaskedRegion[];
  validators: ValidatorSource;
  lints: readonly Lint[];
}

/** The apiserver treats `key: null` as unset, so nulls in mappings are dropped before schema validation. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (child !== null) out[key] = withoutNulls(child);
  }
  return out;
}

/** The schema id for a document, or a KT2005 diagnostic when its apiVersion is not one we have. */
export function selectSchema(input: DocumentInput): { schemaId?: string; problem?: RawDiagnostic } {
  const info = findKindInfo(input.kind);
  const value = input.doc.value as Record<string, unknown>;
  const apiVersion = typeof value.apiVersion === 'string' ? value.apiVersion : '';
  const schemaId = info.schemas[apiVersion] ?? info.schemas[''];
  if (schemaId) return { schemaId };
  const known = Object.keys(info.schemas);
  if (apiVersion === '') return { schemaId: info.schemas[known[0]!] };
  const range = locate(input.doc.doc, ['apiVersion']).value;
  return { problem: rawDiagnostic('warning', 'KT2005', `apiVersion "${apiVersion}" is not supported for ` +
    `${info.k8sKind ?? info.title}; KubeTasks validates ${known.join(', ')}`, range) };
}

function schemaDiagnostics(input: DocumentInput): RawDiagnostic[] {
  const { schemaId, problem } = selectSchema(input);
  if (problem) return [problem];
  const validator = schemaId ? input.validators.get(schemaId) : undefined;
  if (!validator && input.kind === 'task') return lintTaskStructure(lintContext(input));
  if (!validator) return [];
  // Task files are Python keyword arguments: there `None` is a value (Secret("env", None, ...)), not "unset".
  const data = input.kind === 'task' ? input.doc.value : withoutNulls(input.doc.value);
  try {
    const errors = validator.validate(data);
    return toSchemaDiagnostics(errors, { doc: input.doc.doc, text: input.text, schema: validator.schema,
      masked: input.masked, data, strictEnums: input.kind === 'task' });
  } catch (error) {
    // ajv recurses with the data; nesting within the limits never overflows, but a stack overflow must stay a diagnostic.
    if (!(error instanceof RangeError)) throw error;
    return [rawDiagnostic('error', 'KT1006', 'nesting too deep to validate', [input.doc.startOffset, input.doc.startOffset + 1])];
  }
}

function lintContext(input: DocumentInput): LintContext {
  return { kind: input.kind, doc: input.doc.doc, text: input.text, value: input.doc.value, masked: input.masked };
}

export function validateDocument(input: DocumentInput): RawDiagnostic[] {
  const ctx = lintContext(input);
  return [...schemaDiagnostics(input), ...input.lints.flatMap((lint) => lint(ctx))];
}
