/**
 * `kubetasks check` and the editor's Check Against Cluster (issue 13): a server-side dry run (`dryRun=All`,
 * `fieldValidation=Strict`) of the object a task would create — admission (Pod Security, ResourceQuota, LimitRange,
 * Priority, ServiceAccount, webhooks such as Kueue's), CRD schemas, a missing namespace — with each refusal located
 * at the task parameter or template line the refused field came from (the provenance map, src/operators).
 * Delete/Patch job tasks create nothing: their Job must exist, and a patch is sent as a dry run on it. Install Kueue
 * is checked by `kubetasks kueue install`.
 */
import type { Problem } from '../common/index.js';
import {
  buildProvenance, locateFindings, toCheckFindings, withoutFields, type CheckFinding, type OperatorName, type Plan, type ServerRefusal, type TaskSpec,
} from '../operators/index.js';
import { patchHint, patchTypeOf } from '../tasks/index.js';
import type { KubeClient } from './cluster.js';
import { KubeError } from './errors.js';
import type { KubeObject } from './objects.js';

/** What the task would send; a `PreparedLaunch` (src/edge `prepareTaskLaunch`) has this shape. */
export interface CheckTaskInput {
  task: TaskSpec;
  operator: OperatorName;
  /** The object `execute` creates, in API form (`{}` for a plan). */
  body: Record<string, unknown>;
  /** Delete/Patch job, Install Kueue: the call `execute` makes instead. */
  plan?: Plan;
}

export interface CheckTaskOptions {
  /** Template files named by the task, as the renderer read them (the editor passes its open documents first). */
  readFile: (name: string) => string | undefined;
  /** How a template file is named in problems (`Problem.file`); default: as written in the task. */
  templatePath?: (name: string) => string;
  /** Overrides the task's namespace, as `launch --namespace` does; else the task's, else the context's. */
  namespace?: string;
  signal?: AbortSignal;
}

/** Dry runs per task: each round drops the unknown fields the previous one named. */
const maxRounds = 4;

/** Answers that are the server's verdict on the object; anything else (unreachable, unauthorized) is thrown. */
const verdicts = new Set(['Invalid', 'Forbidden', 'NotFound', 'AlreadyExists', 'Conflict']);

/** The Status message as the server wrote it (KubeError keeps the Status body as its cause). */
function statusMessage(error: KubeError): string {
  const message = (error.cause as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message !== '' ? message : error.message;
}

function toRefusal(error: KubeError, causes = error.causes): ServerRefusal {
  return { reason: error.reason, message: statusMessage(error), causes };
}

/** The namespace the object goes to, placed as `launch` places it. */
function placed(body: Record<string, unknown>, override: string | undefined, fallback: string): KubeObject {
  const metadata = (body['metadata'] ?? {}) as Record<string, unknown>;
  const own = typeof metadata['namespace'] === 'string' && metadata['namespace'] !== '' ? metadata['namespace'] : undefined;
  return { ...body, metadata: { ...metadata, namespace: override ?? own ?? fallback } } as KubeObject;
}

async function dryRun(client: KubeClient, object: KubeObject, signal: AbortSignal | undefined): Promise<ServerRefusal | undefined> {
  try {
    const result = await client.serverDryRun(object, signal ? { signal } : {});
    return result.ok ? undefined : toRefusal(result.error, result.causes);
  } catch (error) {
    if (error instanceof KubeError && verdicts.has(error.reason)) return toRefusal(error);
    throw error;
  }
}

function at(task: TaskSpec, param: string): Pick<Problem, 'start' | 'end'> {
  const range = task.ranges[param] ?? task.ranges['operator'] ?? task.ranges[''];
  return range ? { start: range.start, end: range.end } : {};
}

const jobKind = { apiVersion: 'batch/v1', kind: 'Job' } as const;

/** The Job a Delete/Patch job plan acts on (`…/namespaces/N/jobs/J`, as `quotePathParam` wrote it). */
function planTarget(plan: Plan, override: string | undefined): { namespace: string; name: string } | undefined {
  const [, namespace, name] = /\/namespaces\/([^/]+)\/jobs\/([^/]+)$/.exec(plan.path) ?? [];
  if (namespace === undefined || name === undefined) return undefined;
  return { namespace: override ?? decodeURIComponent(namespace), name: decodeURIComponent(name) };
}

/**
 * The refusal of a Delete/Patch job call as a located Problem. A refused patch body (400, 415, 422) carries the hint
 * the launch gives (`patchHint`: the content type Airflow's client picks for that body, docs/FIDELITY.md).
 */
function planProblem(task: TaskSpec, plan: Plan, target: { namespace: string; name: string }, error: KubeError): Problem {
  const would = `the ${plan.action} would fail`;
  const server = statusMessage(error);
  if (error.reason === 'NotFound') {
    return { severity: 'error', code: 'KT5013', message: `${would}: job ${target.name} not found in namespace ${target.namespace} (${server})`, ...at(task, 'name') };
  }
  if (/admission webhook "[^"]*" denied the request/.test(server)) {
    return { severity: 'error', code: 'KT5009', message: `${would}: ${server}`, ...at(task, plan.action === 'patch' ? 'body' : 'name') };
  }
  if (plan.action === 'patch' && [400, 415, 422].includes(error.status ?? 0)) {
    return { severity: 'error', code: 'KT5015', message: `${would}: the server refuses the patch of job ${target.name}: ${server} ${patchHint(plan.body)}`, ...at(task, 'body') };
  }
  return { severity: 'error', code: error.reason === 'Forbidden' ? 'KT5011' : 'KT5099', message: `${would}: ${server}`, ...at(task, 'name') };
}

