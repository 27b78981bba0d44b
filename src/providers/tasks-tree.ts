/**
 * The Tasks tree (view `kubetasks.tasks`, issue 14): a thin adapter over src/tasks' pure tree. Session launches and
 * the watched objects are rebuilt into nodes, diffed against what is shown, and only changed nodes refreshed; watch
 * events are batched for at most 100 ms. The view's message shows "reconnecting…" while a watch retries, and in an
 * untrusted workspace explains why nothing is watched. Watches restart when the context or namespace changes.
 */
import { setMaxListeners } from 'node:events';
import * as vscode from 'vscode';
import type { Logger } from '../common/index.js';
import { ChangeBatch, diffTrees, flushDelay, hasClock, ObjectStore, TaskTreeBuilder, TreeIndex, type LaunchSession, type ObjectChange, type ObjectKind, type ObjectShape, type TaskNode } from '../tasks/index.js';
import type { ClusterAccess } from './cluster-access.js';
import { readSettings } from './settings.js';
import { taskTreeItem } from './tasks-tree-item.js';
import { startTaskWatches, TASK_WATCHES, type WatchStatus } from './tasks-watch.js';

export const TASKS_VIEW = 'kubetasks.tasks';
const BATCH_MS = 100;
const UNTRUSTED = 'The Tasks tree watches the cluster, which runs the kubeconfig\'s programs: trust this workspace to see its launches and pods.';

export interface TasksTreeDeps {
  session: LaunchSession;
  cluster: ClusterAccess;
  logger: Logger;
}

