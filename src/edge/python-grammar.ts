/**
 * Reads the two wasm files the Python parser needs and builds it, for the CLI and the editor alike. In the bundles
 * they sit next to dist/cli.js and dist/extension.js (esbuild.mjs copies them), which is `__dirname` there; from a
 * source checkout (tsx, tests) they are resolved in node_modules. Loaded on first use, never at activation.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createPythonParser, type GrammarBytes, type PythonParser } from '../dags/index.js';

/** Each file's name in dist/, and a module of its npm package that resolves to the folder holding it. */
const GRAMMAR_FILES = {
  runtime: { file: 'tree-sitter.wasm', module: 'web-tree-sitter' },
  python: { file: 'tree-sitter-python.wasm', module: 'tree-sitter-python/tree-sitter-python.wasm' },
} as const;

function locate(entry: { file: string; module: string }, dirs: readonly string[]): string {
  for (const dir of dirs) {
    const candidate = path.join(dir, entry.file);
    if (existsSync(candidate)) return candidate;
  }
  // Only a source checkout gets here; `require.resolve` walks node_modules from this file.
  return path.join(path.dirname(require.resolve(entry.module)), entry.file);
}

/** Reads the grammar bytes from `dirs` (first match wins) or from node_modules. */
export function readGrammarBytes(dirs: readonly string[] = [__dirname]): GrammarBytes {
  return {
    runtime: readFileSync(locate(GRAMMAR_FILES.runtime, dirs)),
    python: readFileSync(locate(GRAMMAR_FILES.python, dirs)),
  };
}

let shared: Promise<PythonParser> | undefined;

/** One parser per process, built on first use (the CLI scans one file; the editor and tests scan many). */
export function loadPythonParser(dirs?: readonly string[]): Promise<PythonParser> {
  shared ??= createPythonParser(readGrammarBytes(dirs));
  return shared;
}
