/** `kubetasks validate` (and `check`) output formats: text (the shared line grammar), json, and SARIF 2.1.0. */
import { formatProblem, kubetasksVersion, type Position, type Problem } from '../common/index.js';
import { lintCodes } from '../templates/index.js';

/** A problem with its range (a TemplateDiagnostic, or a located `check` finding). */
export type LocatedProblem = Problem & { start: Position; end: Position };

export interface FileDiagnostic {
  file: string;
  diagnostic: LocatedProblem;
}

/** A SARIF rule: one per code. */
export interface ReportRule {
  code: string;
  summary: string;
}

export type ReportFormat = 'text' | 'json' | 'sarif';

/** Sorted by file, then position, then code, so output is stable. */
export function sortFindings(findings: FileDiagnostic[]): FileDiagnostic[] {
  return [...findings].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.diagnostic.start.line - b.diagnostic.start.line || a.diagnostic.start.column - b.diagnostic.start.column ||
    a.diagnostic.code.localeCompare(b.diagnostic.code));
}

function toJsonRow({ file, diagnostic: d }: FileDiagnostic) {
  return { file, line: d.start.line, column: d.start.column, endLine: d.end.line, endColumn: d.end.column,
    severity: d.severity, code: d.code, message: d.message };
}

function toSarif(findings: FileDiagnostic[], rules: readonly ReportRule[]): unknown {
  const level = { error: 'error', warning: 'warning', info: 'note' } as const;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'kubetasks', version: kubetasksVersion,
        rules: rules.map((c) => ({ id: c.code, shortDescription: { text: c.summary } })) } },
      results: findings.map(({ file, diagnostic: d }) => ({
        ruleId: d.code,
        level: level[d.severity],
        message: { text: d.message },
        locations: [{ physicalLocation: {
          artifactLocation: { uri: file.split('\\').join('/') },
          region: { startLine: d.start.line, startColumn: d.start.column, endLine: d.end.line, endColumn: d.end.column },
        } }],
      })),
    }],
  };
}

export function renderReport(findings: FileDiagnostic[], format: ReportFormat, rules: readonly ReportRule[] = lintCodes): string {
  const sorted = sortFindings(findings);
  if (format === 'json') return `${JSON.stringify(sorted.map(toJsonRow), null, 2)}\n`;
  if (format === 'sarif') return `${JSON.stringify(toSarif(sorted, rules), null, 2)}\n`;
  return sorted.map(({ file, diagnostic }) => `${formatProblem(file, diagnostic)}\n`).join('');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function renderSummary(findings: FileDiagnostic[], checked: number, skipped: number): string {
  const count = (s: string) => findings.filter((f) => f.diagnostic.severity === s).length;
  const skippedText = skipped > 0 ? `; ${plural(skipped, 'file')} skipped (no template kind detected)` : '';
  return `kubetasks validate: ${plural(checked, 'file')} checked, ${plural(count('error'), 'error')}, ` +
    `${plural(count('warning'), 'warning')}, ${plural(count('info'), 'info')}${skippedText}\n`;
}
