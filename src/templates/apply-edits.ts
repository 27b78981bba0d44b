/** Applies quick-fix edits to a text (the CLI and tests use it; the editor applies the same edits itself). */
import type { TextEdit } from './template-diagnostic.js';

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.startOffset - a.startOffset);
  let out = text;
  for (const edit of sorted) out = out.slice(0, edit.startOffset) + edit.newText + out.slice(edit.endOffset);
  return out;
}
