/**
 * `kubetasks launch FILE`: creates exactly the pod Airflow would create for a KubernetesPodOperator task and follows
 * it with Airflow's rules (issue 12) through the driver in src/kube (launch.ts) and the machine in src/tasks. Text
 * mode: logs on stdout, progress on stderr, the XCom as compact JSON on the last stdout line. JSON mode: logs on
 * stderr, one object on stdout. Exit 0 success, 1 failed, 2 input error, 3 skipped, 4 cluster error, 130 cancelled.
 */
import path from 'node:path';
import { notLaunchable, openKubeClient, runTask, type KubeClient, type LogLine } from '../kube/index.js';
import { reconcileLogTargets, toExitStatus, type LaunchOutcome } from '../tasks/index.js';
import { formatOptions, parseCommandArgs, type OptionValues } from './args.js';
import { ExitCode, type CliCommand, type CliIo } from './io.js';
import { prepareLaunch, type PreparedLaunch } from './launch-prepare.js';
import { runOptions } from './run-flags.js';

/** A CLI run the editor or a test can cancel; the process entry cancels on SIGINT. */
export interface LaunchIo extends CliIo {
  signal?: AbortSignal;
}

export const clusterOptions = {
  kubeconfig: { type: 'string', value: 'FILE', help: 'the kubeconfig file (default: KUBECONFIG, else ~/.kube/config)' },
  context: { type: 'string', value: 'NAME', help: 'the kubeconfig context (default: its current-context)' },
  namespace: { type: 'string', value: 'NS', help: "override the task's namespace (as kubectl -n)" },
} as const;

const launchOptions = {
  task: { type: 'string', value: 'TASK_ID', help: 'the task to launch (required when the file has several)' },
  ...clusterOptions,
  ...runOptions,
  'run-id': { type: 'string', value: 'ID', help: "reattach to that run's pod if it still runs, else launch its next try" },
  'no-follow': { type: 'boolean', help: 'create the pod, print the run id and exit 0 (follow later with --run-id)' },
  output: { type: 'string', choices: ['text', 'json'], help: 'text (default): logs on stdout, XCom on the last line\n' +
    'json: logs on stderr, one {outcome, exitCode, reason, message, xcom, runId, namespace, objects} on stdout' },
} as const;

const usage = `Usage: kubetasks launch FILE [options]

Creates the pod a KubernetesPodOperator task would create and follows it as Airflow does (provider 10.25.0):
start and schedule timeouts, logs, XCom, outcome, on_finish_action. Ctrl-C deletes the pod as on_kill does.
A KubernetesJobOperator / KubernetesStartKueueJobOperator task creates its Job (Kueue: waits for admission) and
follows its pods (logs as "pod/container | line" when several), XComs, conditions; Ctrl-C deletes the Job.

${formatOptions(launchOptions)}
Exit codes: 0 success, 1 the task failed, 2 input error, 3 skipped, 4 the cluster refused or could not be reached,
130 cancelled.
`;

type Values = OptionValues<typeof launchOptions>;

function usageError(io: CliIo, message: string): number {
  io.stderr.write(`kubetasks launch: ${message}\n`);
  return ExitCode.usage;
}

/** Opens the client; a kubeconfig that cannot be used is a cluster error (exit 4). */
export function openClient(values: { kubeconfig?: string; context?: string }, io: CliIo, command: string): KubeClient | undefined {
  try {
    // relative to the CLI's working directory (`io.cwd`), as every other path argument
    const kubeconfigPath = values.kubeconfig ? path.resolve(io.cwd ?? process.cwd(), values.kubeconfig) : undefined;
    return openKubeClient({ ...(kubeconfigPath ? { kubeconfigPath } : {}), ...(values.context ? { context: values.context } : {}) });
  } catch (error) {
    io.stderr.write(`kubetasks ${command}: ${error instanceof Error ? error.message : String(error)}\n`);
    return undefined;
  }
}

