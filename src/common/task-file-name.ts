/**
 * The one rule for "this is a task file" (issue 3): `*.task.yaml`, `*.task.yml` or `*.task.json`. The CLI, the
 * kind detection, the editor's diagnostics, CodeLens and Dry Run command all ask here; the VS Code selector uses
 * the glob built from the same extensions. (package.json's `when` clauses and activation event spell it by hand;
 * src/package-json.test.ts compares them.)
 */
const TASK_FILE_EXTENSIONS = ['yaml', 'yml', 'json'] as const;

/** `*.task.{yaml,yml,json}` as a regular expression over a path or a name (case-insensitive, as on Windows/macOS). */
export const TASK_FILE_NAME = /\.task\.(ya?ml|json)$/i;

/** The glob for VS Code document selectors and file watchers. */
export const TASK_FILE_GLOB = `**/*.task.{${TASK_FILE_EXTENSIONS.join(',')}}`;

export function isTaskFile(path: string): boolean {
  return TASK_FILE_NAME.test(path);
}

/** Python DAG files, read statically (issue 6). */
export function isDagFile(path: string): boolean {
  return path.endsWith('.py');
}
