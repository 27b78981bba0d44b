/**
 * The Python parser and the latest scan of each open DAG file, shared by the DAG CodeLens, hover and diagnostics.
 * The grammar (two wasm files next to dist/extension.js) loads on the first Python file, not at activation.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as vscode from 'vscode';
import type { Problem } from '../common/index.js';
import { createPythonParser, findRenderableTasks, scanDag, toTaskSpec, type DagScan, type PythonParser } from '../dags/index.js';
import type { TaskSpec } from '../operators/index.js';

export const PYTHON_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', language: 'python' },
  { scheme: 'untitled', language: 'python' },
];

/** Cheap pre-check: a file that never mentions a Kubernetes operator is not scanned at all. */
const MENTIONS_OPERATOR = /Kubernetes\w*Operator|GKEStart\w*Operator|GKEDeleteJobOperator|EksPodOperator/;

export class DagScans {
  private parser: Promise<PythonParser> | undefined;
  private readonly cache = new Map<string, { version: number; scan: DagScan }>();
  private readonly distDir: string;

  /** `distDir` holds tree-sitter.wasm and tree-sitter-python.wasm (esbuild.mjs copies them there). */
  constructor(distDir: string) {
    this.distDir = distDir;
  }

  private loadParser(): Promise<PythonParser> {
    this.parser ??= createPythonParser({
      runtime: fs.readFileSync(path.join(this.distDir, 'tree-sitter.wasm')),
      python: fs.readFileSync(path.join(this.distDir, 'tree-sitter-python.wasm')),
    });
    return this.parser;
  }

  /** The scan of the document's current text, or undefined when the file has no Kubernetes operator in it. */
  async scan(document: vscode.TextDocument): Promise<DagScan | undefined> {
    const text = document.getText();
    if (!MENTIONS_OPERATOR.test(text)) return undefined;
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached?.version === document.version) return cached.scan;
    const scan = scanDag(await this.loadParser(), text);
    this.cache.set(key, { version: document.version, scan });
    return scan;
  }

  forget(document: vscode.TextDocument): void {
    this.cache.delete(document.uri.toString());
  }
}

export async function parseDagTasks(scans: DagScans, document: vscode.TextDocument): Promise<{ tasks: TaskSpec[]; problems: Problem[] }> {
  const scan = await scans.scan(document);
  if (!scan) return { tasks: [], problems: [] };
  const tasks: TaskSpec[] = [];
  const problems: Problem[] = [...scan.problems];
  for (const task of findRenderableTasks(scan)) {
    const converted = toTaskSpec(task, document.uri.fsPath);
    if (converted.ok) tasks.push(converted.value.spec);
    problems.push(...(converted.ok ? converted.value.notes : converted.problems));
  }
  return { tasks, problems };
}
