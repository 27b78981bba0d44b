/**
 * The one engine behind every diagnostic, in the editor and in the CLI: mask Jinja, parse within limits, detect
 * each document's kind, validate against its schema, run the Airflow lints, and return located diagnostics.
 */
import { LineIndex } from '../common/index.js';
import { detectKindFromContent, detectKindFromFileName, parseModeline, sniffKind, type Detection } from './detect-kind.js';
import { maskJinja, type MaskedText } from './jinja-mask.js';
import { allLints } from './lints/index.js';
import { defaultParseLimits, type ParseLimits } from './parse-limits.js';
import { validateDocument } from './validate-document.js';
import { findKindInfo, schemaIdFor, type TemplateKind } from './template-kinds.js';
import { parseYamlText, type ParsedDocument } from './yaml-document.js';
import type { ValidatorSource } from './schema-validator.js';
import { rawDiagnostic, type RawDiagnostic, type TemplateDiagnostic } from './template-diagnostic.js';

export interface ValidateTemplateOptions {
  /** Path or name of the file: used for kind detection by name (`pod_template.yaml`, `x.spark.json`). */
  fileName?: string;
  /** Compiled schemas (precompiled modules or lazily compiled ajv). */
  validators: ValidatorSource;
  /** A kind the caller knows (e.g. the file is a DAG's pod_template_file); wins over content and name. */
  kind?: TemplateKind;
  limits?: Partial<ParseLimits>;
}

export interface TemplateValidation {
  /** False when the file is not one KubeTasks validates (unrelated YAML, or `# kubetasks: none`). */
  claimed: boolean;
  /** The kind of the first claimed document (or of the file, from modeline or name). */
  kind?: TemplateKind;
  detectedBy?: Detection['by'];
  /** The schema of the first claimed document (what completion and hover should use), e.g. `pod`. */
  schemaId?: string;
  /** The schema of each `---` document, by index (undefined for documents not claimed), for multi-kind files. */
  documentSchemaIds?: (string | undefined)[];
  diagnostics: TemplateDiagnostic[];
}

function fileLevelKind(text: string, options: ValidateTemplateOptions, out: RawDiagnostic[]): Detection | 'none' | undefined {
  if (options.kind) return { kind: options.kind, by: 'caller' };
  const modeline = parseModeline(text);
  if (modeline?.kind === 'none') return 'none';
  if (modeline && modeline.kind === undefined) {
    out.push(rawDiagnostic('warning', 'KT2005', `unknown kind "${modeline.name}" in the kubetasks modeline`,
      [modeline.startOffset, modeline.endOffset]));
  }
  if (modeline?.kind) return { kind: modeline.kind, by: 'modeline' };
  const byName = options.fileName ? detectKindFromFileName(options.fileName) : undefined;
  return byName ? { kind: byName, by: 'file-name' } : undefined;
}

function jinjaWarnings(kind: TemplateKind, masked: MaskedText): RawDiagnostic[] {
  if (findKindInfo(kind).rendersJinja) return [];
  // KubernetesPodOperator has no template_ext: pod_template_file content is read as is (airflow-provider-spec §2).
  return masked.regions.map((r) => rawDiagnostic('warning', 'KT3010', 'Airflow does not render Jinja in a ' +
    `${findKindInfo(kind).title} file; this text reaches Kubernetes as written`, [r.start, r.end]));
}

function documentKind(doc: ParsedDocument, file: Detection | undefined): Detection | undefined {
  const byContent = detectKindFromContent(doc.value);
  if (file?.by === 'caller' || file?.by === 'modeline') return file;
  return byContent ? { kind: byContent, by: 'content' } : file;
}

/** Ranges never end in trailing blanks or newlines (block values include them in the yaml library). */
function trimEnd(text: string, start: number, end: number): number {
  let out = end;
  while (out > start && /\s/.test(text[out - 1] ?? '')) out--;
  return out;
}

function toDiagnostic(text: string, index: LineIndex, raw: RawDiagnostic): TemplateDiagnostic {
  const { atInstancePath: _a, replacesSchemaAt: _r, ...rest } = raw;
  // The parser may report an error just past the end of the text; ranges stay inside it.
  const startOffset = Math.min(Math.max(raw.startOffset, 0), text.length);
  const endOffset = trimEnd(text, startOffset, Math.min(Math.max(raw.endOffset, startOffset), text.length));
  return { ...rest, startOffset, endOffset, start: index.position(startOffset), end: index.position(endOffset) };
}

function finish(text: string, raw: RawDiagnostic[]): TemplateDiagnostic[] {
  const replaced = new Set(raw.map((d) => d.replacesSchemaAt).filter((p) => p !== undefined));
  const kept = raw.filter((d) => d.atInstancePath === undefined || !replaced.has(d.atInstancePath));
  kept.sort((a, b) => a.startOffset - b.startOffset || a.endOffset - b.endOffset || a.code.localeCompare(b.code));
  const index = new LineIndex(text);
  return kept.map((d) => toDiagnostic(text, index, d));
}

export function validateTemplate(text: string, options: ValidateTemplateOptions): TemplateValidation {
  const limits = { ...defaultParseLimits, ...options.limits };
  const raw: RawDiagnostic[] = [];
  const file = fileLevelKind(text, options, raw);
  if (file === 'none') return { claimed: false, diagnostics: [] };
  const masked = maskJinja(text);
  const parsed = parseYamlText(masked.text, limits);
  let first: Detection | undefined;
  let schemaId: string | undefined;
  const documentSchemaIds: (string | undefined)[] = [];
  for (const doc of parsed.documents) {
    const detection = documentKind(doc, file);
    documentSchemaIds.push(undefined);
    if (!detection || doc.value === undefined || doc.value === null) continue;
    first ??= detection;
    documentSchemaIds[doc.index] = schemaIdFor(detection.kind, (doc.value as { apiVersion?: unknown }).apiVersion);
    schemaId ??= documentSchemaIds[doc.index];
    raw.push(...validateDocument({ doc, kind: detection.kind, text: masked.text, masked: masked.regions,
      validators: options.validators, lints: allLints }));
  }
  first ??= file ?? sniffed(text, parsed.documents.length);
  if (!first) return { claimed: false, diagnostics: [] };
  raw.push(...parsed.diagnostics, ...jinjaWarnings(first.kind, masked));
  schemaId ??= schemaIdFor(first.kind);
  return { claimed: true, kind: first.kind, detectedBy: first.by, schemaId, documentSchemaIds,
    diagnostics: finish(text, raw) };
}

function sniffed(text: string, parsedCount: number): Detection | undefined {
  const kind = parsedCount === 0 || text.length > 0 ? sniffKind(text) : undefined;
  return kind ? { kind, by: 'content' } : undefined;
}
