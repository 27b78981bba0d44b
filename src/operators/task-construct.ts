/**
 * Validation as strict as Airflow's constructors (issue 9): every value an operator's `__init__` (BaseOperator's
 * included) refuses is a located problem without rendering, e.g. `on_finish_action: delete_everything` ("ValueError:
 * 'delete_everything' is not a valid OnFinishAction"), which Airflow raises when it parses the DAG file.
 */
import type { Problem } from '../common/index.js';
import { seededRandom } from './naming.js';
import { OperatorError } from './operator-error.js';
import type { BuildEnvironment } from './pod-operator.js';
import { toPythonKwargs } from './python-kwargs.js';
import { constructOperator } from './render-operator.js';
import { locate, type TaskSpec } from './task.js';
import { checkTaskParams, checkTaskTypes } from './task-values.js';

/** Construction reads no file, draws no name and logs nothing: only its checks matter here. */
const constructionEnv: BuildEnvironment = {
  dryRun: true,
  random: seededRandom(1),
  workerInCluster: true,
  airflowVersion: '',
  readFile: () => undefined,
  warn: () => undefined,
};

/** The OperatorError constructing `task` raises, or undefined when Airflow would construct it. */
function constructionError(task: TaskSpec): OperatorError | undefined {
  try {
    const kwargs = toPythonKwargs(task.operator, task.params);
    constructOperator({ operator: task.operator, taskId: task.taskId, kwargs, env: constructionEnv });
    return undefined;
  } catch (error) {
    if (error instanceof OperatorError) return error;
    throw error;
  }
}

function toProblem(task: TaskSpec, error: OperatorError): Problem {
  const range = error.path.length > 0 ? locate(task, error.path) : (task.ranges.operator ?? task.ranges['']);
  const message = `${error.exception}: ${error.message.replace(/\s*\n\s*/g, ' ').trim()} (raised when Airflow constructs ` +
    `${task.operator}, i.e. when it parses the DAG)`;
  return { severity: 'error', code: 'KT3017', message, ...(range ? { start: range.start, end: range.end } : {}) };
}

/** The task without the argument an error blames, so the next check can speak; undefined when nothing is left to drop. */
function without(task: TaskSpec, error: OperatorError): TaskSpec | undefined {
  const [param] = error.path;
  // A valid stand-in that stays recognisable in later messages ("pool slots for a_b …").
  if (param === 'task_id') return { ...task, taskId: [...task.taskId.replace(/[^\p{L}\p{N}_.-]/gu, '_')].slice(0, 250).join('') || 'task' };
  if (typeof param !== 'string' || !Object.hasOwn(task.params, param)) return undefined;
  const { [param]: _dropped, ...params } = task.params;
  return { ...task, params };
}

/**
 * Airflow's exceptions for constructing `task`'s operator, each located at the offending key (code KT3017). Python
 * stops at the first; dropping the blamed argument and constructing again finds the others too. Unknown, missing and
 * wrongly typed arguments are left to the parameter checks and schemas that report them.
 */
export function checkTaskConstruction(task: TaskSpec): Problem[] {
  if (checkTaskParams(task).length > 0 || checkTaskTypes(task).length > 0) return [];
  const problems: Problem[] = [];
  let current: TaskSpec | undefined = task;
  for (let round = 0; current && round < 20; round++) {
    const error = constructionError(current);
    if (!error) break;
    problems.push(toProblem(task, error));
    current = without(current, error);
  }
  return problems;
}
