/**
 * The contexts the merged kubeconfig offers (kubectl `config get-contexts`), for the editor's context picker. Read
 * by kubectl's loading rules (kubeconfig.ts, kubeconfig-merge.ts); nothing is written.
 */
import { readKubeconfigFiles } from './kubeconfig.js';
import type { KubeconfigOverrides } from './kubeconfig.js';
import { mergeKubeconfigs } from './kubeconfig-merge.js';

export interface KubeconfigContext {
  name: string;
  cluster: string;
  user: string;
  /** The context's own namespace, if it sets one. */
  namespace: string | undefined;
}

export interface KubeconfigContexts {
  /** The merged `current-context` (first file that sets one). */
  current: string | undefined;
  contexts: KubeconfigContext[];
  /** The files read, in merge order. */
  files: string[];
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Every context of the kubeconfig kubectl would read with these overrides (only `kubeconfigPath` matters). */
export function listKubeconfigContexts(overrides: KubeconfigOverrides = {}): KubeconfigContexts {
  const merged = mergeKubeconfigs(readKubeconfigFiles(overrides));
  const contexts = merged.contexts.map((entry) => {
    const body = (typeof entry['context'] === 'object' && entry['context'] !== null ? entry['context'] : {}) as Record<string, unknown>;
    return { name: entry.name, cluster: text(body['cluster']) ?? '', user: text(body['user']) ?? '', namespace: text(body['namespace']) };
  });
  return { current: merged.currentContext, contexts, files: merged.files };
}
