/** Hover on a Kubernetes operator call in a DAG file: what it renders to (name, image, namespace, containers…). */
import * as vscode from 'vscode';
import { findTaskAt, summarizeDagTask, toTaskSpec, type DagTask, type HoverInput } from '../dags/index.js';
import { toPrintable } from '../operators/index.js';
import { PYTHON_SELECTOR, type DagScans } from './dag-scans.js';
import { renderInEditor } from './dry-run-render.js';
import { toVsRange } from './problem-adapter.js';

export interface DagHoverDeps {
  scans: DagScans;
}

class DagHoverProvider implements vscode.HoverProvider {
  private readonly deps: DagHoverDeps;

  constructor(deps: DagHoverDeps) {
    this.deps = deps;
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const scan = await this.deps.scans.scan(document);
    const task = scan && findTaskAt(scan, position.line + 1, position.character + 1);
    if (!task) return undefined;
    const markdown = summarizeDagTask({ task, ...renderForHover(task, document.uri.fsPath) });
    return new vscode.Hover(new vscode.MarkdownString(markdown), toVsRange(task.range.start, task.range.end));
  }
}

/** The rendered object (seeded suffix, so the hover is stable), or the errors that stop the render. */
function renderForHover(task: DagTask, file: string): Omit<HoverInput, 'task'> {
  const converted = toTaskSpec(task, file);
  if (!converted.ok) return { errors: converted.problems.map((p) => p.message) };
  const rendered = renderInEditor(converted.value.spec, 'api');
  if (!rendered.ok) return { errors: rendered.problems.map((p) => p.message) };
  const manifest = rendered.value.manifest;
  return manifest.format === 'api' ? { manifest: toPrintable(manifest.output) } : {};
}

export function registerDagHover(context: vscode.ExtensionContext, deps: DagHoverDeps): void {
  context.subscriptions.push(vscode.languages.registerHoverProvider(PYTHON_SELECTOR, new DagHoverProvider(deps)));
}
