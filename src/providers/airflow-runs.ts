/**
 * The Airflow runs this editor triggered, followed to their end (issue 16): their state is polled with the client's
 * backoff (src/airflow waitForDagRun; Airflow has no watch), each change re-reads the task instances, the Tasks tree
 * shows them (src/tasks mergeAirflowRuns, which also maps the pods' `run_id` label back to the run id), and the end
 * is a notification with "Show Run". The runs are remembered in the workspace state, so a reloaded window shows
 * them again and follows those that had not ended.
 */
import * as vscode from 'vscode';
import { isAirflowAborted, listTaskInstances, waitForDagRun, type AirflowConnection, type DagRun } from '../airflow/index.js';
import type { Logger } from '../common/index.js';
import type { AirflowServerSetting } from '../settings/index.js';
import { mergeAirflowRuns, type FollowedRun, type TaskNode } from '../tasks/index.js';
import type { AirflowServers } from './airflow-servers.js';
import { readSettings } from './settings.js';

const RUNS_KEY = 'kubetasks.airflow.followedRuns';
/** The newest runs kept across reloads. */
const KEEP = 20;
const FINISHED = new Set(['success', 'failed']);

function isFollowedRun(v: unknown): v is FollowedRun {
  const r = v as FollowedRun;
  return !!r && typeof r === 'object' && typeof r.server === 'string' && typeof r.dagId === 'string' && typeof r.runId === 'string'
    && typeof r.state === 'string' && Array.isArray(r.tasks);
}

export class AirflowRunFollower implements vscode.Disposable {
  private readonly runs: FollowedRun[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly stop = new AbortController();
  private readonly logger: Logger;
  private readonly showRunCommand: string;
  private readonly state: vscode.Memento;

  constructor(logger: Logger, showRunCommand: string, state: vscode.Memento) {
    this.logger = logger;
    this.showRunCommand = showRunCommand;
    this.state = state;
    const stored = state.get<unknown>(RUNS_KEY);
    if (Array.isArray(stored)) this.runs.push(...stored.filter(isFollowedRun).slice(0, KEEP));
  }

  /** Follows again the remembered runs that had not ended (quietly: no notification for them). */
  resume(servers: AirflowServers): void {
    for (const run of this.runs.filter((r) => !FINISHED.has(r.state))) {
      const server = servers.find(run.server);
      if (!server) continue;
      void servers.connect(server)
        .then((conn) => waitForDagRun(conn, run.dagId, run.runId, { signal: this.stop.signal, onState: (r) => this.update(run, { state: r.state }) }))
        .catch((error: unknown) => this.logger.warn(`Airflow run ${run.runId}: cannot follow it again: ${error instanceof Error ? error.message : String(error)}`));
    }
  }

  /** Every followed run, newest first. */
  all(): readonly FollowedRun[] {
    return this.runs;
  }

  /** The Tasks tree with the followed runs merged in. */
  decorate(nodes: TaskNode[]): TaskNode[] {
    return mergeAirflowRuns(nodes, this.runs, readSettings().tree.grouping);
  }

  private update(run: FollowedRun, patch: Partial<FollowedRun>): void {
    Object.assign(run, patch);
    this.save();
  }

  private save(): void {
    void this.state.update(RUNS_KEY, this.runs.slice(0, KEEP));
    this.changed.fire();
  }

  /** Follows a triggered run to its end; resolves with its final state (notified). */
  async follow(conn: AirflowConnection, server: AirflowServerSetting, started: DagRun): Promise<DagRun> {
    const run: FollowedRun = { server: server.name, dagId: started.dagId, runId: started.runId, state: started.state, tasks: [] };
    this.runs.unshift(run);
    this.save();
    const readTasks = async (): Promise<void> => {
      const tis = await listTaskInstances(conn, run.dagId, run.runId, this.stop.signal).catch(() => undefined);
      if (tis) this.update(run, { tasks: tis.map((t) => ({ taskId: t.taskId, state: t.state })) });
    };
    try {
      const ended = await waitForDagRun(conn, run.dagId, run.runId, {
        signal: this.stop.signal,
        onState: (r) => {
          this.update(run, { state: r.state });
          void readTasks();
        },
      });
      await readTasks();
      this.update(run, { state: ended.state });
      this.notify(server, ended);
      return ended;
    } catch (error) {
      if (!isAirflowAborted(error)) {
        this.update(run, { state: 'unknown (following failed)' });
        this.logger.error(error instanceof Error ? error : String(error));
      }
      throw error;
    }
  }

  private notify(server: AirflowServerSetting, run: DagRun): void {
    const text = `KubeTasks: Airflow run ${run.runId} of ${run.dagId} on ${server.name} ${run.state === 'success' ? 'succeeded' : `ended ${run.state}`}`;
    const show = 'Show Run';
    const shown = run.state === 'success' ? vscode.window.showInformationMessage(text, show) : vscode.window.showErrorMessage(text, show);
    void shown.then((choice) => {
      if (choice === show) void vscode.commands.executeCommand(this.showRunCommand, { server: server.url, dagId: run.dagId, runId: run.runId });
    });
  }

  dispose(): void {
    this.stop.abort();
    this.changed.dispose();
  }
}
