/**
 * A located message about the user's input. Every CLI error line and every editor diagnostic is one of these,
 * so the CLI and VS Code report the same thing in the same words.
 */
export type Severity = 'error' | 'warning' | 'info';

/** A position in a text: 1-based line, 1-based column counted in characters (not bytes). */
export interface Position {
  line: number;
  column: number;
}

export interface Problem {
  severity: Severity;
  /** Stable code: KT1xxx parse, KT2xxx schema, KT3xxx lints, KT4xxx task/operator parameters (Airflow errors). */
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

/**
 * Converts a 0-based UTF-16 offset in `text` (what JavaScript strings and the `yaml` library use) to a 1-based line
 * and a 1-based column counted in characters (code points), as the CLI's error lines promise. VS Code adapters
 * work from the offsets instead, since the editor counts UTF-16 units.
 */
export function toPosition(text: string, offset: number): Position {
  const end = Math.min(Math.max(offset, 0), text.length);
  const lineStart = text.lastIndexOf('\n', end - 1) + 1;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) line++;
  let column = 1;
  for (let i = lineStart; i < end; i++) {
    const code = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < end) i++;
    column++;
  }
  return { line, column };
}
