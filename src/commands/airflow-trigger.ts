/**
 * "KubeTasks: Trigger DAG Run…" (issue 16): pick the server and the DAG (the open DAG file's `dag_id` when invoked
 * from it), edit the run's `conf` in the "Render with…" context document (issue 17), pre-filled from the DAG's
 * `params` and the conf keys its tasks read, beside the Dry Run preview of the pod that conf renders; then trigger
 * through src/airflow (with the same run id as the preview) and follow the run in the Tasks tree.
 * Programmatic: `{server?, dagId, conf, runId?, unpause?, wait?}` skips the prompts; with `wait` it resolves when
 * the run ends.
 */
import * as vscode from 'vscode';
import { AirflowError, triggerDagRun, type AirflowConnection, type DagRun } from '../airflow/index.js';
import type { AirflowServices } from '../providers/airflow-services.js';
import { renderContextUri } from '../providers/render-context-files.js';
import type { AirflowServerSetting } from '../settings/index.js';
import { confOfContextText, confSample, triggerContextText } from '../tasks/index.js';
import { airflowServices, pickServer } from './airflow-common.js';
import { CommandIds } from './command-ids.js';
import type { Command, CommandContext } from './command.js';

interface TriggerArgs {
  server?: string;
  dagId?: string;
  /** A DAG file (URI text) the DAG comes from: its params pre-fill the conf and its preview is shown. */
  source?: string;
  conf?: Record<string, unknown>;
  runId?: string;
  unpause?: boolean;
  wait?: boolean;
}

interface Chosen {
  conf: Record<string, unknown>;
  runId?: string;
}

function argsOf(arg: unknown): TriggerArgs {
  if (arg instanceof vscode.Uri) return { source: arg.toString() };
  return arg && typeof arg === 'object' ? (arg as TriggerArgs) : {};
}

function sourceOf(args: TriggerArgs): vscode.Uri | undefined {
  if (args.source) return vscode.Uri.parse(args.source);
  const active = vscode.window.activeTextEditor?.document;
  return active?.languageId === 'python' ? active.uri : undefined;
}

async function pickDag(context: CommandContext, source: vscode.Uri | undefined, wanted?: string): Promise<string | undefined> {
  if (wanted) return wanted;
  const ids = source ? [...new Set((await context.dryRunPreview.tasksOf(await vscode.workspace.openTextDocument(source))).tasks
    .flatMap((t) => t.templating?.dagId ?? []))] : [];
  if (ids.length === 1) return ids[0];
  if (ids.length > 1) return vscode.window.showQuickPick(ids, { placeHolder: 'DAG to trigger' });
  return vscode.window.showInputBox({ prompt: 'dag_id to trigger', ignoreFocusOut: true });
}

/** The conf from the context document beside the Dry Run preview of the DAG's first task with that dag_id. */
async function editConf(context: CommandContext, source: vscode.Uri, dagId: string): Promise<Chosen | undefined> {
  const { tasks } = await context.dryRunPreview.tasksOf(await vscode.workspace.openTextDocument(source));
  const ofDag = tasks.filter((t) => t.templating?.dagId === dagId);
  const first = ofDag[0];
  if (!first) return editConfText();
  await context.renderContexts.set(source, first.taskId, triggerContextText(confSample(ofDag), first, new Date()));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(context.dryRunPreview.uriFor({ source, taskId: first.taskId })), { preview: false });
  const contextDoc = await vscode.workspace.openTextDocument(renderContextUri({ source, taskId: first.taskId }));
  await vscode.window.showTextDocument(contextDoc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  const go = await vscode.window.showInformationMessage(`KubeTasks: edit the conf (and run_id) of ${dagId}'s run, save to re-render the preview, then trigger.`, 'Trigger', 'Cancel');
  if (go !== 'Trigger') return undefined;
  const text = context.renderContexts.get(source, first.taskId) ?? '';
  const conf = confOfContextText(text);
  if (!conf) throw new Error(`${contextDoc.uri.path}: "conf" must be a JSON object (save the document first)`);
  const runId = (JSON.parse(text) as { run_id?: unknown }).run_id;
  return { conf, ...(typeof runId === 'string' && runId !== '' ? { runId } : {}) };
}

/** Without a DAG file: the conf as JSON in an input box. */
async function editConfText(): Promise<Chosen | undefined> {
  const text = await vscode.window.showInputBox({
    prompt: 'dag_run.conf (a JSON object)', value: '{}', ignoreFocusOut: true,
    validateInput: (t) => (confOfContextText(`{"conf": ${t}}`) ? undefined : 'a JSON object, such as {"key": "value"}'),
  });
  return text === undefined ? undefined : { conf: JSON.parse(text) as Record<string, unknown> };
}

/** Triggers; a paused DAG is unpaused when asked (or when the user agrees). */
async function trigger(conn: AirflowConnection, dagId: string, chosen: Chosen, unpause: boolean | undefined): Promise<DagRun> {
  const request = { dagId, conf: chosen.conf, ...(chosen.runId ? { runId: chosen.runId } : {}) };
  try {
    return await triggerDagRun(conn, { ...request, unpause: unpause === true });
  } catch (error) {
    if (!(error instanceof AirflowError) || error.reason !== 'DagPaused' || unpause !== undefined) throw error;
    const choice = await vscode.window.showWarningMessage(`KubeTasks: DAG ${dagId} is paused; its run would stay queued.`, 'Unpause and Trigger');
    if (choice !== 'Unpause and Trigger') return Promise.reject(error);
    return triggerDagRun(conn, { ...request, unpause: true });
  }
}

async function follow(context: CommandContext, services: AirflowServices, server: AirflowServerSetting, conn: AirflowConnection, run: DagRun, wait: boolean): Promise<DagRun> {
  context.tasks?.tree.ensureStarted();
  context.logger.info(`Airflow run ${run.runId} of ${run.dagId} triggered on ${server.name} (${run.state})`);
  void vscode.window.showInformationMessage(`KubeTasks: Airflow run ${run.runId} of ${run.dagId} triggered on ${server.name}; following it in the Tasks tree.`);
  const ended = services.runs.follow(conn, server, run);
  if (wait) return ended;
  ended.catch(() => undefined); // failures are logged and shown in the tree by the follower
  return run;
}

export const triggerDagRunCommand: Command = {
  id: CommandIds.triggerDagRun,
  async execute(context, ...rest) {
    const services = airflowServices(context);
    if (!services) return undefined;
    const args = argsOf(rest[0]);
    const server = await pickServer(services, args.server);
    if (!server) return undefined;
    const source = sourceOf(args);
    const dagId = await pickDag(context, source, args.dagId);
    if (!dagId) return undefined;
    const chosen = args.conf ? { conf: args.conf, ...(args.runId ? { runId: args.runId } : {}) }
      : source ? await editConf(context, source, dagId) : await editConfText();
    if (!chosen) return undefined;
    const conn = await services.servers.connect(server);
    const run = await trigger(conn, dagId, chosen, args.unpause);
    return follow(context, services, server, conn, run, args.wait === true);
  },
};
