/**
 * Coexistence with Red Hat YAML (vscode-yaml) and the Kubernetes extension: both may validate files that have
 * apiVersion and kind with their own (downloaded or cluster) schemas. A `# yaml-language-server: $schema=<uri>`
 * modeline has the highest priority in vscode-yaml's schema resolution, so adding one makes it use our bundled
 * schema instead (vscode-yaml README, "Schema resolution priority"). The `kubetasks.validation.addSchemaModeline`
 * setting asks the editor to insert it on save; this module decides what to insert.
 */
import type { TextEdit } from './template-diagnostic.js';

const ANY_SCHEMA_MODELINE = /^[ \t]*#[ \t]*yaml-language-server:[ \t]*\$schema=/m;
const INTELLIJ_SCHEMA = /^[ \t]*#[ \t]*\$schema:/m;

export function toSchemaModeline(schemaUri: string): string {
  return `# yaml-language-server: $schema=${schemaUri}`;
}

/** True when the file already chooses a schema for vscode-yaml (ours or the user's: theirs wins). */
export function hasSchemaModeline(text: string): boolean {
  return ANY_SCHEMA_MODELINE.test(text) || INTELLIJ_SCHEMA.test(text);
}

/**
 * The edit that adds our modeline at the top, or undefined: when any schema modeline is present, or for JSON
 * (no comments; JSON application files get completion from the jsonValidation contribution instead).
 */
export function planSchemaModeline(text: string, schemaUri: string, isJson: boolean): TextEdit | undefined {
  if (isJson || hasSchemaModeline(text)) return undefined;
  // A `%YAML` directive stays on the first line, where readers look for it.
  const directive = /^%YAML[^\n]*\n/.exec(text);
  const at = directive ? directive[0].length : 0;
  return { startOffset: at, endOffset: at, newText: `${toSchemaModeline(schemaUri)}\n` };
}
