/**
 * `k8s.V1*(...)` model constructors and the provider's `Secret(...)`. Both check their arguments the way Python
 * would at import time, so a DAG that Airflow cannot import gets an error at the offending argument.
 */
import type { Node } from 'web-tree-sitter';
import type { CallArguments } from './evaluate-call.js';
import { findK8sModel, positionalAttribute } from './k8s-models.js';
import { unknown, type PyValue } from './py-value.js';
import type { ScanState } from './scan-state.js';

/** Records a Python error (TypeError/ValueError at import) at `node`. */
export function reportError(state: ScanState, node: Node, code: string, message: string): void {
  state.problems.push({
    severity: 'error',
    code,
    message,
    start: { line: node.startPosition.row + 1, column: node.startPosition.column + 1 },
    end: { line: node.endPosition.row + 1, column: node.endPosition.column + 1 },
  });
}

/**
 * A Kubernetes client model. Keyword names are checked against the generated `__init__` (an unknown one is a
 * TypeError in Python); positional arguments bind in `__init__` order. Required attributes left `None` raise
 * ValueError in the client's setters (client-side validation, on by default).
 */
export function buildModel(className: string, node: Node, args: CallArguments, state: ScanState): PyValue {
  const info = findK8sModel(className);
  if (!info) return unknown(node, `k8s.${className} is not a model of the Pod or Job API`);
  if (args.splatFailure) return args.splatFailure;
  const fields = new Map<string, PyValue>();
  args.positional.forEach((arg, index) => {
    const attribute = positionalAttribute(className, index);
    if (attribute) fields.set(attribute, arg.value);
    else reportError(state, arg.node, 'KT4701', `${className}() takes at most ${info.fields.length} positional arguments`);
  });
  for (const [name, arg] of args.keywords) {
    if (info.fields.some(([python]) => python === name)) fields.set(name, arg.value);
    else reportError(state, arg.node, 'KT4701', `${className}() got an unexpected keyword argument '${name}'`);
  }
  for (const required of info.required) {
    const value = fields.get(required);
    if (!value || value.kind === 'none') {
      reportError(state, node, 'KT4702', `${className}: invalid value for \`${required}\`, must not be \`None\``);
    }
  }
  return { kind: 'model', className, fields };
}

const SECRET_PARAMS = ['deploy_type', 'deploy_target', 'secret', 'key', 'items'] as const;

/**
 * `Secret(deploy_type, deploy_target, secret, key=None, items=None)` (airflow/providers/cncf/kubernetes/secret.py).
 * Kept as its constructor arguments; the renderer applies the provider's rules (upper-casing, env vs volume).
 */
export function buildSecret(node: Node, args: CallArguments, state: ScanState): PyValue {
  if (args.splatFailure) return args.splatFailure;
  const fields = new Map<string, PyValue>();
  args.positional.forEach((arg, index) => {
    const name = SECRET_PARAMS[index];
    if (name) fields.set(name, arg.value);
    else reportError(state, arg.node, 'KT4703', 'Secret() takes at most 5 positional arguments');
  });
  for (const [name, arg] of args.keywords) {
    if ((SECRET_PARAMS as readonly string[]).includes(name)) fields.set(name, arg.value);
    else reportError(state, arg.node, 'KT4703', `Secret() got an unexpected keyword argument '${name}'`);
  }
  for (const name of SECRET_PARAMS.slice(0, 3)) {
    if (!fields.has(name)) reportError(state, node, 'KT4703', `Secret() missing required argument: '${name}'`);
  }
  return { kind: 'secret', fields };
}
