/**
 * A located message about the user's input. Every CLI error line and every editor diagnostic is one of these,
 * so the CLI and VS Code report the same thing in the same words.
 */
export type Severity = 'error' | 'warning' | 'info';

/** A position in a text: 1-based line, 1-based column counted in UTF-16 code units, as VS Code and LSP count. */
export interface Position {
  line: number;
  column: number;
}

export interface Problem {
  severity: Severity;
  /**
   * Stable code: KT1xxx parse, KT2xxx schema, KT3xxx lints, KT4xxx task/operator parameters (Airflow errors),
   * KT5xxx the cluster's verdict (`kubetasks check`).
   */
  code: string;
  message: string;
  /** Where in the file; absent when the problem is about the file as a whole (reported at 1:1). */
  start?: Position;
  end?: Position;
  /** The file the problem is in, when it is not the file being processed (e.g. a pod_template_file). */
  file?: string;
}

/** The shared error-line grammar: `file:line:col: severity CODE message`. */
export function formatProblem(file: string, problem: Problem): string {
  const where = problem.start ?? { line: 1, column: 1 };
  return `${problem.file ?? file}:${where.line}:${where.column}: ${problem.severity} ${problem.code} ${problem.message}`;
}
