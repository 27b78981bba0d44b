/**
 * `SparkKubernetesOperator` (operators/spark_kubernetes.py) and the body `CustomObjectLauncher.get_body` builds
 * (operators/custom_object_launcher.py), provider 10.25.0.
 */
import { taskInstanceLabels, type TaskContext } from './labels.js';
import { addUniqueSuffix, setName, type RandomSource } from './naming.js';
import { OperatorError } from './operator-error.js';
import { deepCopy, isDict, isTruthy, pythonRepr, pythonTypeName, type PyDict, type PyValue } from './py-value.js';
import { sparkResources } from './spark-resources.js';
import { applyKubernetesSection } from './spark-kubernetes-section.js';
import { loadYaml11 } from './template-yaml.js';

export interface SparkInputs {
  taskId: string;
  name: PyValue;
  namespace: PyValue;
  applicationFile: PyValue;
  templateSpec: PyValue;
  randomNameSuffix: boolean;
  reattachOnRestart: boolean;
  image: PyValue;
  codePath: PyValue;
  readFile: (path: string) => string | undefined;
}

/** `manage_template_specs`: application_file (a path, else the text itself) or template_spec, wrapped in `spark:`. */
export function templateBody(inputs: SparkInputs): PyDict {
  let body: PyValue;
  if (isTruthy(inputs.applicationFile)) {
    const source = String(inputs.applicationFile);
    const text = inputs.readFile(source.trimEnd()) ?? source;
    try {
      body = loadYaml11(text);
    } catch (error) {
      if (!(error instanceof OperatorError)) throw error;
      throw new OperatorError('AirflowException', `Exception when loading resource definition: ${error.message}\n`, ['application_file']);
    }
    if (!isDict(body)) {
      throw new OperatorError('TypeError', `application_file body can't transformed into the dictionary:\n${text}`, ['application_file']);
    }
  } else if (isTruthy(inputs.templateSpec)) {
    body = deepCopy(inputs.templateSpec);
  } else {
    throw new OperatorError('AirflowException', 'either application_file or template_spec should be passed');
  }
  if (!isDict(body)) throw new OperatorError('TypeError', `argument of type '${pythonTypeName(body).slice(8, -2)}' is not iterable`, ['template_spec']);
  return Object.hasOwn(body, 'spark') ? body : { spark: body };
}

function getKey(value: PyValue, key: string): PyValue {
  if (!isDict(value)) throw new OperatorError('AttributeError', `'${pythonTypeName(value).slice(8, -2)}' object has no attribute 'get'`);
  return Object.hasOwn(value, key) ? (value[key] ?? null) : {};
}

/** `create_job_name`: operator name, else spark.metadata.name, else task_id; suffixed or cut to 63; normalised. */
export function sparkJobName(inputs: SparkInputs, body: PyDict, random: RandomSource): string {
  const fromTemplate = getKey(getKey(getKey(body, 'spark'), 'metadata'), 'name');
  const name = [inputs.name, isDict(fromTemplate) ? null : fromTemplate, inputs.taskId].find((item) => isTruthy(item)) ?? inputs.taskId;
  if (typeof name !== 'string') throw new OperatorError('TypeError', `'${pythonTypeName(name).slice(8, -2)}' object is not subscriptable`);
  const updated = inputs.randomNameSuffix ? addUniqueSuffix(name, random, 63) : [...name].slice(0, 63).join('');
  return setName(updated) ?? updated;
}

function ensureDict(parent: PyDict, key: string): PyDict {
  if (!Object.hasOwn(parent, key)) parent[key] = {};
  const value = parent[key] ?? null;
  if (!isDict(value)) throw new OperatorError('TypeError', `argument of type '${pythonTypeName(value).slice(8, -2)}' is not iterable`);
  return value;
}

