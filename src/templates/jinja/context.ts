/**
 * The template context of one task run, per Airflow major: Airflow 2.11 `_get_template_context`
 * (airflow/models/taskinstance.py) and Airflow 3.3 `RuntimeTaskInstance.get_template_context`
 * (airflow/sdk/execution_time/task_runner.py). Keys Airflow sets that need a database or a scheduler
 * (previous runs, asset events, XCom) are present but Unsupported when read.
 */
import { buildObjects } from './context-objects.js';
import { buildMacros } from './macros.js';
import { PyTimedelta, parseIsoDateTime, type PyDateTime } from './py-datetime.js';
import { fromJson } from './to-json.js';
import { JinjaError, PyFunction, PyObject, Unmodelled, pyStr } from './py-value.js';

/** A connection as the user supplies it (the fields of `airflow.models.Connection`). */
export interface ConnectionValues {
  conn_type?: string;
  host?: string;
  schema?: string;
  login?: string;
  password?: string;
  port?: number;
  /** JSON text, as Airflow stores it. */
  extra?: string;
}

export interface RunValues {
  airflowMajor: 2 | 3;
  dagId: string;
  taskId: string;
  /** The operator class, for `task.task_type`. */
  operator: string;
  /** Defaults to Airflow's manual run id: `manual__<logical date>` (Airflow 2), `manual__<run_after = now>` (Airflow 3). */
  runId?: string;
  /**
   * ISO date-time of the run. `null` is an Airflow 3 run triggered with `"logical_date": null`: the context then has
   * no `logical_date`, `ds`, `ts`… and no data interval, as in Airflow. Absent: `now` (a manual trigger's default).
   */
  logicalDate?: string | null;
  /** ISO "now" (the CLI passes the clock): the default logical date, `run_after`. */
  now: string;
  conf?: Record<string, unknown>;
  /** `DAG(params=…)` defaults. */
  dagParams?: Record<string, unknown>;
  /** The operator's `params=`. */
  taskParams?: Record<string, unknown>;
  variables?: Record<string, string>;
  connections?: Record<string, ConnectionValues>;
  tryNumber?: number;
  mapIndex?: number;
  /** `owner` of the task (BaseOperator default "airflow"). */
  owner?: string;
  /** Randomness for `macros.uuid.uuid4()`. */
  uuid4: () => string;
}

const closed = { unmodelled: 'all' } as const;

/**
 * `process_params` (airflow/models/param.py; the Task SDK's copy is the same): DAG params, then the task's, then
 * every `dag_run.conf` key (`[core] dag_run_conf_overrides_params` defaults to True), as a plain dict.
 */
export function mergeParams(values: Pick<RunValues, 'dagParams' | 'taskParams' | 'conf'>): Record<string, unknown> {
  return { ...values.dagParams, ...values.taskParams, ...(values.conf && Object.keys(values.conf).length > 0 ? values.conf : {}) };
}

function variableAccessor(variables: Record<string, string>, json: boolean, major: 2 | 3): PyObject {
  const read = (key: string, fallback?: unknown): unknown => {
    if (!Object.hasOwn(variables, key)) {
      if (fallback !== undefined) return fallback;
      throw major === 2
        ? new JinjaError('KeyError', `'Variable ${key} does not exist'`)
        : new JinjaError('AirflowRuntimeError', `VARIABLE_NOT_FOUND: {'message': 'Variable ${key} not found'}`);
    }
    const text = variables[key]!;
    return json ? fromJson(text) : text;
  };
  return new PyObject('airflow.VariableAccessor', {
    get: new PyFunction('get', (args, kwargs) => read(pyStr(args[0]), args[1] ?? kwargs.default_var ?? null)),
  }, { getItem: (key) => read(pyStr(key)) });
}

function connectionObject(id: string, conn: ConnectionValues): PyObject {
  const extra = conn.extra ?? null;
  return new PyObject('airflow.models.connection.Connection', {
    conn_id: id,
    conn_type: conn.conn_type ?? null,
    host: conn.host ?? null,
    schema: conn.schema ?? null,
    login: conn.login ?? null,
    password: conn.password ?? null,
    port: conn.port ?? null,
    extra,
    extra_dejson: extra ? fromJson(extra) : {},
  }, { ...closed, str: () => id });
}

function connectionAccessor(connections: Record<string, ConnectionValues>): PyObject {
  const read = (id: string): PyObject => {
    const conn = connections[id];
    if (!conn) throw new JinjaError('AirflowNotFoundException', `The conn_id \`${id}\` isn't defined`);
    return connectionObject(id, conn);
  };
  return new PyObject('airflow.ConnectionAccessor', {
    get: new PyFunction('get', (args) => (Object.hasOwn(connections, pyStr(args[0])) ? read(pyStr(args[0])) : (args[1] ?? null))),
  }, { getItem: (key) => read(pyStr(key)) });
}

