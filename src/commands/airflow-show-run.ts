/**
 * "KubeTasks: Show DAG Run" and "KubeTasks: Open Airflow Task Log" (issue 16): a run's state and task instances,
 * and one task try's log read to its end through src/airflow, each in a read-only document. Targets: an Airflow
 * node of the Tasks tree, `{server, dagId, runId, taskId?, tryNumber?}`, or a pick among the followed runs.
 */
import * as vscode from 'vscode';
import { getDagRun, getTaskInstance, listTaskInstances, readTaskLog, type AirflowConnection } from '../airflow/index.js';
import type { AirflowServices } from '../providers/airflow-services.js';
import { airflowServices, pickFollowedRun, pickServer, runTargetOf, type RunTarget } from './airflow-common.js';
import { CommandIds } from './command-ids.js';
import type { Command } from './command.js';

interface Resolved {
  conn: AirflowConnection;
  serverName: string;
  dagId: string;
  runId: string;
  target: RunTarget;
}

async function resolve(services: AirflowServices, arg: unknown): Promise<Resolved | undefined> {
  let target = runTargetOf(arg);
  if (!target.dagId || !target.runId) target = { ...(await pickFollowedRun(services)), ...target };
  if (!target.dagId || !target.runId) return undefined;
  const server = await pickServer(services, target.server);
  if (!server) return undefined;
  return { conn: await services.servers.connect(server), serverName: server.name, dagId: target.dagId, runId: target.runId, target };
}

export const showDagRunCommand: Command = {
  id: CommandIds.showDagRun,
  async execute(context, ...args) {
    const services = airflowServices(context);
    if (!services) return undefined;
    const r = await resolve(services, args[0]);
    if (!r) return undefined;
    const run = await getDagRun(r.conn, r.dagId, r.runId);
    const tasks = await listTaskInstances(r.conn, r.dagId, r.runId);
    const lines = [
      `# Airflow run ${run.runId} of ${run.dagId} on ${r.serverName} (Airflow ${r.conn.version}, /api/${r.conn.api})`,
      `state: ${run.state}`,
      `logical_date: ${run.logicalDate ?? 'null'}`,
      `conf: ${JSON.stringify(run.conf)}`,
      'task_instances:',
      ...tasks.map((t) => `  - task_id: ${t.taskId}\n    state: ${t.state ?? 'null'}\n    try_number: ${t.tryNumber}${t.mapIndex >= 0 ? `\n    map_index: ${t.mapIndex}` : ''}`),
    ];
    const document = await services.documents.show(`${run.dagId}.${run.runId}.run.yaml`, `${lines.join('\n')}\n`, 'yaml');
    return { uri: document.uri.toString(), state: run.state, tasks: tasks.map((t) => ({ taskId: t.taskId, state: t.state, tryNumber: t.tryNumber })) };
  },
};

async function pickTask(r: Resolved): Promise<string | undefined> {
  if (r.target.taskId) return r.target.taskId;
  const tasks = await listTaskInstances(r.conn, r.dagId, r.runId);
  if (tasks.length === 1) return tasks[0]?.taskId;
  return vscode.window.showQuickPick(tasks.map((t) => t.taskId), { placeHolder: `task of ${r.runId}` });
}

export const openAirflowTaskLogCommand: Command = {
  id: CommandIds.openAirflowTaskLog,
  async execute(context, ...args) {
    const services = airflowServices(context);
    if (!services) return undefined;
    const r = await resolve(services, args[0]);
    if (!r) return undefined;
    const taskId = await pickTask(r);
    if (!taskId) return undefined;
    const tryNumber = r.target.tryNumber ?? (await getTaskInstance(r.conn, r.dagId, r.runId, taskId)).tryNumber;
    const lines = await readTaskLog(r.conn, { dagId: r.dagId, runId: r.runId, taskId, tryNumber });
    const header = `# Airflow task log: ${r.dagId} / ${r.runId} / ${taskId}, try ${tryNumber} (${r.serverName})`;
    const document = await services.documents.show(`${r.dagId}.${r.runId}.${taskId}.${tryNumber}.log`, `${header}\n${lines.join('\n')}\n`, 'log');
    return document.uri.toString();
  },
};
