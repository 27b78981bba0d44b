// The real node is secured and isolated like a real cluster's: the kubelet authenticates clients by
// certificate or token and authorizes them through kube-apiserver, has no read-only port, listens only
// on the harness's bridge and loopback; pods have no route off the bridge and no reachable DNS.
// Nothing here sends traffic outward: it reads rules, routes and sockets, and talks to the node's address.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { connect } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { withTestCluster } from '../harness/k8s/cluster.js';
import type { TestNamespace } from '../harness/k8s/cluster.js';
import { execInPod } from '../harness/k8s/pod-exec.js';
import { realNode, realPod, runReal } from '../harness/k8s/real-node.js';
import { restrictedKubeConfig } from '../harness/k8s/restricted.js';

async function kubeletPort(t: TestNamespace): Promise<number> {
  const node = await t.core.readNode({ name: realNode(t) });
  return node.status?.daemonEndpoints?.kubeletEndpoint?.Port ?? 0;
}

function kubeletGet(t: TestNamespace, port: number, path: string, auth: { cert?: Buffer; key?: Buffer; token?: string }): Promise<number> {
  const ca = readFileSync(join(t.env.state, 'pki/ca.crt'));
  const headers = auth.token ? { Authorization: `Bearer ${auth.token}` } : undefined;
  return new Promise((resolve, reject) => {
    const req = request({ host: t.env.nodeIp, port, path, ca, cert: auth.cert, key: auth.key, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

test('the kubelet refuses anonymous requests, authorizes through kube-apiserver and has no read-only port', () =>
  withTestCluster(async (t) => {
    const port = await kubeletPort(t);
    const pki = (f: string) => readFileSync(join(t.env.state, 'pki', f));
    assert.equal(await kubeletGet(t, port, '/pods', {}), 401, 'anonymous: Unauthorized');
    // kube-apiserver's own client certificate, bound to system:kubelet-api-admin
    assert.equal(await kubeletGet(t, port, '/pods', { cert: pki('kubelet-client.crt'), key: pki('kubelet-client.key') }), 200);
    // a ServiceAccount token that may read pods but not nodes/proxy: the webhook SubjectAccessReview says no
    const reader = await restrictedKubeConfig(t);
    const token = reader.getCurrentUser()?.token;
    assert.equal(await kubeletGet(t, port, '/pods', { token }), 403, 'authenticated but not authorized: Forbidden');
    await assert.rejects(
      new Promise<void>((resolve, reject) => {
        const s = connect({ host: t.env.nodeIp, port: 10255 }, () => (s.end(), resolve()));
        s.on('error', reject);
      }),
      /ECONNREFUSED/,
      'nothing listens on the read-only port 10255',
    );
  }));

test("the node's processes listen only on loopback and the bridge address", () =>
  withTestCluster(async (t) => {
    realNode(t);
    // this cluster's processes by the PIDs start.sh recorded (other clusters may run beside it)
    const pids = ['kubelet', 'containerd', 'registry'].map((n) => readFileSync(join(t.env.state, 'pids', `${n}.pid`), 'utf8').split(' ')[0]);
    const ss = spawnSync('ss', ['-Hltnp'], { encoding: 'utf8' });
    assert.equal(ss.status, 0, ss.stderr);
    const ours = ss.stdout.split('\n').filter((l) => pids.some((p) => l.includes(`pid=${p},`)));
    assert.ok(ours.some((l) => l.includes(`pid=${pids[0]},`)), `kubelet sockets in:\n${ss.stdout}`);
    for (const line of ours) {
      const local = line.trim().split(/\s+/)[3] ?? '';
      const host = local.slice(0, local.lastIndexOf(':')).replace(/^\[|\]$/g, '');
      assert.ok(host === '127.0.0.1' || host === t.env.nodeIp, `listens on ${local}: ${line}`);
    }
  }));

test('pods have no route off the bridge and no reachable nameserver; forwarding off the bridge is dropped', () =>
  withTestCluster(async (t) => {
    await runReal(t, realPod('island', [{ name: 'base', command: ['sleep', '3600'] }]));
    const routes = (await execInPod(t, 'island', 'base', ['cat', '/proc/net/route'])).stdout.trim().split('\n').slice(1);
    assert.ok(routes.length > 0);
    for (const r of routes) assert.notEqual(r.split(/\s+/)[1], '00000000', `no default route: ${r}`);
    const resolv = (await execInPod(t, 'island', 'base', ['cat', '/etc/resolv.conf'])).stdout;
    assert.deepEqual(resolv.match(/^nameserver .*$/gm), ['nameserver 127.0.0.1']);
    const rules = spawnSync('iptables', ['-w', '5', '-S', 'FORWARD'], { encoding: 'utf8' });
    assert.equal(rules.status, 0, rules.stderr);
    const drop = rules.stdout.split('\n').find((l) => l.includes(`-i ${t.env.bridge} ! -o ${t.env.bridge}`));
    assert.match(drop ?? '', / -j DROP$/, `a DROP rule for ${t.env.bridge} in:\n${rules.stdout}`);
    const pod = await t.core.readNamespacedPod({ namespace: t.namespace, name: 'island' });
    assert.equal(pod.status?.podIP?.split('.').slice(0, 3).join('.'), t.env.nodeIp.split('.').slice(0, 3).join('.'));
  }));
