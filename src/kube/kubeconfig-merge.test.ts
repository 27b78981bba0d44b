import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kubeconfigPaths, KubeconfigParseError, mergeKubeconfigs } from './kubeconfig-merge.js';

const first = {
  path: '/home/u/.kube/a.yaml',
  text: `
apiVersion: v1
kind: Config
clusters:
- name: shared
  cluster: {server: "https://a.example", certificate-authority: certs/ca.crt}
users:
- name: alice
  user: {client-certificate: alice.crt, client-key: /abs/alice.key, tokenFile: ../tok}
- name: plugin-user
  user: {exec: {command: ./bin/auth, apiVersion: client.authentication.k8s.io/v1}}
- name: path-plugin
  user: {exec: {command: gke-gcloud-auth-plugin}}
contexts:
- name: a
  context: {cluster: shared, user: alice}
`,
};
const second = {
  path: '/etc/kube/b.yaml',
  text: `
clusters:
- name: shared
  cluster: {server: "https://b.example"}
- name: other
  cluster: {server: "https://other.example", certificate-authority: ca.pem}
contexts:
- name: a
  context: {cluster: other, user: alice}
- name: b
  context: {cluster: other, user: alice, namespace: team}
current-context: b
`,
};
const third = { path: '/x/c.yaml', text: 'current-context: c\n' };

test('first file wins for duplicate names; later duplicates are skipped, not an error', () => {
  const m = mergeKubeconfigs([first, second]);
  assert.deepEqual(m.clusters.map((c) => [c.name, (c['cluster'] as { server: string }).server]), [
    ['shared', 'https://a.example'],
    ['other', 'https://other.example'],
  ]);
  assert.deepEqual(m.contexts.map((c) => [c.name, (c['context'] as { cluster: string }).cluster]), [
    ['a', 'shared'],
    ['b', 'other'],
  ]);
});

test('current-context comes from the first file that sets one', () => {
  assert.equal(mergeKubeconfigs([first, second, third]).currentContext, 'b');
  assert.equal(mergeKubeconfigs([third, second]).currentContext, 'c');
});

test('relative cert, key and tokenFile paths resolve against the file naming them; exec commands only with a separator', () => {
  const m = mergeKubeconfigs([first, second]);
  const user = (name: string) => m.users.find((u) => u.name === name)?.['user'] as Record<string, unknown>;
  assert.equal((m.clusters[0]?.['cluster'] as Record<string, unknown>)['certificate-authority'], '/home/u/.kube/certs/ca.crt');
  assert.equal((m.clusters[1]?.['cluster'] as Record<string, unknown>)['certificate-authority'], '/etc/kube/ca.pem');
  assert.equal(user('alice')['client-certificate'], '/home/u/.kube/alice.crt');
  assert.equal(user('alice')['client-key'], '/abs/alice.key');
  assert.equal(user('alice')['tokenFile'], '/home/u/tok');
  assert.equal((user('plugin-user')['exec'] as { command: string }).command, '/home/u/.kube/bin/auth');
  assert.equal((user('path-plugin')['exec'] as { command: string }).command, 'gke-gcloud-auth-plugin');
});

test('a broken file is reported with its path', () => {
  assert.throws(() => mergeKubeconfigs([{ path: '/x/bad.yaml', text: 'clusters: {a: 1}' }]), (e: unknown) => e instanceof KubeconfigParseError && /\/x\/bad\.yaml: clusters must be a list/.test(e.message));
  assert.throws(() => mergeKubeconfigs([{ path: '/x/bad.yaml', text: 'users:\n- user: {}' }]), /\/x\/bad\.yaml: users\[0\]\.name is missing/);
});

test('which files are read: an explicit path alone, else KUBECONFIG entries (deduplicated), else ~/.kube/config', () => {
  assert.deepEqual(kubeconfigPaths({ explicitPath: '/p', kubeconfigEnv: '/a:/b', homeDir: '/h', delimiter: ':' }), ['/p']);
  assert.deepEqual(kubeconfigPaths({ kubeconfigEnv: '/a::/b:/a', homeDir: '/h', delimiter: ':' }), ['/a', '/b']);
  assert.deepEqual(kubeconfigPaths({ kubeconfigEnv: '', homeDir: '/h', delimiter: ':' }), ['/h/.kube/config']);
});
