/**
 * `airflow.sdk.bases.operator.BaseOperator.__init__` (Task SDK of Airflow 3.3): the value checks every operator's
 * constructor makes before its own code runs, so a DAG with such a value fails to parse.
 */
import { OperatorError } from './operator-error.js';
import { pythonRepr, pythonStr, type PyValue } from './py-value.js';

/** `airflow.task.trigger_rule.TriggerRule`, in definition order (the error message lists them so). */
const triggerRules = [
  'all_success', 'all_failed', 'all_done', 'all_done_min_one_success', 'all_done_setup_success', 'one_success',
  'one_failed', 'one_done', 'none_failed', 'none_skipped', 'always', 'none_failed_min_one_success', 'all_skipped',
];

/** `validate_key` (`airflow.sdk.definitions._internal.node`): task ids are at most 250 characters of [\w.-]. */
function validateTaskId(taskId: string): void {
  const length = [...taskId].length;
  if (length > 250) throw new OperatorError('ValueError', `The key has to be less than 250 characters, not ${length}`, ['task_id']);
  // Python's `\w` is Unicode-aware: letters, digits (incl. other numerals) and the underscore.
  if (!/^[\p{L}\p{N}_.-]+$/u.test(taskId)) {
    throw new OperatorError('ValueError', `The key ${pythonRepr(taskId)} has to be made of alphanumeric characters, dashes, ` +
      'dots, and underscores exclusively', ['task_id']);
  }
}

/** The checks, in `__init__` order: the task id, `pool_slots >= 1`, a known `trigger_rule`. */
export function initBaseOperator(taskId: string, kwargs: Readonly<Record<string, PyValue>>): void {
  validateTaskId(taskId);
  const poolSlots = kwargs.pool_slots ?? 1;
  if (typeof poolSlots === 'number' && poolSlots < 1) {
    throw new OperatorError('ValueError', `pool slots for ${taskId} cannot be less than 1`, ['pool_slots']);
  }
  const rule = kwargs.trigger_rule ?? 'all_success';
  if (typeof rule !== 'string' || !triggerRules.includes(rule)) {
    // No DAG is attached at construction, hence the empty dag id before the dot.
    throw new OperatorError('ValueError', `The trigger_rule must be one of ${pythonRepr(triggerRules)},'.${taskId}'; ` +
      `received '${pythonStr(rule)}'.`, ['trigger_rule']);
  }
}
