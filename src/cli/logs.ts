/**
 * `kubetasks logs POD|FILE`: a pod's container logs, with the launch's resume guarantees (src/kube streamLogs: a
 * follow that drops is resumed with `sinceTime` and the repeated lines skipped). FILE names a task file: its newest
 * pod is found by the task's identity labels (`task_id`, `kubernetes_pod_operator=True`, and the file's `dag_id`).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isAborted, type KubeClient, type KubeObject } from '../kube/index.js';
import { formatOptions, parseCommandArgs, type OptionValues } from './args.js';
import { ExitCode, type CliCommand, type CliIo } from './io.js';
import { clusterOptions, openClient, type LaunchIo } from './launch.js';
import { prepareLaunch } from './launch-prepare.js';

const logsOptions = {
  task: { type: 'string', value: 'TASK_ID', help: 'with FILE: the task whose pod to read' },
  ...clusterOptions,
  container: { type: 'string', value: 'NAME', help: 'the container (default: base, else the first)' },
  'all-containers': { type: 'boolean', help: 'every container, each line prefixed with its name' },
  follow: { type: 'boolean', help: 'keep reading until the container terminates (resumed after drops)' },
  previous: { type: 'boolean', help: "the previous (restarted) instance's log" },
  timestamps: { type: 'boolean', help: "prefix each line with the kubelet's RFC3339 stamp" },
  since: { type: 'string', value: 'D', help: 'only lines newer than a duration: 30s, 5m, 2h' },
  tail: { type: 'string', value: 'N', help: 'only the last N lines' },
} as const;

type Values = OptionValues<typeof logsOptions>;

const usage = `Usage: kubetasks logs POD|FILE [options]

Prints a pod's logs. A followed log survives API server restarts and dropped streams without losing or repeating
a line.

${formatOptions(logsOptions)}`;

/** `--since 30s|5m|2h` as a whole-second sinceTime. */
function sinceTime(value: string | undefined, now: number): string | undefined | Error {
  if (value === undefined) return undefined;
  const m = /^(\d+)(s|m|h)$/.exec(value);
  if (!m) return new Error(`--since must be a duration like 30s, 5m or 2h (got "${value}")`);
  const seconds = Number(m[1]) * ({ s: 1, m: 60, h: 3600 } as const)[m[2] as 's' | 'm' | 'h'];
  return `${new Date(now - seconds * 1000).toISOString().slice(0, 19)}Z`;
}

async function findPodOfFile(file: string, values: Values, io: CliIo, client: KubeClient): Promise<KubeObject | string> {
  const prepared = await prepareLaunch({ file, taskId: values.task, flags: {}, now: new Date() }, io);
  if (!('body' in prepared)) return prepared.message ?? 'the file could not be read';
  const labels = ((prepared.body['metadata'] as { labels?: Record<string, string> } | undefined)?.labels) ?? {};
  const selector = ['dag_id', 'task_id', 'kubernetes_pod_operator'].map((k) => `${k}=${labels[k] ?? ''}`).join(',');
  const namespace = values.namespace ?? ((prepared.body['metadata'] as { namespace?: string }).namespace || client.namespace);
  const pods = (await client.list('Pod', { namespace, labelSelector: selector })).items;
  pods.sort((a, b) => String(b.metadata?.['creationTimestamp'] ?? '').localeCompare(String(a.metadata?.['creationTimestamp'] ?? '')));
  return pods[0] ?? `no pod of task "${prepared.task.taskId}" found in namespace ${namespace} (${selector})`;
}

function containersOf(pod: KubeObject, values: Values): string[] {
  const names = (((pod['spec'] as { containers?: { name: string }[] } | undefined)?.containers) ?? []).map((c) => c.name);
  if (values['all-containers']) return names;
  if (values.container) return [values.container];
  return [names.includes('base') ? 'base' : (names[0] ?? 'base')];
}

async function stream(client: KubeClient, pod: KubeObject, values: Values, io: LaunchIo, since: string | undefined): Promise<void> {
  const containers = containersOf(pod, values);
  const name = pod.metadata?.name ?? '';
  const tail = values.tail === undefined ? undefined : Number(values.tail);
  await Promise.all(containers.map(async (container) => {
    const opts = { namespace: pod.metadata?.namespace, follow: values.follow === true, previous: values.previous === true, timestamps: values.timestamps === true || values.follow === true,
      ...(since ? { sinceTime: since } : {}), ...(tail === undefined ? {} : { tailLines: tail }), ...(io.signal ? { signal: io.signal } : {}) };
    for await (const item of client.streamLogs(name, container, opts)) {
      if (item.type === 'reconnecting') io.stderr.write(`kubetasks logs: ${container}: ${item.error.message}; resuming in ${item.delayMs} ms\n`);
      else {
        const stamp = values.timestamps && item.timestamp ? `${item.timestamp} ` : '';
        io.stdout.write(`${containers.length > 1 ? `${container} | ` : ''}${stamp}${item.text}\n`);
      }
    }
  }));
}

async function run(args: string[], io: LaunchIo): Promise<number> {
  const parsed = parseCommandArgs(logsOptions, args);
  const bad = typeof parsed === 'string' ? parsed : parsed.positionals.length !== 1 ? 'give exactly one POD or FILE' : undefined;
  const since = typeof parsed === 'string' ? undefined : sinceTime(parsed.values.since, Date.now());
  const tailBad = typeof parsed !== 'string' && parsed.values.tail !== undefined && !/^\d+$/.test(parsed.values.tail);
  if (bad || since instanceof Error || tailBad || typeof parsed === 'string') {
    io.stderr.write(`kubetasks logs: ${bad ?? (since instanceof Error ? since.message : '--tail must be a whole number')}\n${usage}`);
    return ExitCode.usage;
  }
  const client = openClient(parsed.values, io, 'logs');
  if (!client) return 4;
  const target = parsed.positionals[0] ?? '';
  try {
    const isFile = existsSync(resolve(io.cwd ?? process.cwd(), target));
    const pod = isFile ? await findPodOfFile(target, parsed.values, io, client) : await client.get('Pod', target, { namespace: parsed.values.namespace ?? client.namespace });
    if (typeof pod === 'string') {
      io.stderr.write(`kubetasks logs: ${pod}\n`);
      return isFile ? 4 : ExitCode.usage;
    }
    await stream(client, pod, parsed.values, io, since);
    return ExitCode.ok;
  } catch (error) {
    if (isAborted(error)) return 130;
    io.stderr.write(`kubetasks logs: ${error instanceof Error ? error.message : String(error)}\n`);
    return 4;
  } finally {
    client.close();
  }
}

export const logsCommand: CliCommand = {
  name: 'logs',
  summary: "print a pod's (or a task's newest pod's) logs, following them across drops without loss",
  usage,
  run,
};
