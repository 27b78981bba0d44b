/**
 * The Airflow SparkKubernetesOperator `application_file` format: `{spark: <SparkApplication>, kubernetes: <helper>}`.
 * Mirrors providers/cncf/kubernetes operators/spark_kubernetes.py and operators/custom_object_launcher.py
 * (KubernetesSpec, SparkJobSpec, CustomObjectLauncher.get_body), as summarised in airflow-provider-spec.md §8.
 */
import { isObject, type Json, type JsonObject } from './schema-transform.js';

const K8S = (name: string): JsonObject => ({ $ref: `#/definitions/io.k8s.api.core.v1.${name}` });
const OVERWRITTEN =
  'Airflow overwrites this value when the template has a `kubernetes:` section (custom_object_launcher.py get_body).';

/** Swagger definitions the `kubernetes:` section reuses. */
export const kubernetesSectionRoots = ['EnvFromSource', 'VolumeMount', 'Volume', 'Affinity', 'Toleration', 'EnvVar']
  .map((n) => `io.k8s.api.core.v1.${n}`);

function described(description: string, schema: JsonObject): JsonObject {
  return { description, ...schema };
}

const stringList: JsonObject = { type: 'array', items: { type: 'string' } };
const stringMap: JsonObject = { type: 'object', additionalProperties: { type: 'string' } };
const nullableString: JsonObject = { type: ['string', 'null'] };

/** The `kubernetes:` section. The keys Airflow reads as attributes are listed in the description, not `required`:
 * the KT3001 lint reports them with the crash they cause (airflow#41562). */
export function kubernetesSectionSchema(): JsonObject {
  return {
    type: 'object',
    description:
      'Kubernetes settings Airflow applies to the driver and executor. Airflow reads env_vars, env_from, volumes, ' +
      'volume_mounts, config_map_mounts, from_env_config_map, from_env_secret, image_pull_secrets, affinity, ' +
      'tolerations and node_selector as attributes: a missing key crashes the task (airflow#41562).',
    additionalProperties: false,
    properties: {
      env_vars: described('Environment variables as a mapping NAME: value. A list of mappings makes Airflow raise ' +
        '"Expected dict or list of V1EnvVar".', { anyOf: [stringMap, { type: 'array', items: K8S('EnvVar') }] }),
      env_from: described('envFrom sources for driver and executor.', { type: 'array', items: K8S('EnvFromSource') }),
      volumes: described('Replaces spec.volumes of the SparkApplication.', { type: 'array', items: K8S('Volume') }),
      volume_mounts: described('volumeMounts for driver and executor.', { type: 'array', items: K8S('VolumeMount') }),
      config_map_mounts: described('ConfigMap name: mount path. Each adds a volume and a mount.', stringMap),
      from_env_config_map: described('ConfigMap names added to envFrom as configMapRef.', stringList),
      from_env_secret: described('Secret names added to envFrom as secretRef.', stringList),
      image_pull_secrets: described('Comma-separated Secret names; set spec.imagePullSecrets when not empty.',
        { type: ['string', 'array', 'null'] }),
      affinity: described('Affinity for driver and executor.', K8S('Affinity')),
      tolerations: described('Tolerations for driver and executor.', { type: 'array', items: K8S('Toleration') }),
      node_selector: described('nodeSelector for driver and executor.', stringMap),
      in_cluster: described('Used only when the operator argument in_cluster is not set.', { type: ['boolean', 'null'] }),
      conn_id: described('Not read by current Airflow: the hook uses the operator\'s kubernetes_conn_id.', nullableString),
      kube_config_file: described('Used only when the operator argument config_file is not set.', nullableString),
      cluster_context: described('Used only when the operator argument cluster_context is not set.', nullableString),
    },
  };
}

/** Airflow-only `container_resources` (popped and converted before submit, custom_object_launcher.py). */
function containerResourcesSchema(): JsonObject {
  const number: JsonObject = { type: ['number', 'string', 'null'] };
  return {
    type: 'object',
    description: 'Airflow-only: converted to cores/coreLimit/memory/gpu before submit. memory.limit is divided by 1.4.',
    additionalProperties: false,
    properties: {
      gpu: { type: 'object', additionalProperties: false, properties: { name: nullableString, quantity: number } },
      cpu: { type: 'object', additionalProperties: false, properties: { request: number, limit: number } },
      memory: { type: 'object', additionalProperties: false, properties: { request: number, limit: number } },
    },
  };
}

function markOverwritten(properties: JsonObject, keys: string[]): void {
  for (const key of keys) {
    const prop = properties[key];
    if (isObject(prop)) {
      properties[key] = { ...prop, description: `${OVERWRITTEN} ${String(prop.description ?? '')}`.trim() };
    }
  }
}

function addRoleExtras(role: Json | undefined): void {
  if (!isObject(role) || !isObject(role.properties)) return;
  role.properties.container_resources = containerResourcesSchema();
  markOverwritten(role.properties, ['env', 'envFrom', 'volumeMounts', 'affinity', 'tolerations', 'nodeSelector', 'labels']);
}

/** The `spark:` section: the strict SparkApplication schema plus the keys Airflow adds or reads. */
export function sparkSectionSchema(sparkApplicationRoot: JsonObject): JsonObject {
  const root = structuredClone(sparkApplicationRoot);
  const properties = isObject(root.properties) ? root.properties : {};
  // get_body turns a missing metadata into {} and sets name and namespace itself.
  if (Array.isArray(root.required)) root.required = root.required.filter((r) => r !== 'metadata');
  properties.version = { type: 'string', description: 'Alternative to apiVersion: Airflow reads apiGroup + version.' };
  properties.apiGroup = { type: 'string', description: 'Alternative to apiVersion: Airflow reads apiGroup + version.' };
  const spec = properties.spec;
  // The operator's code_path sets spec.mainApplicationFile at submit (spark_kubernetes.py start_spark_job).
  if (isObject(spec) && Array.isArray(spec.required)) spec.required = spec.required.filter((r) => r !== 'mainApplicationFile');
  if (isObject(spec) && isObject(spec.properties)) {
    spec.properties.labels = described('Airflow-only: copied into driver.labels and executor.labels; the reattach ' +
      'labels are added here.', stringMap);
    // Airflow's own default template sets it, but only ScheduledSparkApplication has it: the API server prunes it.
    spec.properties.successfulRunHistoryLimit = described('Not a SparkApplication field (ScheduledSparkApplication ' +
      'only); the API server drops it. Kept so Airflow\'s default template validates; KT3016 warns.', { type: 'integer' });
    markOverwritten(spec.properties, ['volumes', 'imagePullSecrets']);
    addRoleExtras(spec.properties.driver);
    addRoleExtras(spec.properties.executor);
  }
  return root;
}

export function sparkTemplateRoot(sparkSection: JsonObject): JsonObject {
  return {
    description: 'Airflow SparkKubernetesOperator application_file: a `spark:` SparkApplication and a `kubernetes:` ' +
      'section (custom_object_launcher.py).',
    type: 'object',
    additionalProperties: false,
    required: ['spark'],
    properties: { spark: sparkSection, kubernetes: kubernetesSectionSchema() },
  };
}