/** `_setup_spark_configuration`: reattach labels on spec, driver and executor; SPARK_APPLICATION_NAME env. */
export function configureSpark(body: PyDict, name: string, reattach: boolean, taskId: string, context?: TaskContext): PyDict {
  const copy = deepCopy(body);
  const spec = ensureDict(ensureDict(copy, 'spark'), 'spec');
  if (reattach) {
    const labels = taskInstanceLabels(taskId, context, 'spark_kubernetes_operator');
    Object.assign(ensureDict(spec, 'labels'), labels);
    for (const role of ['driver', 'executor']) Object.assign(ensureDict(ensureDict(spec, role), 'labels'), labels);
  }
  for (const role of ['driver', 'executor']) {
    const side = ensureDict(spec, role);
    if (!Object.hasOwn(side, 'env')) side.env = [];
    const env = side.env ?? null;
    if (!Array.isArray(env)) throw new OperatorError('TypeError', `'${pythonTypeName(env).slice(8, -2)}' object is not iterable`);
    if (!env.some((item) => isDict(item) && item.name === 'SPARK_APPLICATION_NAME')) env.push({ name: 'SPARK_APPLICATION_NAME', value: name });
  }
  return copy;
}

function specOf(spark: PyDict): PyDict {
  if (!Object.hasOwn(spark, 'spec')) throw new OperatorError('AttributeError', "'SparkJobSpec' object has no attribute 'spec'");
  const spec = spark.spec ?? null;
  if (!isDict(spec)) throw new OperatorError('AttributeError', `'${pythonTypeName(spec).slice(8, -2)}' object has no attribute 'get'`);
  return spec;
}

function role(spec: PyDict, key: string): PyDict {
  if (!Object.hasOwn(spec, key)) throw new OperatorError('KeyError', pythonRepr(key));
  const value = spec[key] ?? null;
  if (!isDict(value)) throw new OperatorError('AttributeError', `'${pythonTypeName(value).slice(8, -2)}' object has no attribute 'get'`);
  return value;
}

/** `SparkJobSpec`: dynamic allocation check, then container_resources → cores/coreLimit/memory/gpu. */
function sparkJobSpec(spark: PyDict): PyDict {
  const spec = specOf(spark);
  const dynamic = getKey(spec, 'dynamicAllocation');
  if (!isDict(dynamic)) throw new OperatorError('AttributeError', `'${pythonTypeName(dynamic).slice(8, -2)}' object has no attribute 'get'`);
  if (isTruthy(dynamic.enabled ?? null) && (!isTruthy(dynamic.minExecutors ?? null) || !isTruthy(dynamic.maxExecutors ?? null))) {
    throw new OperatorError('AirflowException', 'Make sure min/max value for dynamic allocation is passed');
  }
  const driver = role(spec, 'driver');
  if (isTruthy(driver.container_resources ?? null)) {
    const driverResources = driver.container_resources ?? null;
    delete driver.container_resources;
    const executor = role(spec, 'executor');
    if (!Object.hasOwn(executor, 'container_resources')) throw new OperatorError('KeyError', "'container_resources'");
    const executorResources = executor.container_resources ?? null;
    delete executor.container_resources;
    const resources = sparkResources(driverResources, executorResources);
    Object.assign(driver, resources.driver);
    Object.assign(executor, resources.executor);
  }
  return spark;
}

/** `CustomObjectLauncher.get_body`: the SparkApplication, named, with the kubernetes section applied. */
export function launcherBody(body: PyDict, name: PyValue, namespace: PyValue): PyDict {
  const sparkValue = body.spark ?? null;
  if (!isDict(sparkValue)) throw new OperatorError('TypeError', `argument after ** must be a mapping, not ${pythonTypeName(sparkValue).slice(8, -2)}`);
  const spark = sparkJobSpec(deepCopy(sparkValue));
  if (!isDict(spark.metadata ?? null)) spark.metadata = {};
  Object.assign(spark.metadata as PyDict, { name, namespace });
  const kubernetes = body.kubernetes ?? null;
  if (isTruthy(kubernetes)) applyKubernetesSection(spark, kubernetes);
  if (!isTruthy(spark.kind ?? null)) throw new OperatorError('KeyError', "'kind'");
  return spark;
}

/** `start_spark_job`: the image and the code path are written into the spec just before the create call. */
export function applyImageAndCode(spark: PyDict, image: PyValue, codePath: PyValue): void {
  const spec = spark.spec as PyDict;
  if (isTruthy(image)) spec.image = image;
  if (isTruthy(codePath)) spec.mainApplicationFile = codePath;
}
