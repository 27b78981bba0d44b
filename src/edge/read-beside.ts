/**
 * Reads the template files a task names (`pod_template_file`, `job_template_file`, `application_file`) relative to
 * the file that names them, for `kubetasks render` and for every editor adapter. The editor passes its open
 * documents as an overlay, so unsaved edits count.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The text of an open document at an absolute path, or undefined when none is open there. */
export type TextOverlay = (absolutePath: string) => string | undefined;

/** A reader for the renderer's `readFile`: undefined means "does not exist", as Airflow's `os.path.exists` says. */
export function readBeside(file: string, overlay?: TextOverlay): (name: string) => string | undefined {
  return (name) => {
    const resolved = path.resolve(path.dirname(file), name);
    const open = overlay?.(resolved);
    if (open !== undefined) return open;
    try {
      return fs.statSync(resolved).isFile() ? fs.readFileSync(resolved, 'utf8') : undefined;
    } catch {
      // A path that cannot be read does not exist for Airflow either (os.path.exists / Path.resolve(strict)).
      return undefined;
    }
  };
}
