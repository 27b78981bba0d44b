/**
 * One entry for every operator's run-time lifecycle (issues 12, 13): the CLI's `launch` and the editor's Launch call
 * `runTask`, which hands the prepared task to its operator's driver. Each driver is a thin I/O module over a pure
 * machine in src/tasks (STYLE.md, "Lifecycles") and ends with the one `LaunchOutcome` shape.
 */
import type { OperatorName, Plan } from '../operators/index.js';
import type { LaunchInput, LaunchOutcome } from '../tasks/index.js';
import type { KubeClient } from './cluster.js';
import { runJobLaunch } from './job-launch.js';
import { runLaunch, type LaunchRunOptions } from './launch.js';
import { runJobAdmin } from './job-admin-run.js';
import { runSpark } from './spark-run.js';

export interface TaskLaunchInput extends LaunchInput {
  operator: OperatorName;
  /** The task's keyword arguments after templating (what the operator's `execute` reads beyond the body). */
  params: Readonly<Record<string, unknown>>;
  /** Delete/Patch job: the API call `execute` makes (src/operators job-plans.ts). */
  plan?: Plan;
}

type Runner = (client: KubeClient, input: TaskLaunchInput, opts: LaunchRunOptions) => Promise<LaunchOutcome>;

/** The operators `launch` runs, each with its driver. */
const runners: Partial<Record<OperatorName, Runner>> = {
  KubernetesPodOperator: runLaunch,
  KubernetesJobOperator: runJobLaunch,
  KubernetesStartKueueJobOperator: runJobLaunch,
  KubernetesDeleteJobOperator: runJobAdmin,
  KubernetesPatchJobOperator: runJobAdmin,
  SparkKubernetesOperator: runSpark,
};

/** Why an operator is not launched here, or undefined when it is. */
export function notLaunchable(operator: OperatorName): string | undefined {
  if (runners[operator]) return undefined;
  if (operator === 'KubernetesInstallKueueOperator') return 'KubernetesInstallKueueOperator installs Kueue: use `kubetasks kueue install` (or the editor\'s Install Kueue), which shows the plan first';
  return `${operator} tasks cannot be launched yet`;
}

/** Runs the task's lifecycle to its end (or, with `follow: false`, until its object exists). */
export function runTask(client: KubeClient, input: TaskLaunchInput, opts: LaunchRunOptions = {}): Promise<LaunchOutcome> {
  const runner = runners[input.operator];
  if (!runner) return Promise.reject(new Error(notLaunchable(input.operator)));
  return runner(client, input, opts);
}
