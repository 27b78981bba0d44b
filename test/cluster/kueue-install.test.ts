// `kubetasks kueue install` against the real kube-apiserver (issue 13), with the manifest served by a loopback HTTP
// server: a real install downloads Kueue's release from github.com, which this machine cannot reach. The small
// manifest has what Kueue's has that matters here: a Namespace (the test's own: AlreadyExists is tolerated), a CRD
// and an object of its kind (created once the CRD is Established), a ConfigMap, and a Deployment whose pod runs on
// kwok's node, so it becomes Available.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { main } from '../../src/cli/main.js';
import { withTestCluster, type TestNamespace } from '../harness/k8s/cluster.js';
import { kwokPlacement } from '../harness/k8s/fixtures.js';
import { cli } from './launch-harness.js';

function manifest(t: TestNamespace, group: string): string {
  const deployment = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'controller', namespace: t.namespace },
    spec: {
      replicas: 1, selector: { matchLabels: { app: 'controller' } },
      template: { metadata: { labels: { app: 'controller' } }, spec: { ...kwokPlacement, containers: [{ name: 'manager', image: 'debian' }] } },
    },
  };
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${t.namespace}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: manager-config
  namespace: ${t.namespace}
data:
  config.yaml: "waitForPodsReady: {enable: false}"
---
apiVersion: ${group}/v1
kind: Widget
metadata:
  name: w1
  namespace: ${t.namespace}
spec:
  size: 2
---
${JSON.stringify(deployment)}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.${group}
spec:
  group: ${group}
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec: {type: object, properties: {size: {type: integer}}}
`;
}

/** Serves `routes` on 127.0.0.1 (anything else: 404) for the duration of `fn`. */
async function withServer<T>(routes: Record<string, string>, fn: (base: string) => Promise<T>): Promise<T> {
  const server: Server = createServer((req, res) => {
    const body = routes[req.url ?? ''];
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/yaml' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await fn(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

async function deleteCrd(t: TestNamespace, name: string): Promise<void> {
  await t.custom.deleteClusterCustomObject({ group: 'apiextensions.k8s.io', version: 'v1', plural: 'customresourcedefinitions', name }).catch(() => undefined);
}

test('kueue install: the plan first, then --yes creates every object and waits for the Deployment', () =>
  withTestCluster(async (t) => {
    const group = `install-${randomBytes(3).toString('hex')}.kubetasks.test`;
    try {
      await withServer({ '/manifests.yaml': manifest(t, group) }, async (base) => {
        const url = `${base}/manifests.yaml`;
        const plan = await cli(t, ['kueue', 'install', '--manifest-url', url]);
        assert.equal(plan.code, 0, plan.stderr);
        const lines = plan.stdout.trim().split('\n').slice(1).map((l) => l.trim());
        assert.deepEqual(lines, [`create Namespace ${t.namespace}`, `create CustomResourceDefinition widgets.${group}`,
          `create ConfigMap ${t.namespace}/manager-config`, `create Widget ${t.namespace}/w1`, `create Deployment ${t.namespace}/controller`]);
        assert.match(plan.stderr, /nothing created; run again with --yes/);
        await assert.rejects(t.core.readNamespacedConfigMap({ namespace: t.namespace, name: 'manager-config' }));

        const run = await cli(t, ['kueue', 'install', '--manifest-url', url, '--yes']);
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stdout, new RegExp(`^exists  Namespace ${t.namespace}$`, 'm'));
        assert.match(run.stdout, /^created Widget .*\/w1$/m);
        assert.match(run.stderr, new RegExp(`Available: ${t.namespace}/controller`));
        const deployment = await t.kc.makeApiClient((await import('@kubernetes/client-node')).AppsV1Api).readNamespacedDeployment({ namespace: t.namespace, name: 'controller' });
        assert.equal(deployment.status?.conditions?.find((c) => c.type === 'Available')?.status, 'True');

        // a second install finds everything there, as the operator's "Kueue is already installed"
        const again = await cli(t, ['kueue', 'install', '--manifest-url', url, '--yes']);
        assert.equal(again.code, 0, again.stderr);
        assert.doesNotMatch(again.stdout, /^created/m);
      });
    } finally {
      await deleteCrd(t, `widgets.${group}`);
    }
  }));

test('kueue install: an unreachable or broken manifest is refused before the cluster is touched', () =>
  withServer({ '/broken.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [\n', '/nameless.yaml': 'apiVersion: v1\nkind: ConfigMap\n' }, async (base) => {
    const run = async (url: string) => {
      let stderr = '';
      const code = await main(['kueue', 'install', '--manifest-url', url, '--yes', '--kubeconfig', '/nonexistent'], { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) } });
      return { code, stderr };
    };
    const missing = await run(`${base}/missing.yaml`);
    assert.equal(missing.code, 4);
    assert.match(missing.stderr, /HTTP 404/);
    const broken = await run(`${base}/broken.yaml`);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /broken\.yaml:4:1: error KT5020 YAML error in the manifest/);
    const nameless = await run(`${base}/nameless.yaml`);
    assert.equal(nameless.code, 2);
    assert.match(nameless.stderr, /KT5020 an object without apiVersion, kind or metadata.name/);
  }));
