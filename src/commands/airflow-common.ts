/**
 * What the Airflow commands share (issue 16): Workspace Trust, the services, choosing a server, and reading a run
 * target from a tree node or a programmatic argument.
 */
import * as vscode from 'vscode';
import { ensureTrusted } from '../providers/trust-gate.js';
import type { AirflowServices } from '../providers/airflow-services.js';
import type { AirflowServerSetting } from '../settings/index.js';
import type { TaskNode } from '../tasks/index.js';
import type { CommandContext } from './command.js';
import { CommandIds } from './command-ids.js';

/** The Airflow services, or undefined (after saying why) in an untrusted workspace. */
export function airflowServices(context: CommandContext): AirflowServices | undefined {
  if (!ensureTrusted('an Airflow call')) return undefined;
  if (!context.airflow) throw new Error('the Airflow services are not registered');
  return context.airflow;
}

/** The server named by `wanted` (URL or name), else the only one, else the user's pick. */
export async function pickServer(services: AirflowServices, wanted?: string): Promise<AirflowServerSetting | undefined> {
  const all = services.servers.list();
  if (wanted !== undefined) {
    const found = services.servers.find(wanted);
    if (!found) throw new Error(`unknown Airflow server "${wanted}": add it with "KubeTasks: Add Airflow Server" or list it in kubetasks.airflow.servers`);
    return found;
  }
  if (all.length === 0) {
    const add = 'Add Airflow Server';
    const choice = await vscode.window.showWarningMessage('KubeTasks: no Airflow server is known yet.', add);
    if (choice === add) await vscode.commands.executeCommand(CommandIds.addAirflowServer);
    return undefined;
  }
  if (all.length === 1) return all[0];
  const picked = await vscode.window.showQuickPick(all.map((s) => ({ label: s.name, description: s.url, server: s })), { placeHolder: 'Airflow server' });
  return picked?.server;
}

export interface RunTarget {
  server?: string;
  dagId?: string;
  runId?: string;
  taskId?: string;
  tryNumber?: number;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** A run target from a Tasks tree node (an Airflow run or one of its pods) or a `{server, dagId, runId, …}` object. */
export function runTargetOf(arg: unknown): RunTarget {
  if (!arg || typeof arg !== 'object') return {};
  const node = arg as Partial<TaskNode> & Record<string, unknown>;
  const source = (node.target?.airflow ?? arg) as Record<string, unknown>;
  const out: RunTarget = {};
  const server = str(source['server']);
  const dagId = str(source['dagId']);
  const runId = str(source['runId']);
  const taskId = str(source['taskId']);
  if (server) out.server = server;
  if (dagId) out.dagId = dagId;
  if (runId) out.runId = runId;
  if (taskId) out.taskId = taskId;
  if (typeof source['tryNumber'] === 'number') out.tryNumber = source['tryNumber'];
  return out;
}

/** The followed run the user picks when the command got no target. */
export async function pickFollowedRun(services: AirflowServices): Promise<RunTarget | undefined> {
  const runs = services.runs.all();
  if (runs.length === 0) throw new Error('no Airflow run triggered in this session: pick a run in the Tasks tree or trigger one first');
  const picked = await vscode.window.showQuickPick(runs.map((r) => ({ label: r.runId, description: `${r.dagId} · ${r.state} · ${r.server}`, run: r })), { placeHolder: 'Airflow run' });
  return picked ? { server: picked.run.server, dagId: picked.run.dagId, runId: picked.run.runId } : undefined;
}
