// A restricted user for RBAC tests: a ServiceAccount bound to a namespaced Role that may only read
// pods, and a kubeconfig carrying a short-lived token from the TokenRequest API
// (serviceaccounts/token), the way a user's cloud kubeconfig hands out a limited identity.
import { KubeConfig } from '@kubernetes/client-node';
import type { TestNamespace } from './cluster.js';

export async function restrictedKubeConfig(t: TestNamespace, name = 'reader'): Promise<KubeConfig> {
  const namespace = t.namespace;
  await t.core.createNamespacedServiceAccount({ namespace, body: { metadata: { name } } });
  await t.rbac.createNamespacedRole({
    namespace,
    body: { metadata: { name }, rules: [{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] }] },
  });
  await t.rbac.createNamespacedRoleBinding({
    namespace,
    body: {
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace }],
    },
  });
  const tr = await t.core.createNamespacedServiceAccountToken({
    namespace,
    name,
    body: { spec: { audiences: [], expirationSeconds: 3600 } },
  });
  const token = tr.status?.token;
  if (!token) throw new Error('TokenRequest returned no token');
  const admin = t.kc.getCurrentCluster();
  if (!admin) throw new Error('no current cluster in the admin kubeconfig');
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: admin.name, server: admin.server, caFile: admin.caFile, caData: admin.caData, skipTLSVerify: false }],
    users: [{ name: `${namespace}-${name}`, token }],
    contexts: [{ name: 'restricted', cluster: admin.name, user: `${namespace}-${name}`, namespace }],
    currentContext: 'restricted',
  });
  return kc;
}
