/**
 * `kubetasks kueue install (--manifest-url URL | --version V) [--yes]` (issue 13): what
 * `KubernetesInstallKueueOperator` does, shown first. The manifest is fetched here at the edge (src/edge
 * `fetchManifest`), parsed into a plan (src/operators `planManifest`) and printed; with `--yes` every object is
 * created through src/kube (`installManifest`: AlreadyExists tolerated, CRDs Established, Deployments Available).
 * The editor's Install Kueue uses the same three functions.
 */
import { formatProblem } from '../common/index.js';
import { FetchManifestError, fetchManifest, kueueManifestUrl } from '../edge/index.js';
import { installManifest, isAborted, KubeError } from '../kube/index.js';
import { formatPlanLine, planManifest, type ManifestPlan } from '../operators/index.js';
import { formatOptions, parseCommandArgs, type OptionValues } from './args.js';
import { ExitCode, type CliCommand, type CliIo } from './io.js';
import { clusterOptions, openClient } from './launch.js';

const installOptions = {
  'manifest-url': { type: 'string', value: 'URL', help: 'the release manifest to install (http:// or https://)' },
  version: { type: 'string', value: 'V', help: "a Kueue release (v0.19.2): its GitHub manifest, as KubernetesInstallKueueOperator's kueue_version" },
  yes: { type: 'boolean', help: 'create the objects (without it, only the plan is printed)' },
  timeout: { type: 'string', value: 'SECONDS', help: 'how long the controller Deployment may take to become Available (default 300)' },
  kubeconfig: clusterOptions.kubeconfig,
  context: clusterOptions.context,
} as const;

const usage = `Usage: kubetasks kueue install (--manifest-url URL | --version V) [options]

Fetches a Kueue release manifest and prints the plan: every object it holds, in the order it is created. With
--yes, creates them on the cluster (objects that already exist are left as they are, as
KubernetesInstallKueueOperator does), then waits for the controller Deployment to be Available.
A real release is downloaded from github.com: it needs network access to GitHub.

${formatOptions(installOptions)}
Exit codes: 0 planned or installed, 1 the Deployment did not become Available in time, 2 usage error or a manifest
that cannot be read as Kubernetes objects, 4 the manifest URL or the cluster could not be reached or refused.
`;

type Values = OptionValues<typeof installOptions>;

function usageError(io: CliIo, message: string): number {
  io.stderr.write(`kubetasks kueue: ${message}\n`);
  return ExitCode.usage;
}

function manifestUrl(values: Values): string | undefined {
  if (values['manifest-url'] !== undefined) return values['manifest-url'];
  return values.version === undefined ? undefined : kueueManifestUrl(values.version);
}

async function loadPlan(url: string, io: CliIo): Promise<ManifestPlan | number> {
  let text: string;
  try {
    text = await fetchManifest(url);
  } catch (error) {
    if (!(error instanceof FetchManifestError)) throw error;
    io.stderr.write(`kubetasks kueue: ${error.message}\n`);
    return 4;
  }
  const plan = planManifest(text);
  if (plan.ok) return plan.value;
  for (const problem of plan.problems) io.stderr.write(`${formatProblem(url, problem)}\n`);
  return ExitCode.usage;
}

async function apply(plan: ManifestPlan, values: Values, io: CliIo, timeoutMs: number): Promise<number> {
  const client = openClient(values, io, 'kueue install');
  if (!client) return 4;
  try {
    const result = await installManifest(client, plan, {
      timeoutMs,
      onObject: (object, outcome) => io.stdout.write(`${outcome === 'created' ? 'created' : 'exists '} ${formatPlanLine(object)}\n`),
      onProgress: (text) => io.stderr.write(`kubetasks kueue: ${text}\n`),
    });
    io.stderr.write(`kubetasks kueue: installed on context ${client.contextName}: ${result.created} created, ${result.existing} already there` +
      `${result.available.length > 0 ? `; Available: ${result.available.join(', ')}` : ''}\n`);
    return ExitCode.ok;
  } catch (error) {
    if (isAborted(error)) return 130;
    if (!(error instanceof KubeError)) throw error;
    io.stderr.write(`kubetasks kueue: ${error.message}\n`);
    return error.reason === 'Timeout' ? ExitCode.findings : 4;
  } finally {
    client.close();
  }
}

async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'install') return usageError(io, `${sub === undefined ? 'no subcommand given' : `unknown subcommand "${sub}"`} (kueue install)\n${usage}`);
  const parsed = parseCommandArgs(installOptions, rest);
  if (typeof parsed === 'string') return usageError(io, `${parsed}\n${usage}`);
  const { values, positionals } = parsed;
  if (positionals.length > 0) return usageError(io, `unexpected argument ${positionals.join(' ')}`);
  if (values['manifest-url'] !== undefined && values.version !== undefined) return usageError(io, 'give --manifest-url or --version, not both');
  const url = manifestUrl(values);
  if (url === undefined) return usageError(io, 'give --manifest-url URL or --version V');
  const seconds = values.timeout === undefined ? 300 : Number(values.timeout);
  if (!Number.isInteger(seconds) || seconds <= 0) return usageError(io, `--timeout must be a positive number of seconds (got "${values.timeout ?? ''}")`);
  const plan = await loadPlan(url, io);
  if (typeof plan === 'number') return plan;
  io.stdout.write(`plan: ${plan.objects.length} objects from ${url}\n${plan.objects.map((o) => `  create ${formatPlanLine(o)}\n`).join('')}`);
  if (values.yes !== true) {
    io.stderr.write('kubetasks kueue: nothing created; run again with --yes to create these objects\n');
    return ExitCode.ok;
  }
  return apply(plan, values, io, seconds * 1000);
}

export const kueueCommand: CliCommand = {
  name: 'kueue',
  summary: 'install Kueue from a release manifest (kueue install): the plan first, then --yes to create it',
  usage,
  run,
};
