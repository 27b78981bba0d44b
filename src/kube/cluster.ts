/**
 * The KubeClient port and its client-node implementation: the only code that talks to a cluster. Callers pass
 * kubeconfig text (read by the edge), never a path, and the user's kubeconfig is never written.
 */
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { toKubeError } from './errors.js';

export interface KubeClient {
  /** The context this client talks to, as named in the kubeconfig. */
  readonly contextName: string;
  /** Names of the namespaces the credentials can list. */
  listNamespaces(options?: { signal?: AbortSignal }): Promise<string[]>;
}

/** Builds a client for `contextName` (default: the kubeconfig's current context). */
export function createKubeClient(kubeconfigText: string, contextName?: string): KubeClient {
  const config = new KubeConfig();
  config.loadFromString(kubeconfigText);
  if (contextName) config.setCurrentContext(contextName);
  const core = config.makeApiClient(CoreV1Api);
  return {
    contextName: config.getCurrentContext(),
    async listNamespaces(options) {
      options?.signal?.throwIfAborted();
      try {
        const list = await core.listNamespace();
        return list.items.map((ns) => ns.metadata?.name ?? '').filter((name) => name !== '');
      } catch (error) {
        throw toKubeError(error, 'list namespaces');
      }
    },
  };
}