/** The namespace the pod goes to: the task's own, `--namespace` over it (announced), else the context's. */
function placeNamespace(prepared: PreparedLaunch, values: Values, client: KubeClient, io: CliIo): string {
  if (prepared.plan) return planNamespace(prepared.plan.path, values, io);
  const metadata = (prepared.body['metadata'] ?? {}) as Record<string, unknown>;
  const own = typeof metadata['namespace'] === 'string' && metadata['namespace'] !== '' ? metadata['namespace'] : undefined;
  const namespace = values.namespace ?? own ?? client.namespace;
  if (values.namespace !== undefined && own !== undefined && own !== values.namespace) io.stderr.write(`kubetasks launch: --namespace ${values.namespace} overrides the task's namespace ${own}\n`);
  prepared.body['metadata'] = { ...metadata, namespace };
  return namespace;
}

/** Delete/Patch job act on the Job the task names (`namespace`, `job_name`): `--namespace` cannot move it. */
function planNamespace(apiPath: string, values: Values, io: CliIo): string {
  const own = decodeURIComponent(/\/namespaces\/([^/]+)\//.exec(apiPath)?.[1] ?? '');
  if (values.namespace !== undefined && values.namespace !== own) io.stderr.write(`kubetasks launch: --namespace ${values.namespace} is ignored: the task acts on its Job in namespace ${own}\n`);
  return own;
}

/**
 * Whether `execute`'s return value is an XCom: the pod operators' `do_xcom_push` defaults to False; the operators
 * that only act (Delete/Patch job) keep BaseOperator's default, True (Patch returns the patched Job; Delete returns None, which is not printed).
 */
function pushesXcom(prepared: PreparedLaunch, outcome: LaunchOutcome): boolean {
  return prepared.plan ? prepared.task.params['do_xcom_push'] !== false && outcome.xcom !== null : prepared.options.doXcomPush;
}

const jobOperators: readonly string[] = ['KubernetesJobOperator', 'KubernetesStartKueueJobOperator'];

/**
 * A Job's log lines arrive as `<pod>/<container>`: prefixed when several pods are expected (parallelism or completions
 * above 1) or seen (a retry), or several containers are followed.
 */
function jobLogWriter(prepared: PreparedLaunch, out: CliIo['stdout']): (key: string, line: LogLine) => void {
  const spec = ((prepared.body['spec'] ?? {}) as Record<string, unknown>);
  const o = prepared.options;
  const template = ((spec['template'] ?? {}) as Record<string, unknown>);
  const targets = reconcileLogTargets(template, o.getLogs ? o.containerLogs : [], o.initContainerLogs).targets;
  const several = Number(spec['parallelism'] ?? 1) > 1 || Number(spec['completions'] ?? 1) > 1 || targets.length > 1;
  const pods = new Set<string>();
  return (key, line) => {
    pods.add(key.split('/')[0] ?? '');
    out.write(several || pods.size > 1 ? `${key} | ${line.text}\n` : `${line.text}\n`);
  };
}

/** Log lines: prefixed with the container when several are followed (text: stdout; json: stderr). */
function logWriter(prepared: PreparedLaunch, io: CliIo, json: boolean): (container: string, line: LogLine) => void {
  const out = json ? io.stderr : io.stdout;
  if (jobOperators.includes(prepared.operator)) return jobLogWriter(prepared, out);
  if (prepared.operator !== 'KubernetesPodOperator') return (container, line) => out.write(`${container} | ${line.text}\n`);
  const o = prepared.options;
  const targets = reconcileLogTargets(prepared.body, o.getLogs ? o.containerLogs : [], o.initContainerLogs).targets;
  return (container, line) => out.write(targets.length > 1 ? `${container} | ${line.text}\n` : `${line.text}\n`);
}

function report(outcome: LaunchOutcome, prepared: PreparedLaunch, io: CliIo, json: boolean, follow: boolean): void {
  if (json) {
    const { outcome: kind, exitCode, reason, message, xcom, runId, namespace, objects } = outcome;
    io.stdout.write(`${JSON.stringify({ outcome: kind, exitCode, reason, message, xcom, runId, namespace, objects })}\n`);
    return;
  }
  const code = outcome.exitCode === null ? '' : ` (exit code ${outcome.exitCode}${outcome.reason ? `, ${outcome.reason}` : ''})`;
  io.stderr.write(`kubetasks launch: ${outcome.outcome}${code}${outcome.message ? `: ${outcome.message}` : ''}\n`);
  for (const o of outcome.objects) io.stderr.write(`kubetasks launch: ${o.kind.toLowerCase()} ${o.namespace}/${o.name} ${o.state}\n`);
  if (!follow) io.stdout.write(`${outcome.runId}\n`);
  else if (pushesXcom(prepared, outcome) && outcome.outcome === 'success') io.stdout.write(`${JSON.stringify(outcome.xcom)}\n`);
}

/** Cancels on the caller's signal, and on Ctrl-C when run as the process. */
function cancelSignal(io: LaunchIo): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  const forward = (): void => controller.abort();
  if (io.signal?.aborted) controller.abort();
  io.signal?.addEventListener('abort', forward, { once: true });
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, release: () => { process.off('SIGINT', onSigint); io.signal?.removeEventListener('abort', forward); } };
}

