/**
 * Import statements bind names to qualified symbols: `import kubernetes.client as k8s` binds `k8s` to
 * `kubernetes.client`; `from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator as KPO`
 * binds `KPO` to the full dotted path. Classification (operator, model, Airflow name) happens on use.
 * Python reference: "The import statement".
 */
import type { Node } from 'web-tree-sitter';
import { starImportNames } from './operator-classes.js';
import type { Scope } from './scan-state.js';

function bind(scope: Scope, name: string, qualified: string): void {
  scope.vars.set(name, { kind: 'symbol', qualified });
}

/** `import a.b.c` binds `a`; `import a.b as x` binds `x` to `a.b`. */
export function executeImport(node: Node, scope: Scope): void {
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'dotted_name') {
      const first = child.text.split('.')[0] ?? child.text;
      bind(scope, first, first);
    } else if (child.type === 'aliased_import') {
      const name = child.childForFieldName('name')?.text;
      const alias = child.childForFieldName('alias')?.text;
      if (name && alias) bind(scope, alias, name);
    }
  }
}

/** `from m import a, b as c` and `from m import *` (for the Airflow modules whose names we know). */
export function executeImportFrom(node: Node, scope: Scope): void {
  const moduleNode = node.childForFieldName('module_name');
  if (!moduleNode || moduleNode.type === 'relative_import') return;
  const module = moduleNode.text.replace(/\s+/g, '');
  for (const child of node.namedChildren) {
    if (!child || child.id === moduleNode.id) continue;
    if (child.type === 'wildcard_import') {
      for (const name of starImportNames(module)) bind(scope, name, `${module}.${name}`);
    } else if (child.type === 'dotted_name') {
      bind(scope, child.text, `${module}.${child.text}`);
    } else if (child.type === 'aliased_import') {
      const name = child.childForFieldName('name')?.text;
      const alias = child.childForFieldName('alias')?.text;
      if (name && alias) bind(scope, alias, `${module}.${name}`);
    }
  }
}
