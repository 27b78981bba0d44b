/**
 * Public surface of src/operators: Airflow-faithful renderers for the cncf.kubernetes operators (provider 10.25.0),
 * the task-file format, and the per-operator parameter tables. Pure: callers do all I/O (template files are read
 * through `RenderOptions.readFile`).
 */
export type { TaskSpec, TaskTemplating, TaskValue, SourceRange } from './task.js';
export { dictMarker, locate, modelMarker } from './task.js';
export type { TaskContext } from './labels.js';
export { makeSafeLabelValue } from './labels.js';
export type { TaskFile } from './task-file.js';
export { parseTaskFile, parseContext } from './task-file.js';
export { checkTaskConstruction } from './task-construct.js';
export type { RenderOptions, RenderFormat, Manifest, RenderedTask } from './render-task.js';
export { renderTask } from './render-task.js';
export type { ApiOutput } from './render-operator.js';
export type { Plan } from './job-plans.js';
export type { RandomSource } from './naming.js';
export { seededRandom, slugify } from './naming.js';
export type { OperatorName } from './parameters/operator-params.js';
export {
  operatorNames, isOperatorName, operatorParams, findParam, requiredParamNames, templateExtensions,
} from './parameters/operator-params.js';
export type { ParamSpec, ValueShape } from './parameters/param-spec.js';
export { toJsonText, toYamlText, toPrintable } from './manifest-text.js';
export { pinnedAirflowVersion, pinnedProviderVersion } from './versions.js';
export { kubernetesClientVersion } from './k8s-model.js';
export { apiObjectToDict } from './model-dict.js';
export type { FieldOrigin, FieldPath, Provenance, ProvenanceOptions } from './provenance.js';
export { buildProvenance, parseFieldPath } from './provenance.js';
export type { CheckFinding, ServerRefusal } from './check-findings.js';
export { checkCodes, locateFindings, toCheckFindings, withoutFields } from './check-findings.js';
export type { ManifestObject, ManifestPlan } from './manifest-plan.js';
export { formatPlanLine, planManifest } from './manifest-plan.js';
