/**
 * The objects in the context: `dag_run` (Airflow 2 `DagRun` ORM row / Airflow 3 Task SDK `DagRun` model), `ti` and
 * `task_instance` (TaskInstance / RuntimeTaskInstance), `dag` and `task`. Only the attributes a template can read
 * without a database are modelled; reading any other is Unsupported (`unmodelled: 'all'`).
 */
import type { PyDateTime } from './py-datetime.js';
import { PyObject } from './py-value.js';
import type { RunValues } from './context.js';

const closed = { unmodelled: 'all' } as const;

interface RunFacts {
  logical: PyDateTime | null;
  now: PyDateTime;
  runId: string;
  conf: Record<string, unknown>;
}

function dagRun(values: RunValues, facts: RunFacts): PyObject {
  const common = {
    dag_id: values.dagId,
    run_id: facts.runId,
    conf: facts.conf,
    logical_date: facts.logical,
    data_interval_start: facts.logical,
    data_interval_end: facts.logical,
  };
  if (values.airflowMajor === 2) {
    // Its str() holds queued_at and state, which only the scheduler knows: not modelled.
    return new PyObject('airflow.models.dagrun.DagRun', { ...common, execution_date: facts.logical, run_type: 'manual', external_trigger: true }, closed);
  }
  // The Task SDK's DagRunType is a str enum whose str() is "DagRunType.MANUAL" (Airflow 2's prints "manual").
  const runType = new PyObject('airflow.sdk.api.datamodels._generated.DagRunType', { value: 'manual', name: 'MANUAL' }, { equalTo: 'manual', str: () => 'DagRunType.MANUAL' });
  return new PyObject('airflow.sdk.api.datamodels._generated.DagRun', { ...common, run_after: facts.logical ?? facts.now, run_type: runType, partition_key: null }, closed);
}

/** Builds `dag_run`, `ti`/`task_instance`, `dag` and `task` for the run. */
export function buildObjects(values: RunValues, facts: RunFacts): Record<string, unknown> {
  const dag = new PyObject(values.airflowMajor === 2 ? 'airflow.models.dag.DAG' : 'airflow.sdk.definitions.dag.DAG', { dag_id: values.dagId }, {
    ...closed,
    str: () => `<DAG: ${values.dagId}>`,
  });
  const task = new PyObject(values.operator, {
    task_id: values.taskId,
    dag_id: values.dagId,
    dag,
    owner: values.owner ?? 'airflow',
    task_type: values.operator.slice(values.operator.lastIndexOf('.') + 1),
  }, { ...closed, str: () => `<Task(${values.operator.slice(values.operator.lastIndexOf('.') + 1)}): ${values.taskId}>` });
  const ti = new PyObject(values.airflowMajor === 2 ? 'airflow.models.taskinstance.TaskInstance' : 'airflow.sdk.execution_time.task_runner.RuntimeTaskInstance', {
    dag_id: values.dagId,
    task_id: values.taskId,
    run_id: facts.runId,
    try_number: values.tryNumber ?? 1,
    map_index: values.mapIndex ?? -1,
    task,
  }, closed);
  return { dag, task, ti, task_instance: ti, dag_run: dagRun(values, facts) };
}
