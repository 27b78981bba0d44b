/**
 * Prepares a Launch or Check from the editor through the same `prepareTaskLaunch` as `kubetasks launch` (src/edge):
 * the open document's text (unsaved edits count), template files from open editors first, the run context "Render
 * with…" remembered for the task (its `run_id` is the run's, as `--run-id` is for the CLI) and the in-cluster
 * setting. What stops it is shown at the file's lines (a DAG call with Jinja or XCom references: KT4712).
 */
import { randomUUID } from 'node:crypto';
import { prepareTaskLaunch, type PreparedLaunch } from '../edge/index.js';
import type { RunInput } from '../templates/index.js';
import { openDocumentText } from '../providers/problem-adapter.js';
import { parseRenderContext } from '../providers/render-context.js';
import { readSettings } from '../providers/settings.js';
import type { CommandContext } from './command.js';
import { showLaunchProblems } from './located-problems.js';
import type { TaskTarget } from './task-target.js';

/** The remembered run context as a run, or the problems of its text. */
function rememberedRun(context: CommandContext, target: TaskTarget): { run?: RunInput; problems?: ReturnType<typeof parseRenderContext> } {
  const text = context.renderContexts.get(target.document.uri, target.taskId);
  if (text === undefined) return {};
  const parsed = parseRenderContext(text, { now: new Date().toISOString(), uuid4: randomUUID });
  return parsed.ok ? { run: parsed.value } : { problems: parsed };
}

/** The prepared launch, or undefined after showing why not. */
export async function prepareInEditor(context: CommandContext, target: TaskTarget, verb: string): Promise<PreparedLaunch | undefined> {
  const { document, taskId } = target;
  const remembered = rememberedRun(context, target);
  if (remembered.problems && !remembered.problems.ok) {
    const why = remembered.problems.problems.map((p) => p.message).join('; ');
    showLaunchProblems(context.launchProblems, document.uri, [], verb, `the run context remembered by "Render with…" for ${taskId} is not valid: ${why}`);
    return undefined;
  }
  const run = remembered.run;
  const result = await prepareTaskLaunch({
    text: document.getText(),
    absolute: document.uri.fsPath,
    taskId,
    run,
    // a relaunch names its run; else the run "Render with…" remembered, else a new one
    context: target.runId !== undefined
      ? { 'run-id': target.runId, ...(target.tryNumber === undefined ? {} : { 'try-number': String(target.tryNumber) }) }
      : run?.runId === undefined ? {} : { 'run-id': run.runId },
    now: new Date(),
    overlay: openDocumentText,
    scanDag: () => context.dagScans.scan(document),
    workerInCluster: readSettings().airflow.inCluster,
  });
  if (!result.prepared) {
    showLaunchProblems(context.launchProblems, document.uri, result.problems, verb, result.message);
    return undefined;
  }
  context.launchProblems.delete(document.uri);
  return result.prepared;
}
