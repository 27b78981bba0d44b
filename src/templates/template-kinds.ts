/**
 * The kinds of file KubeTasks validates, and the schema (file `schemas/<id>.schema.json`) each apiVersion uses.
 * scripts/build-schemas.ts generates exactly these schemas; detection and validation look them up here.
 */
export type TemplateKind =
  | 'pod'
  | 'job'
  | 'spark-application'
  | 'scheduled-spark-application'
  | 'spark-template'
  | 'kueue-local-queue'
  | 'kueue-cluster-queue'
  | 'kueue-workload'
  | 'kueue-resource-flavor'
  | 'kueue-workload-priority-class'
  | 'task';

export interface KindInfo {
  kind: TemplateKind;
  /** Words a user sees: "pod template", "Spark application template". */
  title: string;
  /** The Kubernetes `kind`, when the document carries one. */
  k8sKind?: string;
  /** apiVersion → schema id. The key '' is used for documents without apiVersion (wrapper and task files). */
  schemas: Readonly<Record<string, string>>;
  /** True when Airflow renders Jinja in the file content (SparkKubernetesOperator has template_ext yaml/yml/json). */
  rendersJinja: boolean;
  /** Names accepted after `# kubetasks:` in a modeline. */
  modelineNames: readonly string[];
}

function kueue(kind: TemplateKind, k8sKind: string, title: string, names: string[]): KindInfo {
  // Kueue 0.19 serves v1beta1 and v1beta2 (the storage version); each gets its own schema.
  const schemas = { 'kueue.x-k8s.io/v1beta2': `${kind}-v1beta2`, 'kueue.x-k8s.io/v1beta1': `${kind}-v1beta1` };
  return { kind, title, k8sKind, schemas, rendersJinja: false, modelineNames: [kind, ...names] };
}

export const templateKinds: readonly KindInfo[] = [
  { kind: 'pod', title: 'pod template', k8sKind: 'Pod', schemas: { v1: 'pod' }, rendersJinja: false,
    modelineNames: ['pod', 'pod-template', 'pod_template_file'] },
  { kind: 'job', title: 'job template', k8sKind: 'Job', schemas: { 'batch/v1': 'job' }, rendersJinja: false,
    modelineNames: ['job', 'job-template', 'job_template_file'] },
  { kind: 'spark-application', title: 'SparkApplication', k8sKind: 'SparkApplication',
    schemas: { 'sparkoperator.k8s.io/v1beta2': 'spark-application' }, rendersJinja: true,
    modelineNames: ['spark-application', 'sparkapplication'] },
  { kind: 'scheduled-spark-application', title: 'ScheduledSparkApplication', k8sKind: 'ScheduledSparkApplication',
    schemas: { 'sparkoperator.k8s.io/v1beta2': 'scheduled-spark-application' }, rendersJinja: false,
    modelineNames: ['scheduled-spark-application'] },
  { kind: 'spark-template', title: 'Spark application template', schemas: { '': 'spark-template' },
    rendersJinja: true, modelineNames: ['spark-template', 'spark', 'application_file'] },
  kueue('kueue-local-queue', 'LocalQueue', 'Kueue LocalQueue', ['localqueue']),
  kueue('kueue-cluster-queue', 'ClusterQueue', 'Kueue ClusterQueue', ['clusterqueue']),
  kueue('kueue-workload', 'Workload', 'Kueue Workload', ['workload']),
  kueue('kueue-resource-flavor', 'ResourceFlavor', 'Kueue ResourceFlavor', ['resourceflavor']),
  kueue('kueue-workload-priority-class', 'WorkloadPriorityClass', 'Kueue WorkloadPriorityClass', ['workloadpriorityclass']),
  { kind: 'task', title: 'task file', schemas: { '': 'task' }, rendersJinja: true, modelineNames: ['task'] },
];

export function findKindInfo(kind: TemplateKind): KindInfo {
  const info = templateKinds.find((k) => k.kind === kind);
  if (!info) throw new Error(`unknown template kind ${kind}`);
  return info;
}

/** Every schema id, in catalog order (the file names under schemas/ without `.schema.json`). */
export function listSchemaIds(): string[] {
  return templateKinds.flatMap((k) => Object.values(k.schemas));
}

/** The schema id for a document of `kind` with this apiVersion (the kind's first schema when none matches). */
export function schemaIdFor(kind: TemplateKind, apiVersion?: unknown): string {
  const { schemas } = findKindInfo(kind);
  const byVersion = typeof apiVersion === 'string' ? schemas[apiVersion] : undefined;
  return byVersion ?? schemas[''] ?? Object.values(schemas)[0]!;
}
