/**
 * The Tasks tree's panel actions (issue 14): Follow Logs, Show Previous Logs, Show XCom, Show Failure Summary, Show
 * Events, Open Live YAML, Open Rendered Manifest. Cluster reads go through the tree's cluster access (src/kube via
 * `loadCluster()`), gated by Workspace Trust; what the session kept is shown without any call.
 */
import type { KubeClient } from '../kube/index.js';
import { ensureTrusted } from '../providers/trust-gate.js';
import { readSettings } from '../providers/settings.js';
import { objectYaml } from '../providers/task-documents.js';
import { failureSummary, formatEvents, xcomDocument, type EventShape, type PodShape } from '../tasks/index.js';
import { CommandIds } from './command-ids.js';
import type { Command, CommandContext } from './command.js';
import { podOf, recordOf, resolveNode, taskViews } from './task-node.js';
import type { TaskViews } from '../providers/task-views.js';

async function withClient<T>(views: TaskViews, body: (client: KubeClient) => Promise<T>): Promise<T | undefined> {
  if (!ensureTrusted('a cluster call')) return undefined;
  const client = views.cluster.open();
  try {
    return await body(client);
  } finally {
    client.close();
  }
}

async function eventsFor(client: KubeClient, namespace: string, name: string): Promise<EventShape[]> {
  const list = await client.list('Event', { namespace, fieldSelector: `involvedObject.name=${name}` });
  return list.items as EventShape[];
}

async function followLogs(context: CommandContext, arg: unknown, previous: boolean): Promise<void> {
  const views = taskViews(context);
  const node = resolveNode(views, arg);
  const pod = podOf(node);
  const record = recordOf(views, node);
  const live = pod && node ? views.tree.node(`Pod:${pod.namespace}/${pod.name}`) ?? (node.target?.kind === 'Pod' && !node.contextValue.startsWith('gone') ? node : undefined) : undefined;
  if ((!pod || !live) && record && !previous) {
    views.logs.showRecord(record);
    return;
  }
  if (!pod) throw new Error('select a pod, a container or a run in the Tasks tree to see its logs');
  const { logs } = readSettings(context.logger);
  const containers = pod.container ? [pod.container] : pod.containers.length ? pod.containers : ['base'];
  await withClient(views, (client) => views.logs.follow(client, { namespace: pod.namespace, pod: pod.name, containers, previous, timestamps: logs.timestamps, tail: logs.tail }));
}

async function showXcom(context: CommandContext, arg: unknown): Promise<void> {
  const views = taskViews(context);
  const node = resolveNode(views, arg);
  const record = recordOf(views, node) ?? [...views.session.all()].reverse().find((r) => r.outcome);
  if (!record) throw new Error('no launch from this editor yet: the XCom of a launch is shown once it ends');
  await views.documents.open(`/xcom/${record.dagId}.${record.taskId}.${record.id}.json`, () => xcomDocument(record), 'json');
}

async function showFailureSummary(context: CommandContext, arg: unknown): Promise<void> {
  const views = taskViews(context);
  const node = resolveNode(views, arg);
  const record = recordOf(views, node);
  const pod = podOf(node) ?? (record ? { namespace: record.namespace, name: record.objects.find((o) => o.kind === 'Pod')?.name ?? '', containers: [] } : undefined);
  if (!pod?.name) throw new Error('select a pod or a run in the Tasks tree for its failure summary');
  const read = await withClient(views, async (client) => {
    const object = await client.get('Pod', pod.name, { namespace: pod.namespace }).catch(() => undefined);
    return { object, events: await eventsFor(client, pod.namespace, pod.name) };
  });
  const text = failureSummary({ ...(record ? { record } : {}), ...(read?.object ? { pod: read.object as PodShape } : {}), podName: pod.name, events: read?.events ?? [], now: Date.now() });
  await views.documents.open(`/summary/${pod.namespace}/${pod.name}.txt`, () => text);
}

async function showEvents(context: CommandContext, arg: unknown): Promise<void> {
  const views = taskViews(context);
  const t = resolveNode(views, arg)?.target;
  if (!t?.name || t.namespace === undefined) throw new Error('select an object in the Tasks tree to see its events');
  const { name, namespace } = t;
  const events = await withClient(views, (client) => eventsFor(client, namespace, name));
  if (!events) return;
  const text = [`Events of ${t.kind ?? ''} ${namespace}/${name}`, ...formatEvents(events, 100), ''].join('\n');
  await views.documents.open(`/events/${namespace}/${name}.txt`, () => text);
}

async function openLiveYaml(context: CommandContext, arg: unknown): Promise<void> {
  const views = taskViews(context);
  const t = resolveNode(views, arg)?.target;
  if (!t?.kind || !t.name || t.namespace === undefined) throw new Error('select a pod, Job, SparkApplication or Workload in the Tasks tree');
  const { kind, name, namespace } = t;
  const watched = views.tree.object(kind, namespace, name);
  const first = watched ? undefined : await withClient(views, (client) => client.get(kind, name, { namespace }).catch(() => undefined));
  // Live: the watched object's newest version on every rebuild of the tree.
  await views.documents.open(`/live/${namespace}/${kind}/${name}.yaml`, () => objectYaml(views.tree.object(kind, namespace, name) ?? first), 'yaml');
}

async function openRenderedManifest(context: CommandContext, arg: unknown): Promise<void> {
  const views = taskViews(context);
  const record = recordOf(views, resolveNode(views, arg));
  if (!record?.manifest) throw new Error('the rendered manifest is known only for launches made from this editor');
  const manifest = record.manifest;
  await views.documents.open(`/manifest/${record.dagId}.${record.taskId}.${record.id}.yaml`, () => manifest, 'yaml');
}

export const followLogsCommand: Command = { id: CommandIds.followLogs, execute: (c, arg) => followLogs(c, arg, false) };
export const showPreviousLogsCommand: Command = { id: CommandIds.showPreviousLogs, execute: (c, arg) => followLogs(c, arg, true) };
export const showXcomCommand: Command = { id: CommandIds.showXcom, execute: showXcom };
export const showFailureSummaryCommand: Command = { id: CommandIds.showFailureSummary, execute: showFailureSummary };
export const showEventsCommand: Command = { id: CommandIds.showEvents, execute: showEvents };
export const openLiveYamlCommand: Command = { id: CommandIds.openLiveYaml, execute: openLiveYaml };
export const openRenderedManifestCommand: Command = { id: CommandIds.openRenderedManifest, execute: openRenderedManifest };

