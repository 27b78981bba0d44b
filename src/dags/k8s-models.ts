/**
 * Kubernetes Python client models (`kubernetes.client.models.V1*`) as DAG files construct them. The attribute map is
 * generated from the Kubernetes OpenAPI spec by scripts/build-k8s-attribute-map.ts; it mirrors each model's
 * `attribute_map` (Python name → API field name) and the order of its `__init__` parameters.
 */
import attributeMap from './k8s-attribute-map.json' with { type: 'json' };

interface ModelInfo {
  /** [python attribute, API field] in `__init__` parameter order. */
  fields: string[][];
  /** Python attributes the client's setters refuse to leave `None` (client-side validation). */
  required: string[];
}

const models = attributeMap.models as Record<string, ModelInfo>;

/** The model's description, when `className` is a model the operators' objects can contain. */
export function findK8sModel(className: string): ModelInfo | undefined {
  return Object.hasOwn(models, className) ? models[className] : undefined;
}

/** Python attribute → API field name for one model, or undefined for an attribute the model does not have. */
export function toApiFieldName(className: string, attribute: string): string | undefined {
  return findK8sModel(className)?.fields.find(([python]) => python === attribute)?.[1];
}

/** The Python attribute bound by the `index`-th positional argument of the model's constructor. */
export function positionalAttribute(className: string, index: number): string | undefined {
  return findK8sModel(className)?.fields[index]?.[0];
}

/** `kubernetes.client.models.v1_pod.V1Pod`, `kubernetes.client.V1Pod`, … → `V1Pod`; otherwise undefined. */
export function toK8sModelClass(qualified: string): string | undefined {
  if (!qualified.startsWith('kubernetes.client.')) return undefined;
  const className = qualified.slice(qualified.lastIndexOf('.') + 1);
  return /^(?:[A-Z][a-z]+)?V\d/.test(className) ? className : undefined;
}
