/**
 * Labels Airflow puts on what it launches: `pod_generator.make_safe_label_value` and
 * `KubernetesPodOperator._get_ti_pod_labels` (and SparkKubernetesOperator's variant).
 */
import { md5 } from '@noble/hashes/legacy';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import type { PyDict, PyValue } from './py-value.js';

const maxLabelLength = 63;

/** `hashlib.md5(value.encode()).hexdigest()`, from a maintained implementation (@noble/hashes) in the pure core. */
function md5Hex(text: string): string {
  return bytesToHex(md5(utf8ToBytes(text)));
}

/**
 * Trims non-alphanumerics at both ends and drops characters outside `[A-Za-z0-9_.-]`; if that changed anything or
 * the result is too long, keeps 53 characters and appends `-` plus 9 hex digits of the original's MD5.
 */
export function makeSafeLabelValue(value: string): string {
  let safe = value.replace(/^[^a-z0-9A-Z]*|[^a-zA-Z0-9_\-.]|[^a-z0-9A-Z]*$/g, '');
  if ([...safe].length > maxLabelLength || value !== safe) {
    const hash = md5Hex(value).slice(0, 9);
    safe = `${[...safe].slice(0, maxLabelLength - hash.length - 1).join('')}-${hash}`;
  }
  return safe;
}

/** The task instance a render pretends to run as (`context["ti"]` and `context["run_id"]`). */
export interface TaskContext {
  dag_id: string;
  run_id: string;
  try_number: number;
  map_index: number;
}

/** `_get_ti_pod_labels(context)`: identity labels, each made label-safe; `map_index` only when mapped. */
export function taskInstanceLabels(
  taskId: string,
  context: TaskContext | undefined,
  marker: 'kubernetes_pod_operator' | 'spark_kubernetes_operator',
): Record<string, string> {
  if (!context) return {};
  const labels: Record<string, string> = {
    dag_id: context.dag_id,
    task_id: taskId,
    run_id: context.run_id,
    [marker]: 'True',
  };
  if (context.map_index >= 0) labels.map_index = String(context.map_index);
  labels.try_number = String(context.try_number);
  for (const [key, value] of Object.entries(labels)) labels[key] = makeSafeLabelValue(value);
  return labels;
}

/** `_normalize_labels_dict`: None label values become "". */
export function normalizeLabels(labels: PyDict): PyDict {
  const out: PyDict = {};
  for (const [key, value] of Object.entries(labels)) out[key] = value === null ? '' : (value as PyValue);
  return out;
}
