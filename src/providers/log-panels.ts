/**
 * Log panels (issue 14): one output channel per (pod, container), `base` first, plus an all-containers channel with
 * a per-container prefix. A cluster pod is followed through src/kube's resuming `streamLogs` (its RECONNECTING items
 * become visible "reconnecting…" lines); a session launch is fed by the session's live lines, so nothing is read
 * twice. Each follow ends with "stream ended: container terminated (exit N)" (or why else it ended).
 */
import * as vscode from 'vscode';
import type { KubeClient } from '../kube/index.js';
import type { LaunchRecord, LaunchSession } from '../tasks/index.js';
import { loadCluster } from './cluster-loader.js';

/** Lines mirrored per channel, so the API (and the host tests) can read what a panel shows. */
const MIRROR_LINES = 2000;

export interface LogRequest {
  namespace: string;
  pod: string;
  containers: string[];
  previous?: boolean;
  timestamps: boolean;
  tail: number;
}

interface ContainerStatus {
  name?: string;
  state?: { terminated?: { exitCode?: number; reason?: string } };
}

class Panel {
  readonly channel: vscode.OutputChannel;
  readonly lines: string[] = [];
  constructor(name: string) {
    this.channel = vscode.window.createOutputChannel(name);
  }
  append(line: string): void {
    this.channel.appendLine(line);
    this.lines.push(line);
    if (this.lines.length > MIRROR_LINES) this.lines.splice(0, this.lines.length - MIRROR_LINES);
  }
  clear(): void {
    this.channel.clear();
    this.lines.length = 0;
  }
}

/** `base` first, then the pod's order. */
export function orderContainers(names: readonly string[]): string[] {
  return [...names].sort((a, b) => Number(b === 'base') - Number(a === 'base'));
}

async function endReason(client: KubeClient, req: LogRequest, container: string): Promise<string> {
  try {
    const pod = await client.get('Pod', req.pod, { namespace: req.namespace });
    const status = (pod['status'] ?? {}) as { containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[] };
    const t = [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? [])].find((s) => s.name === container)?.state?.terminated;
    return t ? `container terminated (exit ${t.exitCode ?? '?'}${t.reason ? `, ${t.reason}` : ''})` : 'the server closed the log';
  } catch {
    return 'pod deleted';
  }
}

export class LogPanels implements vscode.Disposable {
  private readonly panels = new Map<string, Panel>();
  private readonly follows = new Map<string, AbortController>();
  private readonly offLog: () => void;
  private readonly offChange: () => void;
  /** Session records whose lines go to panels: record id → pod name used in the panel names. */
  private readonly recordPods = new Map<string, string>();

  constructor(session: LaunchSession) {
    this.offLog = session.onLog((record, container, text) => this.onSessionLine(record, container, text));
    this.offChange = session.onChange((record) => this.onSessionChange(record));
  }

  private panel(name: string): Panel {
    let p = this.panels.get(name);
    if (!p) {
      p = new Panel(name);
      this.panels.set(name, p);
    }
    return p;
  }

  private names(pod: string, container: string): { one: string; all: string } {
    return { one: `KubeTasks: ${pod}/${container}`, all: `KubeTasks: ${pod} (all containers)` };
  }

  private write(pod: string, container: string, text: string, prefixed = true): void {
    const { one, all } = this.names(pod, container);
    this.panel(one).append(text);
    this.panel(all).append(prefixed ? `${container} | ${text}` : text);
  }

  /** Follows (or reads, with `previous`) a cluster pod's containers; shows the first container's panel. */
  async follow(client: KubeClient, req: LogRequest): Promise<void> {
    const containers = orderContainers(req.containers);
    const key = `${req.namespace}/${req.pod}${req.previous ? ' (previous)' : ''}`;
    this.follows.get(key)?.abort();
    const controller = new AbortController();
    this.follows.set(key, controller);
    const pod = req.previous ? `${req.pod} (previous)` : req.pod;
    for (const c of containers) this.panel(this.names(pod, c).one).clear();
    this.panel(this.names(pod, containers[0] ?? 'base').all).clear();
    this.panel(this.names(pod, containers[0] ?? 'base').one).channel.show(true);
    await Promise.all(containers.map((c) => this.streamOne(client, req, pod, c, controller.signal)));
  }

  private async streamOne(client: KubeClient, req: LogRequest, pod: string, container: string, signal: AbortSignal): Promise<void> {
    const follow = !req.previous;
    const opts = { namespace: req.namespace, signal, follow, previous: req.previous === true, timestamps: req.timestamps || follow, ...(req.tail > 0 ? { tailLines: req.tail } : {}) };
    try {
      for await (const item of client.streamLogs(req.pod, container, opts)) {
        if (item.type === 'reconnecting') this.write(pod, container, `… reconnecting: ${item.error.message} (retry in ${Math.round(item.delayMs / 1000)} s)`);
        else this.write(pod, container, `${req.timestamps && item.timestamp ? `${item.timestamp} ` : ''}${item.text}`);
      }
      if (signal.aborted) return;
      this.write(pod, container, `— stream ended: ${follow ? await endReason(client, req, container) : 'previous instance read'}`);
    } catch (error) {
      if (signal.aborted || loadCluster().isAborted(error)) return;
      this.write(pod, container, `— stream ended: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Shows a session launch's panels: the lines kept so far, then live ones until it ends. */
  showRecord(record: LaunchRecord): void {
    const pod = record.objects.find((o) => o.kind === 'Pod')?.name ?? `${record.taskId}-${record.runId}`;
    this.recordPods.set(record.id, pod);
    const containers = orderContainers([...record.logs.keys()]);
    const first = containers[0] ?? 'base';
    for (const c of containers) this.panel(this.names(pod, c).one).clear();
    this.panel(this.names(pod, first).all).clear();
    for (const c of containers) for (const line of record.logs.get(c) ?? []) this.write(pod, c, line);
    this.panel(this.names(pod, first).one).channel.show(true);
    if (record.outcome) this.ended(record);
  }

  private onSessionLine(record: LaunchRecord, container: string, text: string): void {
    let pod = this.recordPods.get(record.id);
    if (pod === undefined) return;
    const named = record.objects.find((o) => o.kind === 'Pod')?.name;
    if (named && pod !== named) {
      // The pod's name is known once it exists: the panels are named after it from then on.
      pod = named;
      this.recordPods.set(record.id, pod);
      this.panel(this.names(pod, container).one).channel.show(true);
    }
    this.write(pod, container, text);
  }

  private onSessionChange(record: LaunchRecord): void {
    if (record.outcome && this.recordPods.has(record.id)) this.ended(record);
  }

  private ended(record: LaunchRecord): void {
    const pod = this.recordPods.get(record.id) ?? '';
    this.recordPods.delete(record.id);
    const containers = record.logs.size ? [...record.logs.keys()] : ['base'];
    for (const c of orderContainers(containers)) {
      const exit = c === 'base' && record.exitCode !== null ? `container terminated (exit ${record.exitCode})` : `launch ended (${record.stateText})`;
      this.write(pod, c, `— stream ended: ${exit}`, false);
    }
  }

  /** What a panel shows (its last lines), by channel name. */
  text(name: string): string | undefined {
    return this.panels.get(name)?.lines.join('\n');
  }

  channelNames(): string[] {
    return [...this.panels.keys()];
  }

  dispose(): void {
    this.offLog();
    this.offChange();
    for (const c of this.follows.values()) c.abort();
    for (const p of this.panels.values()) p.channel.dispose();
  }
}
