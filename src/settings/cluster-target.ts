/**
 * Which kubeconfig, context and namespace the editor talks to, and where a launched task goes. Pure: the adapter
 * passes the settings and what the user picked in the status bar (kept per workspace, never written to the
 * kubeconfig, as kubectl's `--context`/`--namespace` flags leave it alone).
 */
import type { Settings } from './settings.js';

/** What the status bar picker remembers for this workspace. */
export interface ClusterPick {
  context?: string;
  namespace?: string;
}

/** The overrides the kube layer's kubeconfig loader takes (src/kube KubeconfigOverrides, by value). */
export interface ClusterTarget {
  kubeconfigPath?: string;
  context?: string;
  namespace?: string;
}

/**
 * The picked context wins over `kubetasks.context`, which wins over the kubeconfig's current-context; the picked
 * namespace over `kubetasks.namespace` over the context's own. Empty strings mean "not set".
 */
export function resolveClusterTarget(settings: Pick<Settings, 'kubeconfig' | 'context' | 'namespace'>, pick: ClusterPick): ClusterTarget {
  const context = nonEmpty(pick.context) ?? nonEmpty(settings.context);
  const namespace = nonEmpty(pick.namespace) ?? nonEmpty(settings.namespace);
  const kubeconfigPath = nonEmpty(settings.kubeconfig);
  return { ...(kubeconfigPath ? { kubeconfigPath } : {}), ...(context ? { context } : {}), ...(namespace ? { namespace } : {}) };
}

/**
 * The namespace a launched pod goes to, by Airflow's rule (KubernetesPodOperator.build_pod_request_obj: the pod
 * template's `metadata.namespace`, else `self.namespace or hook.get_namespace() or "default"`): the task's own
 * `namespace` argument wins, then a namespace its pod template sets; only a task that resolves to none takes the
 * editor's fallback (the picked namespace, else the setting, else the context's), else "default". The pure renderer
 * writes "default" for a task without one (it has no hook), so a rendered "default" with no argument counts as none.
 */
export function launchNamespace(taskNamespace: unknown, renderedNamespace: unknown, fallback: string | undefined): string {
  if (typeof taskNamespace === 'string' && taskNamespace !== '') return taskNamespace;
  if (typeof renderedNamespace === 'string' && renderedNamespace !== '' && renderedNamespace !== 'default') return renderedNamespace;
  return nonEmpty(fallback) ?? 'default';
}

/** A short status bar text: `context / namespace`. */
export function clusterLabel(context: string | undefined, namespace: string | undefined): string {
  return `${nonEmpty(context) ?? '(no context)'} / ${nonEmpty(namespace) ?? 'default'}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
