/**
 * Runs a prepared launch from the editor (issue 14): the same `runTask` as `kubetasks launch` (src/kube, loaded
 * through `loadCluster()`), with a progress notification whose Cancel aborts the runtime's signal (the operator's
 * `on_kill`), every step recorded into the session the Tasks tree shows, and the logs in a log panel or, without
 * one, the "KubeTasks Launch" output channel.
 */
import * as vscode from 'vscode';
import type { PreparedLaunch } from '../edge/index.js';
import type { KubeClient, LaunchRunOptions, TaskLaunchInput } from '../kube/index.js';
import { toYamlText } from '../operators/index.js';
import { launchNamespace } from '../settings/index.js';
import type { LaunchObject, LaunchOutcome, LaunchRecorder } from '../tasks/index.js';
import { loadCluster } from '../providers/cluster-loader.js';
import { showClusterError, showClusterMessage } from '../providers/kube-error-message.js';
import { CommandIds } from './command-ids.js';
import type { CommandContext } from './command.js';
import type { TaskTarget } from './task-target.js';

const OBJECT_KINDS: readonly LaunchObject['kind'][] = ['Pod', 'Job', 'SparkApplication', 'Workload'];

/** Airflow's rule: the task's namespace wins; the picked (or context's) namespace only where it names none. */
function placeNamespace(prepared: PreparedLaunch, fallback: string): string {
  const metadata = (prepared.body['metadata'] ?? {}) as Record<string, unknown>;
  const namespace = launchNamespace(prepared.task.params['namespace'], metadata['namespace'], fallback);
  if (Object.keys(prepared.body).length > 0) prepared.body['metadata'] = { ...metadata, namespace };
  return namespace;
}

function hooks(context: CommandContext, recorder: LaunchRecorder, progress: vscode.Progress<{ message?: string }>): LaunchRunOptions {
  const out = context.launchOutput;
  return {
    onLog: (container, line) => {
      recorder.log(container, line.text);
      out.appendLine(`${container} | ${line.text}`);
    },
    onProgress: (level, text) => {
      out.appendLine(`[${level}] ${text}`);
      progress.report({ message: text });
    },
    onPod: (namespace, name) => recorder.object('Pod', namespace, name),
    // a relaunch's pod carries the try the runtime chose (the run's next try when its pod is gone)
    onDecision: (decision) => {
      const labels = decision.kind === 'create-pod' ? (decision.body['metadata'] as { labels?: Record<string, string> } | undefined)?.labels : undefined;
      const tryNumber = Number(labels?.['try_number']);
      if (Number.isInteger(tryNumber) && tryNumber > 0) recorder.tryNumber(tryNumber);
    },
    onObject: (kind, namespace, name) => {
      if ((OBJECT_KINDS as readonly string[]).includes(kind)) recorder.object(kind as LaunchObject['kind'], namespace, name);
    },
    onState: (text) => {
      recorder.state(text);
      progress.report({ message: text });
    },
  };
}

/** A launch that threw (the cluster refused or could not be reached) ends as an `error` outcome. */
function errorOutcome(error: unknown, input: TaskLaunchInput, namespace: string, aborted: boolean): LaunchOutcome {
  const e = error as { reason?: unknown; message?: unknown } | undefined;
  return {
    outcome: aborted ? 'cancelled' : 'error',
    exitCode: null,
    reason: aborted ? 'Cancelled' : typeof e?.reason === 'string' ? e.reason : null,
    message: typeof e?.message === 'string' ? e.message : String(error),
    xcom: null,
    runId: input.context.run_id,
    namespace,
    objects: [],
  };
}

