// kubectl's kubeconfig rules and exec credential plugins against the real kube-apiserver: a multi-file KUBECONFIG
// with duplicate names and paths relative to each file, a plugin whose token the server accepts, a missing plugin
// and a hanging one.
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { KubeError, openKubeClient } from '../../src/kube/index.js';
import { withTestCluster } from '../harness/k8s/cluster.js';
import type { TestNamespace } from '../harness/k8s/cluster.js';
import { restrictedKubeConfig } from '../harness/k8s/restricted.js';

async function failure(p: Promise<unknown>): Promise<KubeError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  assert.ok(e instanceof KubeError, `expected a KubeError, got ${String(e)}`);
  return e;
}

function write(path: string, text: string, mode = 0o600): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

/** The cluster's server URL and its CA/admin files (written by start.sh into $STATE/pki). */
function clusterFiles(t: TestNamespace): { server: string; pki: string } {
  return { server: t.env.api, pki: join(t.env.state, 'pki') };
}

test('a multi-file KUBECONFIG: first wins for duplicates, current-context from the first that sets it, paths relative to each file', () =>
  withTestCluster(async (t) => {
    const { server, pki } = clusterFiles(t);
    const root = mkdtempSync(join(tmpdir(), 'kt-kube-multi-'));
    // file 1: the real cluster and admin user, with CA, cert and key named relative to this file's folder
    mkdirSync(join(root, 'one', 'certs'), { recursive: true });
    for (const f of ['ca.crt', 'admin.crt', 'admin.key']) copyFileSync(join(pki, f), join(root, 'one', 'certs', f));
    const one = write(join(root, 'one', 'config'), [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{name: test, cluster: {server: "${server}", certificate-authority: certs/ca.crt}}]`,
      'users: [{name: admin, user: {client-certificate: certs/admin.crt, client-key: certs/admin.key}}]',
      `contexts: [{name: real, context: {cluster: test, user: admin, namespace: ${t.namespace}}}]`,
    ].join('\n'));
    // file 2: the same names pointing nowhere (skipped, not an error), and the current-context
    const two = write(join(root, 'two', 'config'), [
      'clusters: [{name: test, cluster: {server: "https://127.0.0.1:9", certificate-authority: missing.crt}}]',
      'users: [{name: admin, user: {token: wrong}}]',
      'contexts: [{name: real, context: {cluster: test, user: admin}}, {name: decoy, context: {cluster: test, user: admin}}]',
      'current-context: real',
    ].join('\n'));
    const three = write(join(root, 'three', 'config'), 'current-context: decoy\n');
    const before = [one, two, three].map((f) => readFileSync(f, 'utf8'));
    const kube = openKubeClient({ kubeconfigEnv: [one, two, three].join(':') });
    assert.equal(kube.contextName, 'real');
    assert.equal(kube.namespace, t.namespace);
    assert.equal(kube.server, server);
    assert.ok((await kube.listNamespaces()).includes(t.namespace));
    assert.deepEqual([one, two, three].map((f) => readFileSync(f, 'utf8')), before, 'the kubeconfig files are never written');
  }));

test("an exec plugin's token is what the server sees; a missing plugin and a hanging plugin fail clearly", () =>
  withTestCluster(async (t) => {
    const { server, pki } = clusterFiles(t);
    const root = mkdtempSync(join(tmpdir(), 'kt-kube-exec-'));
    const kc = await restrictedKubeConfig(t);
    const token = kc.getCurrentUser()?.token ?? '';
    const credential = JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token } });
    write(join(root, 'plugins', 'token.sh'), `#!/bin/sh\ncat <<'EOF'\n${credential}\nEOF\n`, 0o755);
    write(join(root, 'plugins', 'hang.sh'), '#!/bin/sh\nexec sleep 600\n', 0o755);
    const config = (name: string, exec: string) =>
      write(join(root, `${name}.yaml`), [
        `clusters: [{name: c, cluster: {server: "${server}", certificate-authority: ${join(pki, 'ca.crt')}}}]`,
        `users: [{name: u, user: {exec: ${exec}}}]`,
        `contexts: [{name: x, context: {cluster: c, user: u, namespace: ${t.namespace}}}]`,
        'current-context: x',
      ].join('\n'));
    const v1 = 'apiVersion: client.authentication.k8s.io/v1';

    const viaPlugin = openKubeClient({ kubeconfigPath: config('token', `{${v1}, command: ./plugins/token.sh}`) });
    assert.deepEqual((await viaPlugin.list('Pod')).items, [], 'the plugin token may list pods');
    assert.match((await failure(viaPlugin.listNamespaces())).message, new RegExp(`system:serviceaccount:${t.namespace}:reader`), 'and is the reader, not the admin');

    const missing = await failure(openKubeClient({ kubeconfigPath: config('missing', `{${v1}, command: kubetasks-missing-plugin, installHint: "see https://example.invalid/install"}`) }).list('Pod'));
    assert.equal(missing.reason, 'AuthPluginMissing');
    assert.match(missing.message, /"kubetasks-missing-plugin" was not found.*see https:\/\/example\.invalid\/install.*PATH/s);

    const started = Date.now();
    const hanging = await failure(openKubeClient({ kubeconfigPath: config('hang', `{${v1}, command: ./plugins/hang.sh}`), execPluginTimeoutMs: 1500 }).list('Pod'));
    assert.equal(hanging.reason, 'AuthPluginTimeout');
    assert.ok(Date.now() - started < 10_000, 'the timeout ends the wait');
  }));