/**
 * Delete job reads its Job first (`read_namespaced_job`), so the check reads it; Patch job's PATCH is sent as a dry
 * run (`dryRun=All`) with the content type Airflow's client picks (`patchTypeOf`), so the server judges the body on
 * the real Job. Install Kueue is `kubetasks kueue install`'s to check.
 */
async function checkPlan(client: KubeClient, input: CheckTaskInput, plan: Plan, opts: CheckTaskOptions): Promise<Problem[]> {
  if (plan.action === 'install') {
    return [{ severity: 'info', code: 'KT5014', message: `nothing to dry-run: this task installs Kueue from ${plan.path}; \`kubetasks kueue install --manifest-url URL\` shows the plan and applies it`, ...at(input.task, 'operator') }];
  }
  const target = planTarget(plan, opts.namespace);
  if (!target) return [];
  const call = { namespace: target.namespace, ...(opts.signal ? { signal: opts.signal } : {}) };
  try {
    if (plan.action === 'patch') await client.patch(jobKind, target.name, plan.body, { ...call, type: patchTypeOf(plan.body), dryRun: true });
    else await client.get(jobKind, target.name, call);
    return [];
  } catch (error) {
    if (!(error instanceof KubeError) || !verdicts.has(error.reason)) throw error;
    return [planProblem(input.task, plan, target, error)];
  }
}

/**
 * The pod the Job controller would create from the Job's template (`generateName: <job>-`, the template's labels and
 * spec); undefined for other kinds.
 */
function podOfJob(job: KubeObject): KubeObject | undefined {
  if (job.kind !== 'Job' || job.apiVersion !== 'batch/v1') return undefined;
  const template = (job['spec'] as { template?: { metadata?: Record<string, unknown>; spec?: unknown } } | undefined)?.template;
  if (!template?.spec) return undefined;
  const metadata: Record<string, unknown> = { ...template.metadata, generateName: `${job.metadata?.name ?? 'job'}-`, namespace: job.metadata?.namespace };
  delete metadata['name'];
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: template.spec } as KubeObject;
}

/** A finding on the pod as a finding on the Job's template (`spec.x` → `spec.template.spec.x`). */
function inTemplate(finding: CheckFinding): CheckFinding {
  const [head, ...rest] = finding.path ?? [];
  if (head === 'spec') return { ...finding, path: ['spec', 'template', 'spec', ...rest] };
  if (head === 'metadata') return { ...finding, path: ['spec', 'template', 'metadata', ...rest] };
  return finding;
}

/**
 * LimitRange, Pod Security (enforce), Priority and ServiceAccount admission judge pods, not Jobs: the server accepts
 * a Job whose pods the Job controller will then fail to create. So an accepted Job's pod is dry-run too.
 */
async function checkJobPods(client: KubeClient, job: KubeObject, signal: AbortSignal | undefined): Promise<CheckFinding[]> {
  const pod = podOfJob(job);
  const refusal = pod && await dryRun(client, pod, signal);
  if (!pod || !refusal) return [];
  return toCheckFindings(refusal, pod, "the server would refuse the Job's pods").map(inTemplate);
}

/**
 * Dry-runs everything the task would create against the client's cluster and returns the refusals as Problems
 * located in the task file (`file` unset) or in a template file (`file` set). Throws the KubeError when the
 * cluster cannot answer (Unreachable, Timeout, Unauthorized, …) or when `signal` aborts.
 */
export async function checkTask(client: KubeClient, input: CheckTaskInput, opts: CheckTaskOptions): Promise<Problem[]> {
  if (input.plan) return checkPlan(client, input, input.plan, opts);
  let object = placed(input.body, opts.namespace, client.namespace);
  const findings: CheckFinding[] = [];
  // Strict decoding stops at unknown fields before validation: drop them and ask again, so the schema and
  // admission verdicts on the rest are found too (a few rounds at most: each drops every field it named).
  for (let round = 0; round < maxRounds; round++) {
    const refusal = await dryRun(client, object, opts.signal);
    if (!refusal) {
      findings.push(...await checkJobPods(client, object, opts.signal));
      break;
    }
    const found = toCheckFindings(refusal, object);
    findings.push(...found);
    const unknown = found.flatMap((f) => (f.code === 'KT5002' && f.path ? [f.path] : []));
    if (unknown.length === 0 || unknown.length < found.length) break;
    object = withoutFields(object, unknown) as KubeObject;
  }
  if (findings.length === 0) return [];
  const provenance = buildProvenance(input.task, input.body, { readFile: opts.readFile, ...(opts.templatePath ? { templatePath: opts.templatePath } : {}) });
  return locateFindings(findings, provenance);
}
