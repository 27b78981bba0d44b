// The images the examples, tests, operator defaults and provider docs name are all served by the
// harness's loopback registry, and the real node pulls and runs them (one Debian root filesystem with
// procps, perl and python3). kubectl itself runs a container there and prints its output.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { withTestCluster } from '../harness/k8s/cluster.js';
import { collectImageNames, imageSources, registryPath } from '../harness/k8s/node/image-names.js';
import { readPodLog } from '../harness/k8s/pod-logs.js';
import { inPhase, realNode, realPod } from '../harness/k8s/real-node.js';

const REPO = resolve(import.meta.dirname, '../..');
const MANIFEST_TYPES = 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.index.v1+json';

test('every image name in examples/, test/, src/operators and the provider docs is in the registry', () =>
  withTestCluster(async (t) => {
    realNode(t);
    const names = collectImageNames(imageSources(REPO));
    for (const expected of ['debian', 'ubuntu:16.04', 'alpine:3.24.2', 'perl:5.34.0', 'busybox:1.36', 'quay.io/apache/bash', 'python:3.12-slim']) {
      assert.ok(names.includes(expected), `${expected} is found among ${names.join(', ')}`);
    }
    assert.ok(!names.some((n) => n.includes('spark')), 'Spark images are not published (Spark pods stay on kwok)');
    const missing: string[] = [];
    for (const name of names) {
      const path = registryPath(name);
      const colon = path.lastIndexOf(':');
      const res = await fetch(`http://${t.env.registry}/v2/${path.slice(0, colon)}/manifests/${path.slice(colon + 1)}`, { method: 'HEAD', headers: { Accept: MANIFEST_TYPES } });
      if (res.status !== 200) missing.push(`${name} (${res.status})`);
    }
    assert.deepEqual(missing, []);
  }));

test('images of Docker Hub, quay.io and other hosts run on the real node from the loopback registry', () =>
  withTestCluster(async (t) => {
    const pod = realPod('zoo', [
      { name: 'bash', image: 'quay.io/apache/bash', command: ['bash', '-c', 'echo "bash $BASH_VERSION"'] },
      { name: 'py', image: 'python:3.12-slim', command: ['python', '-c', 'import sys; print(sys.version_info[:2])'] },
      { name: 'ps', image: 'ubuntu:16.04', command: ['sh', '-c', 'command -v pgrep ps perl >/dev/null && echo procps'] },
    ]);
    await t.core.createNamespacedPod({ namespace: t.namespace, body: pod });
    const done = await inPhase(t, 'zoo', ['Succeeded', 'Failed'], 120_000);
    assert.equal(done.status?.phase, 'Succeeded', JSON.stringify(done.status?.containerStatuses?.map((s) => s.state)));
    assert.match(await readPodLog(t, 'zoo', 'bash'), /^bash 5\./);
    assert.equal(await readPodLog(t, 'zoo', 'py'), '(3, 11)\n');
    assert.equal(await readPodLog(t, 'zoo', 'ps'), 'procps\n');
  }));

test('kubectl run --image=debian … -- echo hello prints hello from a real container', () =>
  withTestCluster(async (t) => {
    realNode(t);
    const kubectl = join(t.env.bin, 'kubectl');
    const r = spawnSync(kubectl, ['run', 'hello', '--namespace', t.namespace, '--image=debian', '--restart=Never', '--rm', '-i', '--quiet', '--', 'echo', 'hello'], {
      encoding: 'utf8',
      env: { ...process.env, KUBECONFIG: t.env.kubeconfig },
      timeout: 120_000,
    });
    assert.equal(r.status, 0, r.stderr);
    // kubectl attaches, and when the container ended before the attach it prints the log instead:
    // "hello" once, or once more when both happened
    assert.match(r.stdout, /^hello\n(hello\n)?$/);
  }));
