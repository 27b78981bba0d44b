/**
 * A DAG scan as the renderer's task list, with the one severity policy both edges use (the CLI's `render`/`list`
 * and the editor's Dry Run): Python import errors fail the file, as they fail Airflow's DagBag; a call that cannot
 * become a task (its task_id cannot be evaluated) is skipped with a warning; arguments that cannot be evaluated are
 * warnings at the argument.
 */
import { fail, ok, type Problem, type Result } from '../common/index.js';
import type { TaskFile, TaskSpec } from '../operators/index.js';
import type { DagScan } from './scan-dag.js';
import { findRenderableTasks, toTaskSpec } from './to-task-spec.js';

export function toDagTaskFile(scan: DagScan, file: string): Result<TaskFile> {
  const errors = scan.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) return fail(...errors);
  const tasks: TaskSpec[] = [];
  const warnings: Problem[] = [...scan.problems];
  for (const task of findRenderableTasks(scan)) {
    const converted = toTaskSpec(task, file);
    if (converted.ok) {
      tasks.push(converted.value.spec);
      warnings.push(...converted.value.notes);
    } else {
      warnings.push(...converted.problems.map((p) => ({ ...p, severity: 'warning' as const })));
    }
  }
  return ok({ tasks, warnings });
}
