/** Public surface of src/dags: find Kubernetes operator calls in Python DAG files and evaluate them statically. */
export type { DagScan, DagTask, PythonParser, ScanOptions, SourceRange, UnevaluatedArgument } from './scan-dag.js';
export { scanDag } from './scan-dag.js';
export type { GrammarBytes } from './python-parser.js';
export { createPythonParser } from './python-parser.js';
export type { OperatorKind } from './operator-classes.js';
export type { ParamTable, TaskParams } from './task-params.js';
export { toTaskParams, unmark } from './task-params.js';
export { findRenderableTasks, toParamTable, toTaskSpec, toXComJinja } from './to-task-spec.js';
export { toDagTaskFile } from './to-task-file.js';
export { findUnrenderedReferences } from './unrendered.js';
export type { DagLensTarget } from './dag-lenses.js';
export { findDagLensTargets, findTaskAt } from './dag-lenses.js';
export type { HoverInput } from './hover-summary.js';
export { summarizeDagTask } from './hover-summary.js';
export type { ValidateDagOptions } from './validate-dag.js';
export { validateDagScan } from './validate-dag.js';
