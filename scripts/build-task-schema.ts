/**
 * Writes schemas/task.schema.json and docs/PARAMETERS.md from the operator parameter tables (src/operators).
 * Usage: node --import tsx scripts/build-task-schema.ts [--check]   (--check: exit 1 when the files are stale)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildParametersMarkdown, buildTaskSchema } from '../src/operators/task-schema.js';

export const generatedFiles: { path: string; text: () => string }[] = [
  { path: 'schemas/task.schema.json', text: () => `${JSON.stringify(buildTaskSchema(), null, 1)}\n` },
  { path: 'docs/PARAMETERS.md', text: () => buildParametersMarkdown() },
];

export function staleFiles(root: string): string[] {
  return generatedFiles
    .filter((file) => {
      try {
        return readFileSync(`${root}/${file.path}`, 'utf8') !== file.text();
      } catch {
        return true; // missing counts as stale
      }
    })
    .map((file) => file.path);
}

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--check')) {
    const stale = staleFiles(root);
    for (const path of stale) console.error(`stale: ${path} (run node --import tsx scripts/build-task-schema.ts)`);
    process.exitCode = stale.length > 0 ? 1 : 0;
  } else {
    for (const file of generatedFiles) writeFileSync(`${root}/${file.path}`, file.text());
    console.log(`wrote ${generatedFiles.map((file) => file.path).join(', ')}`);
  }
}
