/** Test support: the snippets of snippets/*.json as VS Code inserts them when the user accepts every default. */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './validators.js';

export interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

export function loadSnippets(name: 'yaml.json' | 'json.json' | 'python.json'): [string, Snippet][] {
  return Object.entries(JSON.parse(fs.readFileSync(path.join(repoRoot, 'snippets', name), 'utf8')) as Record<string, Snippet>);
}

/** What VS Code inserts when the user accepts every default: ${1:x} → x, ${1|a,b|} → a, $0 → nothing. */
export function expandSnippet(body: readonly string[]): string {
  let text = body.join('\n');
  for (let i = 0; i < 5; i++) text = text.replace(/\$\{\d+:((?:[^{}\\]|\\.)*)\}/g, '$1');
  return text.replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1').replace(/\$\d+/g, '').replace(/\\([$}\\])/g, '$1');
}

/** Snippets that are fragments of a template (a label, an env entry, a container), not whole documents. */
export const fragmentSnippets: readonly string[] = ['kt-kueue-label', 'kt-env-secret', 'kt-xcom-container'];
