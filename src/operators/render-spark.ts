/** SparkKubernetesOperator runs: `execute` up to the create call, and `dry_run()`'s body. */
import { pruneDict, toApiBody } from './k8s-model.js';
import type { OperatorRun } from './render-operator.js';
import { withPath } from './operator-error.js';
import { initPodOperator } from './pod-operator-init.js';
import { isTruthy, type PyValue } from './py-value.js';
import { applyImageAndCode, configureSpark, launcherBody, sparkJobName, templateBody, type SparkInputs } from './spark-operator.js';

const driverContainer = 'spark-kubernetes-driver';

/** SparkKubernetesOperator.__init__ consumes its own arguments and hands the rest to KPO. */
export function sparkInputs(run: OperatorRun): SparkInputs {
  const get = (name: string, fallback: PyValue): PyValue => (Object.hasOwn(run.kwargs, name) ? (run.kwargs[name] ?? null) : fallback);
  const rest = { ...run.kwargs };
  for (const own of ['image', 'code_path', 'namespace', 'application_file', 'template_spec', 'get_logs', 'do_xcom_push', 'success_run_history_limit', 'startup_timeout_seconds', 'log_events_on_failure', 'reattach_on_restart', 'delete_on_termination', 'kubernetes_conn_id', 'random_name_suffix']) {
    delete rest[own];
  }
  const state = initPodOperator(run.taskId, rest, driverContainer);
  if (state.attrs.base_container_name !== driverContainer) {
    run.env.warn(`base_container_name is not supported and will be overridden to ${driverContainer}`, ['base_container_name']);
  }
  return {
    taskId: run.taskId,
    name: get('name', null),
    namespace: get('namespace', 'default'),
    applicationFile: get('application_file', null),
    templateSpec: get('template_spec', null),
    randomNameSuffix: isTruthy(get('random_name_suffix', true)),
    reattachOnRestart: isTruthy(get('reattach_on_restart', true)),
    image: get('image', null),
    codePath: get('code_path', null),
    readFile: run.env.readFile,
  };
}

/** `execute`: name, reattach labels and SPARK_APPLICATION_NAME, launcher body, image and code path. */
export function renderSparkApi(run: OperatorRun): unknown {
  const inputs = sparkInputs(run);
  const template = templateBody(inputs);
  const name = withPath(['name'], () => sparkJobName(inputs, template, run.env.random));
  const configured = configureSpark(templateBody(inputs), name, inputs.reattachOnRestart, run.taskId, run.env.context);
  const body = launcherBody(configured, name, inputs.namespace);
  applyImageAndCode(body, inputs.image, inputs.codePath);
  return toApiBody(body);
}

/** `dry_run()` prints `prune_dict(launcher.body)` as a Python repr; we return that body as JSON-ready data. */
export function renderSparkDryRun(run: OperatorRun): unknown {
  const inputs = sparkInputs(run);
  return toApiBody(pruneDict(launcherBody(templateBody(inputs), inputs.name, inputs.namespace)));
}