/** The run's dates: logical date (or null), data interval, and `run_after`. */
function runDates(values: RunValues): { logical: PyDateTime | null; now: PyDateTime } {
  const now = parseIsoDateTime(values.now);
  if (!now) throw new Error(`RunValues.now is not an ISO date-time: ${values.now}`);
  if (values.logicalDate === null) return { logical: null, now };
  if (values.logicalDate === undefined) return { logical: now, now };
  const logical = parseIsoDateTime(values.logicalDate);
  if (!logical) throw new JinjaError('ValueError', `the logical date ${JSON.stringify(values.logicalDate)} is not an ISO 8601 date-time`);
  return { logical, now };
}

/** The keys derived from the logical date (both majors compute them alike). */
function dateKeys(logical: PyDateTime): Record<string, unknown> {
  const ds = logical.strftime('%Y-%m-%d')!;
  const ts = logical.isoformat();
  return {
    logical_date: logical,
    ds,
    ds_nodash: ds.replace(/-/g, ''),
    ts,
    ts_nodash: logical.strftime('%Y%m%dT%H%M%S')!,
    ts_nodash_with_tz: ts.replace(/[-:]/g, ''),
    // A manual run's data interval is [logical date, logical date] for `schedule=None` (infer_manual_data_interval).
    data_interval_start: logical,
    data_interval_end: logical,
  };
}

/** Airflow 2's deprecated keys for a manual run (`external_trigger`: next/prev equal the logical date). */
function airflow2Keys(logical: PyDateTime): Record<string, unknown> {
  const day = (offset: number) => logical.plus(PyTimedelta.of({ days: offset })).strftime('%Y-%m-%d')!;
  const ds = day(0);
  return {
    execution_date: logical,
    next_execution_date: logical,
    prev_execution_date: logical,
    next_ds: ds,
    next_ds_nodash: ds.replace(/-/g, ''),
    prev_ds: ds,
    prev_ds_nodash: ds.replace(/-/g, ''),
    yesterday_ds: day(-1),
    yesterday_ds_nodash: day(-1).replace(/-/g, ''),
    tomorrow_ds: day(1),
    tomorrow_ds_nodash: day(1).replace(/-/g, ''),
    test_mode: false,
    expanded_ti_count: null,
  };
}

const UNMODELLED_KEYS: Record<2 | 3, readonly string[]> = {
  2: ['conf', 'inlet_events', 'outlet_events', 'prev_data_interval_start_success', 'prev_data_interval_end_success', 'prev_execution_date_success', 'prev_start_date_success', 'prev_end_date_success', 'triggering_dataset_events'],
  3: ['inlet_events', 'outlet_events', 'task_state_store', 'triggering_asset_events', 'prev_start_date_success', 'prev_end_date_success'],
};

/** Builds the context `render_template_fields(context)` receives for this run. */
export function buildContext(values: RunValues): Record<string, unknown> {
  const { logical, now } = runDates(values);
  // Airflow 2: DagRun.generate_run_id(MANUAL, logical_date); Airflow 3: timetable.generate_run_id(MANUAL, run_after).
  const runId = values.runId ?? `manual__${(values.airflowMajor === 2 && logical ? logical : now).isoformat()}`;
  const conf = values.conf ?? {};
  const major = values.airflowMajor;
  const context: Record<string, unknown> = {
    ...buildObjects(values, { logical, now, runId, conf }),
    run_id: runId,
    params: mergeParams(values),
    macros: buildMacros(values.uuid4),
    var: { json: variableAccessor(values.variables ?? {}, true, major), value: variableAccessor(values.variables ?? {}, false, major) },
    conn: connectionAccessor(values.connections ?? {}),
    inlets: [],
    outlets: [],
    map_index_template: null,
  };
  if (logical) Object.assign(context, dateKeys(logical));
  if (major === 2 && logical) Object.assign(context, airflow2Keys(logical));
  const keyTail = major === 3 && !logical ? runId : ((context.ds_nodash as string | undefined) ?? '');
  context.task_instance_key_str = `${values.dagId}__${values.taskId}__${keyTail}`;
  if (major === 3) Object.assign(context, { task_reschedule_count: 0, partition_key: null, partition_date: null });
  const unmodelled = [...UNMODELLED_KEYS[major], ...(major === 3 && logical ? ['prev_data_interval_start_success', 'prev_data_interval_end_success'] : [])];
  for (const key of unmodelled) context[key] = new Unmodelled(`the context key '${key}'`);
  return context;
}
