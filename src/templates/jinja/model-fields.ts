/**
 * Which attributes of a `kubernetes.client` model Airflow renders when the model sits in a templated field:
 * KubernetesPodOperator._render_nested_template_fields (operators/pod.py, provider 10.25.0); SparkKubernetesOperator
 * renders only V1EnvVar. Keys are the API (camelCase) names task files and DAG-built models use; the value is the
 * model class of that attribute, or null for a plain value (str, dict) rendered as a whole.
 */
export const NESTED_TEMPLATE_FIELDS: Record<string, Record<string, string | null>> = {
  V1EnvVar: { value: null, name: null },
  V1ResourceRequirements: { limits: null, requests: null },
  V1Volume: { name: null, persistentVolumeClaim: 'V1PersistentVolumeClaimVolumeSource', configMap: 'V1ConfigMapVolumeSource' },
  V1VolumeMount: { name: null, subPath: null },
  V1PersistentVolumeClaimVolumeSource: { claimName: null },
  V1ConfigMapVolumeSource: { name: null },
  V1EnvFromSource: { configMapRef: 'V1ConfigMapEnvSource' },
  V1ConfigMapEnvSource: { name: null },
};

/** SparkKubernetesOperator overrides the hook and keeps only V1EnvVar (operators/spark_kubernetes.py). */
export function nestedFieldsFor(operator: string, model: string): Record<string, string | null> | undefined {
  if (operator === 'SparkKubernetesOperator' && model !== 'V1EnvVar') return undefined;
  return NESTED_TEMPLATE_FIELDS[model];
}

/** `template_ext` per operator: only SparkKubernetesOperator has one (no leading dots, as in the provider). */
export function templateExtensions(operator: string): readonly string[] {
  return operator === 'SparkKubernetesOperator' ? ['yaml', 'yml', 'json'] : [];
}
