/**
 * The `Trigger` CodeLens (issue 16): above each DAG of an open DAG file whose `dag_id` an Airflow server knows (its
 * DAG list is cached, src/providers/airflow-servers.ts). Only in a trusted workspace: it leads to an Airflow call.
 */
import * as vscode from 'vscode';
import type { AirflowServers } from './airflow-servers.js';
import { PYTHON_SELECTOR, type DagScans } from './dag-scans.js';

/** The 0-based line of `dag_id="…"` (or `DAG("…"`) naming `dagId`, else the first of its tasks. */
function dagLine(document: vscode.TextDocument, dagId: string, fallback: number): number {
  const quoted = dagId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(dag_id\\s*=\\s*|DAG\\(\\s*)['"]${quoted}['"]`);
  for (let line = 0; line < document.lineCount; line++) if (pattern.test(document.lineAt(line).text)) return line;
  return fallback;
}

export class AirflowTriggerLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private readonly scans: DagScans;
  private readonly servers: AirflowServers;
  private readonly command: string;

  constructor(scans: DagScans, servers: AirflowServers, command: string) {
    this.scans = scans;
    this.servers = servers;
    this.command = command;
    this.subscriptions = [servers.onDidChange(() => this.changed.fire()), vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire())];
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.isTrusted) return [];
    const servers = this.servers.list();
    if (servers.length === 0) return [];
    const scan = await this.scans.scan(document);
    const firstLines = new Map<string, number>();
    for (const task of scan?.tasks ?? []) {
      if (task.dagId !== undefined && !firstLines.has(task.dagId)) firstLines.set(task.dagId, task.range.start.line - 1);
    }
    const lenses: vscode.CodeLens[] = [];
    for (const [dagId, first] of firstLines) {
      const server = servers.find((s) => this.servers.knownDags(s)?.has(dagId));
      if (!server) continue;
      const range = new vscode.Range(dagLine(document, dagId, first), 0, dagLine(document, dagId, first), 0);
      lenses.push(new vscode.CodeLens(range, {
        title: `Trigger on ${server.name}`, command: this.command, tooltip: `Trigger a run of ${dagId} on the Airflow server ${server.url}`,
        arguments: [{ server: server.url, dagId, source: document.uri.toString() }],
      }));
    }
    return lenses;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}

export function registerAirflowCodeLens(context: vscode.ExtensionContext, scans: DagScans, servers: AirflowServers, command: string): void {
  const provider = new AirflowTriggerLensProvider(scans, servers, command);
  context.subscriptions.push(provider, vscode.languages.registerCodeLensProvider(PYTHON_SELECTOR, provider));
}