function report(context: CommandContext, taskId: string, outcome: LaunchOutcome): void {
  const code = outcome.exitCode === null ? '' : ` (exit code ${outcome.exitCode}${outcome.reason ? `, ${outcome.reason}` : ''})`;
  const line = `${taskId}: ${outcome.outcome}${code}${outcome.message ? `: ${outcome.message}` : ''}`;
  context.launchOutput.appendLine(`=== ${line}`);
  for (const o of outcome.objects) context.launchOutput.appendLine(`=== ${o.kind} ${o.namespace}/${o.name} ${o.state}`);
  if (outcome.outcome === 'success' || outcome.outcome === 'launched' || outcome.outcome === 'skipped') {
    const xcom = outcome.outcome === 'success' && outcome.xcom !== null ? `; XCom ${JSON.stringify(outcome.xcom)}` : '';
    void vscode.window.showInformationMessage(`KubeTasks: ${line}${xcom}`);
  } else if (outcome.outcome === 'error' && outcome.reason === 'AuthPluginMissing') {
    showClusterMessage(`cannot launch ${taskId}`, outcome.reason, outcome.message, () => context.launchOutput.show(true));
  } else if (outcome.outcome !== 'cancelled') {
    void vscode.window.showErrorMessage(`KubeTasks: ${line}`, 'Show Launch Log').then((choice) => {
      if (choice) context.launchOutput.show(true);
    });
  }
}

interface Started {
  input: TaskLaunchInput;
  recorder: LaunchRecorder;
  namespace: string;
  controller: AbortController;
}

/** The runtime's input and the session record of a launch about to start. */
function start(context: CommandContext, target: TaskTarget, prepared: PreparedLaunch, client: KubeClient): Started {
  const namespace = placeNamespace(prepared, client.namespace);
  const taskContext = prepared.task.context ?? { dag_id: '', run_id: '', try_number: 1, map_index: -1 };
  const input: TaskLaunchInput = {
    operator: prepared.operator, params: prepared.task.params, ...(prepared.plan ? { plan: prepared.plan } : {}),
    body: prepared.body, taskId: prepared.task.taskId, context: taskContext, options: prepared.options,
    clock: () => Date.now(), existingRun: target.runId !== undefined, follow: true,
  };
  const controller = new AbortController();
  const { document, taskId } = target;
  let recordId = '';
  const recorder = context.session.begin({
    operator: prepared.operator, dagId: taskContext.dag_id, taskId, runId: taskContext.run_id, tryNumber: taskContext.try_number,
    namespace, source: document.uri.toString(), manifest: toYamlText([prepared.plan ?? prepared.body]),
    doXcomPush: prepared.options.doXcomPush, cancel: () => controller.abort(),
    // the same run again (Airflow's retry): its pod reattached while it runs, else the try after this record's
    relaunch: () => {
      const tried = context.session.get(recordId)?.tryNumber ?? taskContext.try_number;
      return Promise.resolve(vscode.commands.executeCommand(CommandIds.launchTask, document.uri, taskId, taskContext.run_id, tried + 1));
    },
  });
  recordId = recorder.id;
  context.launchOutput.appendLine(`=== ${taskId}: run ${taskContext.run_id} (dag_id ${taskContext.dag_id}, context ${client.contextName}, namespace ${namespace})`);
  return { input, recorder, namespace, controller };
}

/** Runs the launch to its end under a cancellable progress notification. */
async function follow(context: CommandContext, target: TaskTarget, prepared: PreparedLaunch, client: KubeClient): Promise<LaunchOutcome> {
  const { input, recorder, namespace, controller } = start(context, target, prepared, client);
  if (context.showLaunchLogs) context.showLaunchLogs(recorder.id);
  else context.launchOutput.show(true);
  const title = `KubeTasks: ${target.taskId} in ${namespace}`;
  const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const cancel = token.onCancellationRequested(() => controller.abort());
    try {
      return await loadCluster().runTask(client, input, { signal: controller.signal, ...hooks(context, recorder, progress) });
    } catch (error) {
      context.logger.error(error instanceof Error ? error : String(error));
      return errorOutcome(error, input, namespace, controller.signal.aborted);
    } finally {
      cancel.dispose();
    }
  });
  recorder.finish(outcome);
  report(context, target.taskId, outcome);
  return outcome;
}

/** Opens the client, launches and follows; undefined when the cluster cannot be used (said to the user). */
export async function runInEditor(context: CommandContext, target: TaskTarget, prepared: PreparedLaunch): Promise<LaunchOutcome | undefined> {
  const refused = loadCluster().notLaunchable(prepared.operator);
  if (refused) throw new Error(refused);
  let client: KubeClient;
  try {
    client = context.cluster.open();
  } catch (error) {
    showClusterError(`cannot launch ${target.taskId}`, error, context.showLog);
    return undefined;
  }
  try {
    return await follow(context, target, prepared, client);
  } finally {
    client.close();
  }
}
