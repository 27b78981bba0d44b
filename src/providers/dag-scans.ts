/**
 * The latest scan of each open DAG file, shared by the DAG CodeLens, hover, diagnostics and Dry Run. The grammar
 * (src/edge, two wasm files next to dist/extension.js) loads on the first Python file, not at activation.
 */
import type * as vscode from 'vscode';
import type { DagScan } from '../dags/index.js';
import { scanDagText } from '../edge/index.js';

export const PYTHON_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', language: 'python' },
  { scheme: 'untitled', language: 'python' },
];

/** Cheap pre-check: a file that never mentions a Kubernetes operator is not scanned at all. */
const MENTIONS_OPERATOR = /Kubernetes\w*Operator|GKEStart\w*Operator|GKEDeleteJobOperator|EksPodOperator/;

export class DagScans {
  private readonly cache = new Map<string, { version: number; scan: DagScan }>();

  /** The scan of the document's current text, or undefined when the file has no Kubernetes operator in it. */
  async scan(document: vscode.TextDocument): Promise<DagScan | undefined> {
    const text = document.getText();
    if (!MENTIONS_OPERATOR.test(text)) return undefined;
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached?.version === document.version) return cached.scan;
    const scan = await scanDagText(text);
    this.cache.set(key, { version: document.version, scan });
    return scan;
  }

  forget(document: vscode.TextDocument): void {
    this.cache.delete(document.uri.toString());
  }
}