async function launch(prepared: PreparedLaunch, values: Values, io: LaunchIo, client: KubeClient): Promise<number> {
  const json = values.output === 'json';
  const follow = values['no-follow'] !== true;
  const namespace = placeNamespace(prepared, values, client, io);
  const context = prepared.task.context ?? { dag_id: '', run_id: '', try_number: 1, map_index: -1 };
  io.stderr.write(`kubetasks launch: run id ${context.run_id} (dag_id ${context.dag_id}, task_id ${prepared.task.taskId}, namespace ${namespace})\n`);
  const cancel = cancelSignal(io);
  try {
    const outcome = await runTask(client, {
      operator: prepared.operator, params: prepared.task.params, ...(prepared.plan ? { plan: prepared.plan } : {}),
      body: prepared.body, taskId: prepared.task.taskId, context, options: prepared.options, clock: () => Date.now(),
      existingRun: values['run-id'] !== undefined, follow,
    }, {
      signal: cancel.signal,
      onLog: logWriter(prepared, io, json),
      onProgress: (level, text) => io.stderr.write(`[${level}] ${text}\n`),
      onPod: (ns, name) => io.stderr.write(`kubetasks launch: pod ${ns}/${name}\n`),
      onObject: (kind, ns, name) => { if (kind !== 'Pod') io.stderr.write(`kubetasks launch: ${kind.toLowerCase()} ${ns}/${name}\n`); },
      onState: (text) => io.stderr.write(`[state] ${text}\n`),
    });
    report(outcome, prepared, io, json, follow);
    return toExitStatus(outcome);
  } finally {
    cancel.release();
  }
}

async function run(args: string[], io: LaunchIo): Promise<number> {
  const parsed = parseCommandArgs(launchOptions, args);
  if (typeof parsed === 'string') return usageError(io, `${parsed}\n${usage}`);
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usageError(io, positionals.length === 0 ? 'no FILE given' : `give exactly one FILE (got ${positionals.join(', ')})`);
  const prepared = await prepareLaunch({ file: positionals[0] ?? '', taskId: values.task, flags: values, now: new Date() }, io);
  if (!('body' in prepared)) return prepared.message === undefined ? ExitCode.usage : usageError(io, prepared.message);
  const refused = notLaunchable(prepared.operator);
  if (refused) return usageError(io, refused);
  const client = openClient(values, io, 'launch');
  if (!client) return 4;
  try {
    return await launch(prepared, values, io, client);
  } finally {
    client.close();
  }
}

export const launchCommand: CliCommand = {
  name: 'launch',
  summary: 'create the pod (or Job) of a task and follow it as Airflow does (logs, XCom, outcome)',
  usage,
  run,
};
