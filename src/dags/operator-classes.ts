/**
 * Which imported names are the Kubernetes operators, and which are the Airflow names that shape a DAG (`DAG`, `@dag`,
 * `@task`, `TaskGroup`, `chain`, `Secret`). Names are matched on their qualified import path, so aliases
 * (`import … as KPO`) and module attributes (`pod.KubernetesPodOperator`) resolve the same way.
 */

/** The operator class a call renders as. Managed-cluster variants render as their base operator. */
export type OperatorKind =
  | 'KubernetesPodOperator'
  | 'KubernetesJobOperator'
  | 'KubernetesDeleteJobOperator'
  | 'KubernetesPatchJobOperator'
  | 'SparkKubernetesOperator'
  | 'KubernetesInstallKueueOperator'
  | 'KubernetesStartKueueJobOperator';

/**
 * Class name → the operator it renders as, and the parameters the variant adds on top (they choose the cluster,
 * not the object, so they are not rendered). Sources: airflow/providers/cncf/kubernetes/operators/{pod,job,
 * spark_kubernetes,kueue}.py; google/cloud/operators/kubernetes_engine.py (GKEStartPodOperator, GKEStartJobOperator,
 * GKEStartKueueJobOperator, GKEDeleteJobOperator…); amazon/aws/operators/eks.py (EksPodOperator).
 */
const GKE_PARAMS = [
  'location', 'cluster_name', 'use_internal_ip', 'use_dns_endpoint', 'project_id', 'gcp_conn_id',
  'impersonation_chain', 'regional', 'is_delete_operator_pod',
];
const OPERATOR_CLASSES: Record<string, { kind: OperatorKind; variantParams: string[] }> = {
  KubernetesPodOperator: { kind: 'KubernetesPodOperator', variantParams: [] },
  KubernetesJobOperator: { kind: 'KubernetesJobOperator', variantParams: [] },
  KubernetesDeleteJobOperator: { kind: 'KubernetesDeleteJobOperator', variantParams: [] },
  KubernetesPatchJobOperator: { kind: 'KubernetesPatchJobOperator', variantParams: [] },
  SparkKubernetesOperator: { kind: 'SparkKubernetesOperator', variantParams: [] },
  KubernetesInstallKueueOperator: { kind: 'KubernetesInstallKueueOperator', variantParams: [] },
  KubernetesStartKueueJobOperator: { kind: 'KubernetesStartKueueJobOperator', variantParams: [] },
  GKEStartPodOperator: { kind: 'KubernetesPodOperator', variantParams: GKE_PARAMS },
  GKEStartJobOperator: { kind: 'KubernetesJobOperator', variantParams: GKE_PARAMS },
  GKEDeleteJobOperator: { kind: 'KubernetesDeleteJobOperator', variantParams: GKE_PARAMS },
  GKEStartKueueJobOperator: { kind: 'KubernetesStartKueueJobOperator', variantParams: GKE_PARAMS },
  GKEStartKueueInsideClusterOperator: { kind: 'KubernetesInstallKueueOperator', variantParams: GKE_PARAMS },
  EksPodOperator: { kind: 'KubernetesPodOperator', variantParams: ['cluster_name', 'aws_conn_id', 'region', 'pod_name'] },
};

export interface OperatorClass {
  /** The class name as imported (`GKEStartPodOperator`). */
  className: string;
  kind: OperatorKind;
  /** Keyword arguments that belong to the variant, not to the rendered object. */
  variantParams: readonly string[];
}

function lastSegment(qualified: string): string {
  return qualified.slice(qualified.lastIndexOf('.') + 1);
}

/** The operator class a qualified name refers to, when it is one of ours and comes from an `airflow` module. */
export function toOperatorClass(qualified: string): OperatorClass | undefined {
  if (!qualified.startsWith('airflow.')) return undefined;
  const className = lastSegment(qualified);
  const entry = Object.hasOwn(OPERATOR_CLASSES, className) ? OPERATOR_CLASSES[className] : undefined;
  return entry && { className, ...entry };
}

/** Every operator class name the scanner knows (for a quick textual search). */
export function operatorClassNames(): string[] {
  return Object.keys(OPERATOR_CLASSES);
}

/** The Airflow names the scanner understands besides the operators. */
export type AirflowName =
  | 'DAG' | 'dag' | 'task' | 'task_group' | 'TaskGroup' | 'chain' | 'cross_downstream' | 'Secret' | 'Label';

const AIRFLOW_NAMES = new Set<string>(['DAG', 'dag', 'task', 'task_group', 'TaskGroup', 'chain', 'cross_downstream', 'Secret', 'Label']);

/** `airflow.models.dag.DAG`, `airflow.sdk.dag`, `airflow.providers.cncf.kubernetes.secret.Secret`, … */
export function toAirflowName(qualified: string): AirflowName | undefined {
  if (!qualified.startsWith('airflow.')) return undefined;
  const name = lastSegment(qualified);
  return AIRFLOW_NAMES.has(name) ? (name as AirflowName) : undefined;
}

/** Names a `from airflow… import *` brings in, for the modules whose exports we know. */
export function starImportNames(module: string): string[] {
  if (!module.startsWith('airflow.')) return [];
  return [...Object.keys(OPERATOR_CLASSES), ...AIRFLOW_NAMES];
}
