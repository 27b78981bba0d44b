/** Every diagnostic code with a one-line explanation (docs/VALIDATION.md lists the same table). Codes are stable. */
export interface LintCode {
  code: string;
  summary: string;
}

export const lintCodes: readonly LintCode[] = [
  { code: 'KT1001', summary: 'YAML or JSON syntax error.' },
  { code: 'KT1002', summary: 'File larger than the size limit; not validated.' },
  { code: 'KT1003', summary: 'Binary content (a NUL character).' },
  { code: 'KT1004', summary: 'Aliases expand to too many nodes (YAML bomb guard).' },
  { code: 'KT1005', summary: 'Too many YAML nodes or documents.' },
  { code: 'KT1006', summary: 'Nesting deeper than the depth limit.' },
  { code: 'KT1007', summary: 'Duplicate key: yaml.safe_load keeps only the last value (warning).' },
  { code: 'KT2001', summary: 'Unknown field (with a did-you-mean suggestion).' },
  { code: 'KT2002', summary: 'Missing required field.' },
  { code: 'KT2003', summary: 'Wrong type (a string where a number is needed, …).' },
  { code: 'KT2004', summary: 'Value not in the known list (warning: enum sets grow between releases).' },
  { code: 'KT2005', summary: 'apiVersion or kind not the one the schema is for, or an unsupported apiVersion.' },
  { code: 'KT2006', summary: 'Other schema constraint (minimum, pattern, …).' },
  { code: 'KT2007', summary: 'Task file structure: a mapping with a known operator:.' },
  { code: 'KT3001', summary: 'Spark template kubernetes: section misses keys Airflow reads (AttributeError, airflow#41562).' },
  { code: 'KT3002', summary: 'Label-selector values given as a string; it must be a list.' },
  { code: 'KT3003', summary: 'Secret-looking env var with a plain value; use a Kubernetes Secret.' },
  { code: 'KT3004', summary: 'Job pod restartPolicy other than Never or OnFailure.' },
  { code: 'KT3005', summary: 'Invalid Kubernetes resource quantity.' },
  { code: 'KT3006', summary: 'containers[0] not named base: Airflow merges by position and renames it.' },
  { code: 'KT3007', summary: 'do_xcom_push without a write to /airflow/xcom/return.json (hint).' },
  { code: 'KT3008', summary: 'Name is not a valid DNS-1123 label or subdomain.' },
  { code: 'KT3009', summary: 'container_resources value Airflow converts (memory ÷1.4, int(cpu)).' },
  { code: 'KT3010', summary: 'Jinja in a file Airflow does not render (pod_template_file, job_template_file).' },
  { code: 'KT3011', summary: 'Spark value Airflow replaces with the kubernetes: section.' },
  { code: 'KT3012', summary: 'dynamicAllocation enabled without minExecutors/maxExecutors.' },
  { code: 'KT3013', summary: 'kubernetes.env_vars given as a list; Airflow needs a mapping.' },
  { code: 'KT3014', summary: 'Driver container_resources without executor container_resources (KeyError).' },
  { code: 'KT3015', summary: 'container_resources memory.limit Airflow cannot convert (crash).' },
  { code: 'KT3016', summary: 'successfulRunHistoryLimit in a SparkApplication (ScheduledSparkApplication only).' },
  { code: 'KT3017', summary: 'Task file value the operator\'s constructor refuses: Airflow raises when it parses the DAG.' },
];
