/** The engine's output: a Problem (shared CLI/editor grammar) plus exact offsets and quick fixes as data. */
import type { Problem, Severity } from '../common/index.js';

/** A replacement of [startOffset, endOffset) (UTF-16 offsets in the original text) by newText. */
export interface TextEdit {
  startOffset: number;
  endOffset: number;
  newText: string;
}

export interface QuickFix {
  title: string;
  edits: TextEdit[];
  /** The fix that applies the obvious correction; editors may offer it first. */
  preferred?: boolean;
}

/** A diagnostic before positions are computed: offsets only. */
export interface RawDiagnostic {
  severity: Severity;
  code: string;
  message: string;
  startOffset: number;
  endOffset: number;
  fixes?: QuickFix[];
  /** For schema diagnostics: the ajv instancePath they come from. */
  atInstancePath?: string;
  /** For lints that explain a schema error better: the ajv instancePath whose schema diagnostics they replace. */
  replacesSchemaAt?: string;
}

export interface TemplateDiagnostic extends Problem {
  start: { line: number; column: number };
  end: { line: number; column: number };
  startOffset: number;
  endOffset: number;
  fixes?: QuickFix[];
}

export function rawDiagnostic(
  severity: Severity, code: string, message: string, range: readonly [number, number], fixes?: QuickFix[],
): RawDiagnostic {
  return { severity, code, message, startOffset: range[0], endOffset: range[1], ...(fixes ? { fixes } : {}) };
}