export class TasksTreeProvider implements vscode.TreeDataProvider<TaskNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TaskNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Fires after every rebuild (host tests wait on it). */
  private readonly rebuilt = new vscode.EventEmitter<readonly TaskNode[]>();
  readonly onDidRebuild = this.rebuilt.event;
  private readonly store = new ObjectStore();
  /** Rebuilds only the runs a change touched (the same nodes as `buildTaskTree`). */
  private readonly builder = new TaskTreeBuilder();
  private readonly batch = new ChangeBatch();
  private readonly statuses = new Map<number, WatchStatus>();
  private shown: TaskNode[] = [];
  private readonly byId = new TreeIndex();
  /** The element object VS Code was last given for each id: it refreshes by object identity, not by id. */
  private readonly given = new Map<string, TaskNode>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFlushAt: number | undefined;
  private clock: ReturnType<typeof setInterval> | undefined;
  private watches: AbortController | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed, this.rebuilt];
  view: vscode.TreeView<TaskNode> | undefined;
  namespace = '';
  message: string | undefined;
  private started = false;
  /** Other sources merged into the tree after each build (Airflow runs, issue 16). */
  private readonly decorators: ((nodes: TaskNode[]) => TaskNode[])[] = [];

  private readonly deps: TasksTreeDeps;

  constructor(deps: TasksTreeDeps) {
    this.deps = deps;
    const off = deps.session.onChange(() => this.schedule());
    const again = (): void => {
      if (this.started) this.restart();
    };
    this.disposables.push({ dispose: off }, deps.cluster.onDidChange(again), vscode.workspace.onDidGrantWorkspaceTrust(again));
  }

  /** Starts (or restarts) the watches for the current context and namespace. */
  restart(): void {
    this.watches?.abort();
    this.watches = undefined;
    this.store.clear();
    this.builder.clear();
    this.statuses.clear();
    if (!vscode.workspace.isTrusted) {
      this.setMessage(UNTRUSTED);
      this.rebuild();
      return;
    }
    try {
      const client = this.deps.cluster.open();
      const controller = new AbortController();
      // Every watch (and each of its backoff waits) listens on this one signal: more than Node's default 10.
      setMaxListeners(TASK_WATCHES.length * 4, controller.signal);
      this.watches = controller;
      this.namespace = client.namespace;
      this.setMessage(`Connecting to ${client.contextName} (namespace ${client.namespace})…`);
      void startTaskWatches(client, client.namespace, controller.signal, {
        change: (c) => this.onChange(c),
        status: (i, s) => this.onStatus(i, s),
      }).finally(() => client.close());
    } catch (error) {
      this.setMessage(`No cluster: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.rebuild();
  }

  private onChange(change: ObjectChange): void {
    this.batch.add(change);
    this.schedule();
  }

  private onStatus(index: number, status: WatchStatus): void {
    this.statuses.set(index, status);
    const bad = [...this.statuses.values()].find((s) => s.state !== 'synced');
    if (bad?.state === 'reconnecting') this.setMessage(`Reconnecting… ${bad.message}`);
    else if (bad?.state === 'failed') this.setMessage(`Watch failed: ${bad.message}`);
    else if (this.statuses.size === TASK_WATCHES.length) this.setMessage(undefined);
  }

  private setMessage(message: string | undefined): void {
    if (this.view) this.view.message = message;
    this.message = message;
  }

  /** Starts the watches once (when the view is first shown, or when a command or test needs the tree). */
  ensureStarted(): void {
    if (this.started) return;
    this.started = true;
    this.restart();
  }

  /** One rebuild at most every 100 ms, however many events arrive; a lone event is shown at once. */
  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.lastFlushAt = Date.now();
      this.store.apply(this.batch.take());
      this.rebuild();
    }, flushDelay(this.lastFlushAt, Date.now(), BATCH_MS));
  }

  private rebuild(): void {
    // The API's times are whole seconds (RFC 3339) and the clocks show whole seconds, so `now` on the second gives
    // the same text while runs with a Pending clock are rebuilt once a second, not on every flush.
    const now = Math.floor(Date.now() / 1000) * 1000;
    const built = this.builder.build({ records: this.deps.session.all(), objects: this.store.list(), grouping: readSettings().tree.grouping, now });
    const next = this.decorators.reduce((nodes, decorate) => decorate(nodes), built);
    const diff = diffTrees(this.shown, next);
    this.shown = next;
    this.byId.update(next);
    if (diff.all) {
      // VS Code fetches the visible nodes again and is given new objects for them.
      this.given.clear();
      this.changed.fire(undefined);
    }
    // Refresh the objects VS Code holds and answer with the newest node of the same id; a node it never fetched
    // (under a collapsed parent) is read fresh when shown.
    else {
      for (const id of diff.changed) {
        const element = this.given.get(id);
        if (element) this.changed.fire(element);
      }
    }
    this.tickClock(hasClock(next));
    this.rebuilt.fire(next);
  }

  /** While a Pending clock is shown, re-render once a second (no cluster call: only the text changes). */
  private tickClock(on: boolean): void {
    if (on && !this.clock) this.clock = setInterval(() => this.rebuild(), 1000);
    if (!on && this.clock) {
      clearInterval(this.clock);
      this.clock = undefined;
    }
  }

  getTreeItem(element: TaskNode): vscode.TreeItem {
    return taskTreeItem(this.byId.get(element.id) ?? element);
  }

  getChildren(element?: TaskNode): TaskNode[] {
    const children = element ? (this.byId.get(element.id) ?? element).children : this.shown;
    for (const child of children) this.given.set(child.id, child);
    return children;
  }

  getParent(element: TaskNode): TaskNode | undefined {
    for (const node of this.byId.values()) if (node.children.some((c) => c.id === element.id)) return node;
    return undefined;
  }

  /** Merges another source into the tree (rebuilt now and whenever `changed` fires). */
  addDecorator(decorate: (nodes: TaskNode[]) => TaskNode[], changed: vscode.Event<void>): vscode.Disposable {
    this.decorators.push(decorate);
    this.schedule();
    const sub = changed(() => this.schedule());
    return { dispose: () => { sub.dispose(); this.decorators.splice(this.decorators.indexOf(decorate), 1); } };
  }

  /** The current tree (host tests and the commands read it). */
  nodes(): readonly TaskNode[] {
    return this.shown;
  }

  /** The watched object, if the watches report it. */
  object(kind: ObjectKind, namespace: string, name: string): ObjectShape | undefined {
    return this.store.find(kind, namespace, name)?.object;
  }

  /** The node with this id, as shown now. */
  node(id: string): TaskNode | undefined {
    return this.byId.get(id);
  }

  dispose(): void {
    this.watches?.abort();
    if (this.timer) clearTimeout(this.timer);
    this.tickClock(false);
    for (const d of this.disposables) d.dispose();
  }
}

/** Registers the view; the watches start when it is first shown (activation stays cheap). */
export function registerTasksTree(context: vscode.ExtensionContext, deps: TasksTreeDeps): TasksTreeProvider {
  const provider = new TasksTreeProvider(deps);
  const view = vscode.window.createTreeView(TASKS_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  provider.view = view;
  if (view.visible) provider.ensureStarted();
  context.subscriptions.push(provider, view, view.onDidChangeVisibility((e) => e.visible && provider.ensureStarted()));
  return provider;
}
