/** `SparkKubernetesOperator.__init__` (operators/spark_kubernetes.py, provider 10.25.0); other kwargs go to KPO. */
import { p, optionalStr, type ParamSpec } from './param-spec.js';

export const sparkOperatorParams: readonly ParamSpec[] = [
  p('image', 'str | None', optionalStr, null, false, 'spec.image of the SparkApplication.'),
  p('code_path', 'str | None', optionalStr, null, false, 'spec.mainApplicationFile.'),
  p('namespace', 'str', ['str'], 'default', true, 'Namespace of the SparkApplication.'),
  p('name', 'str | None', optionalStr, null, false, 'Name; else spark.metadata.name, else the task_id.'),
  p('application_file', 'str | None', optionalStr, null, true, 'SparkApplication YAML/JSON: a path (relative to the task file) or the text itself.'),
  p('template_spec', 'dict | None', ['dict', 'null'], null, true, 'SparkApplication (or {spark, kubernetes}) as a mapping.'),
  p('get_logs', 'bool', ['bool'], true, false, 'Stream the driver logs.'),
  p('do_xcom_push', 'bool', ['bool'], false, false, 'Push XCom (no sidecar is added to the SparkApplication).'),
  p('success_run_history_limit', 'int', ['int'], 1, false, 'Stored only.'),
  p('startup_timeout_seconds', 'int', ['int'], 600, false, 'Seconds to wait for the driver to start.'),
  p('log_events_on_failure', 'bool', ['bool'], false, false, 'Log pod events on failure.'),
  p('reattach_on_restart', 'bool', ['bool'], true, false, 'Find an existing driver pod by task labels before creating.'),
  p('delete_on_termination', 'bool', ['bool'], true, false, 'Delete the SparkApplication when done.'),
  p('kubernetes_conn_id', 'str', ['str'], 'kubernetes_default', true, 'Airflow connection to the cluster.'),
  p('random_name_suffix', 'bool', ['bool'], true, false, 'Append -<8 random [a-z0-9]> to the name.'),
];
