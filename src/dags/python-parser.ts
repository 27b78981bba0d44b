/**
 * The Python parser: web-tree-sitter with the tree-sitter-python grammar. The edge reads the two wasm files (they ship
 * next to the bundles) and passes their bytes in; nothing here touches the file system.
 */
import { Language, Parser } from 'web-tree-sitter';
import type { PythonParser } from './scan-dag.js';

/** The two wasm files: web-tree-sitter's runtime (`tree-sitter.wasm`) and the grammar (`tree-sitter-python.wasm`). */
export interface GrammarBytes {
  runtime: Uint8Array;
  python: Uint8Array;
}

// Parser.init sets up one wasm runtime per process; later parsers reuse it.
let runtimeReady: Promise<void> | undefined;

/** Builds a parser. The first call in a process also starts the wasm runtime (measured separately by bench/dags). */
export async function createPythonParser(bytes: GrammarBytes): Promise<PythonParser> {
  runtimeReady ??= Parser.init({ wasmBinary: bytes.runtime } as Parameters<typeof Parser.init>[0]);
  await runtimeReady;
  const language = await Language.load(bytes.python);
  const parser = new Parser();
  parser.setLanguage(language);
  return { parse: (text) => parser.parse(text) };
}
