/**
 * Runs one operator the way the conformance judge does: construct it from Python kwargs, then either
 * `execute(context)` up to its first API call (`api`) or `dry_run()` (`airflow`).
 */
import { pruneDict, toApiBody, toPythonDict } from './k8s-model.js';
import { initBaseOperator } from './base-operator-init.js';
import { setName } from './naming.js';
import { withPath } from './operator-error.js';
import { checkJobExecute, buildJobRequest, initJobOperator, initKueueJobOperator } from './job-operator.js';
import { deleteJobPlan, installKueuePlan, patchJobPlan, type Plan } from './job-plans.js';
import type { OperatorName } from './parameters/operator-params.js';
import { initPodOperator, type PodOperatorState } from './pod-operator-init.js';
import { buildPodRequest, type BuildEnvironment } from './pod-operator.js';
import type { PyValue } from './py-value.js';
import { dumpPyYaml } from './pyyaml-dump.js';
import { renderSparkApi, renderSparkDryRun, sparkInputs } from './render-spark.js';

export type RenderFormat = 'api' | 'airflow';

export interface OperatorRun {
  operator: OperatorName;
  taskId: string;
  kwargs: Record<string, PyValue>;
  env: BuildEnvironment;
}

/** The API body (or plan) `execute` would send; JSON-ready data. */
export type ApiOutput = { kind: 'object'; body: unknown } | { kind: 'plan'; plan: Plan };

function podState(run: OperatorRun): PodOperatorState {
  const state = initPodOperator(run.taskId, run.kwargs);
  if (run.operator === 'KubernetesPodOperator') return state;
  initJobOperator(state, run.kwargs);
  if (run.operator === 'KubernetesStartKueueJobOperator') initKueueJobOperator(state, (message) => run.env.warn(message, ['suspend'], 'info'));
  return state;
}

function planOf(run: OperatorRun): Plan | undefined {
  if (run.operator === 'KubernetesDeleteJobOperator') return deleteJobPlan(run.kwargs);
  if (run.operator === 'KubernetesPatchJobOperator') return patchJobPlan(run.kwargs);
  if (run.operator === 'KubernetesInstallKueueOperator') return installKueuePlan(run.kwargs);
  return undefined;
}

/** Operators whose `__init__` only stores its arguments after `BaseOperator.__init__`. */
const storeOnly: readonly OperatorName[] = ['KubernetesDeleteJobOperator', 'KubernetesPatchJobOperator', 'KubernetesInstallKueueOperator'];

/**
 * The constructor alone (what parsing the DAG file runs): `BaseOperator.__init__`, then the operator's own. Throws
 * the OperatorError Airflow would raise; `execute` and `dry_run` checks are not made.
 */
export function constructOperator(run: OperatorRun): void {
  initBaseOperator(run.taskId, run.kwargs);
  if (storeOnly.includes(run.operator)) return;
  if (run.operator === 'SparkKubernetesOperator') sparkInputs(run);
  else podState(run);
}

export function renderApi(run: OperatorRun): ApiOutput {
  initBaseOperator(run.taskId, run.kwargs);
  const plan = planOf(run);
  if (plan) return { kind: 'plan', plan: { ...plan, body: toApiBody(plan.body) as PyValue } };
  if (run.operator === 'SparkKubernetesOperator') return { kind: 'object', body: renderSparkApi(run) };
  const state = podState(run);
  state.attrs.name = withPath(['name'], () => setName(state.attrs.name ?? null));
  if (run.operator === 'KubernetesPodOperator') return { kind: 'object', body: toApiBody(buildPodRequest(state, run.env)) };
  checkJobExecute(state, (message, param) => run.env.warn(message, [param]));
  return { kind: 'object', body: toApiBody(buildJobRequest(state, run.env)) };
}

/** What `dry_run()` prints (with print's extra newline); plans, which have none, print as YAML. */
export function renderDryRun(run: OperatorRun): string {
  initBaseOperator(run.taskId, run.kwargs);
  const plan = planOf(run);
  if (plan) return `${dumpPyYaml(toApiBody(plan as unknown as PyValue))}\n`;
  if (run.operator === 'SparkKubernetesOperator') return `${dumpPyYaml(renderSparkDryRun(run))}\n`;
  const pod = buildPodRequest(podState(run), { ...run.env, context: undefined, dryRun: true });
  return `${dumpPyYaml(pruneDict(toPythonDict(pod)))}\n`;
}
