// src/kube against the real kube-apiserver: create/get/list/patch/delete for the kinds KubeTasks runs and any
// manifest object, the error reasons a user meets (403, missing namespace, 409 AlreadyExists vs Conflict), and a
// server dry run with field causes. Everything goes through src/kube; the harness only provides namespaces.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createKubeClient, KubeError, openKubeClient } from '../../src/kube/index.js';
import type { KubeClient, KubeObject } from '../../src/kube/index.js';
import { withTestCluster } from '../harness/k8s/cluster.js';
import type { TestNamespace } from '../harness/k8s/cluster.js';
import { testJob, testPod } from '../harness/k8s/fixtures.js';
import { restrictedKubeConfig } from '../harness/k8s/restricted.js';

function clientFor(t: TestNamespace): KubeClient {
  return openKubeClient({ kubeconfigPath: t.env.kubeconfig, namespace: t.namespace });
}

async function failure(p: Promise<unknown>): Promise<KubeError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  assert.ok(e instanceof KubeError, `expected a KubeError, got ${String(e)}`);
  return e;
}

const labels = (o: KubeObject): Record<string, string> => ((o.metadata?.['labels'] ?? {}) as Record<string, string>);

test('pods: create, get, paged list without managedFields, merge/strategic/JSON patch, delete with grace period', () =>
  withTestCluster(async (t) => {
    const kube = clientFor(t);
    for (const name of ['p1', 'p2', 'p3', 'p4', 'p5']) await kube.create(testPod(name, { labels: { app: 'kube-objects' } }) as KubeObject);
    const got = await kube.get('Pod', 'p1');
    assert.equal(got.metadata?.namespace, t.namespace);
    assert.ok(!('managedFields' in (got.metadata ?? {})), 'managedFields dropped on get');
    const list = await kube.list('Pod', { labelSelector: 'app=kube-objects', pageSize: 2 });
    assert.deepEqual(list.items.map((p) => p.metadata?.name).sort(), ['p1', 'p2', 'p3', 'p4', 'p5']);
    assert.ok(list.items.every((p) => !('managedFields' in (p.metadata ?? {}))));
    assert.match(list.resourceVersion, /^\d+$/);

    const merged = await kube.patch('Pod', 'p1', { metadata: { labels: { stage: 'merge' } } }, { type: 'merge' });
    assert.equal(labels(merged)['stage'], 'merge');
    const strategic = await kube.patch('Pod', 'p1', { metadata: { labels: { stage: 'strategic' } } }, { type: 'strategic' });
    assert.equal(labels(strategic)['stage'], 'strategic');
    const json = await kube.patch('Pod', 'p1', [{ op: 'add', path: '/metadata/labels/already_checked', value: 'True' }], { type: 'json' });
    assert.deepEqual({ ...labels(json) }, { app: 'kube-objects', stage: 'strategic', already_checked: 'True' });

    await kube.delete('Pod', 'p1', { gracePeriodSeconds: 0 });
    assert.equal((await failure(kube.get('Pod', 'p1'))).reason, 'NotFound');
  }));

test('Jobs, SparkApplications, Kueue Workloads, Events, Namespaces and any manifest object (by discovery)', () =>
  withTestCluster(async (t) => {
    const kube = clientFor(t);
    await kube.create({ ...testJob('job-1', { suspend: true }) } as KubeObject);
    assert.equal((await kube.list('Job')).items.length, 1);
    await kube.delete('Job', 'job-1', { propagationPolicy: 'Background' });

    const spark = await kube.create({
      apiVersion: 'sparkoperator.k8s.io/v1beta2',
      kind: 'SparkApplication',
      metadata: { name: 'pi' },
      spec: { type: 'Scala', mode: 'cluster', image: 'spark:3.5.5', mainClass: 'org.apache.spark.examples.SparkPi', mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples.jar', sparkVersion: '3.5.5', driver: {}, executor: { instances: 1 } },
    });
    assert.equal(spark.metadata?.name, 'pi');
    assert.equal((await kube.get('SparkApplication', 'pi')).kind, 'SparkApplication');

    const workload = await kube.create({
      apiVersion: 'kueue.x-k8s.io/v1beta2',
      kind: 'Workload',
      metadata: { name: 'wl' },
      spec: { queueName: 'user-queue', podSets: [{ name: 'main', count: 1, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'base', image: 'busybox:1.36' }] } } }] },
    });
    assert.equal(workload.kind, 'Workload');
    assert.deepEqual((await kube.list('Workload')).items.map((w) => w.metadata?.name), ['wl']);

    await kube.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: '1' } });
    const cm = await kube.get({ apiVersion: 'v1', kind: 'ConfigMap' }, 'cm');
    assert.deepEqual(cm['data'], { a: '1' });
    await kube.create({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'ev' }, involvedObject: { kind: 'Pod', name: 'x', namespace: t.namespace }, reason: 'Tested', message: 'from src/kube', type: 'Normal' });
    assert.ok((await kube.list('Event', { fieldSelector: 'reason=Tested' })).items.some((e) => e['message'] === 'from src/kube'));
    assert.equal((await kube.get('Namespace', t.namespace)).metadata?.name, t.namespace);
    assert.ok((await kube.listNamespaces()).includes(t.namespace));
  }));

test('409: AlreadyExists apart from Conflict; a missing namespace is NotFound; messages read like kubectl', () =>
  withTestCluster(async (t) => {
    const kube = clientFor(t);
    const pod = await kube.create(testPod('twice') as KubeObject);
    const exists = await failure(kube.create(testPod('twice') as KubeObject));
    assert.equal(exists.reason, 'AlreadyExists');
    assert.equal(exists.status, 409);
    assert.match(exists.message, /Error from server \(AlreadyExists\): pods "twice" already exists\. Delete the existing object or choose another name/);
    const stale = await failure(kube.patch('Pod', 'twice', { metadata: { resourceVersion: '1', labels: { a: 'b' } } }, { type: 'merge' }));
    assert.equal(stale.reason, 'Conflict', `${stale.message} (pod rv ${pod.metadata?.resourceVersion})`);
    assert.match(stale.message, /the object has been modified/);

    const missing = await failure(kube.create(testPod('nowhere') as KubeObject, { namespace: `${t.namespace}-missing` }));
    assert.equal(missing.reason, 'NotFound');
    assert.match(missing.message, /namespaces "kt-[0-9a-f]+-missing" not found/);
    // listing in a missing namespace is an empty list (as kubectl shows "No resources found"), reading it is NotFound
    assert.deepEqual((await kube.list('Pod', { namespace: `${t.namespace}-missing` })).items, []);
    assert.equal((await failure(kube.get('Namespace', `${t.namespace}-missing`))).reason, 'NotFound');
  }));

test("a restricted user's 403 is Forbidden with the server's words (the path the host suite fakes)", () =>
  withTestCluster(async (t) => {
    const kc = await restrictedKubeConfig(t);
    const restricted = createKubeClient(kc.exportConfig());
    assert.deepEqual((await restricted.list('Pod', { namespace: t.namespace })).items, []);
    const create = await failure(restricted.create(testPod('nope') as KubeObject, { namespace: t.namespace }));
    assert.equal(create.reason, 'Forbidden');
    assert.equal(create.status, 403);
    assert.match(create.message, new RegExp(`User "system:serviceaccount:${t.namespace}:reader" cannot create resource "pods"`));
    assert.match(create.message, /Ask a cluster administrator/);
    const namespaces = await failure(restricted.listNamespaces());
    assert.equal(namespaces.reason, 'Forbidden');
    assert.match(namespaces.message, /cannot list resource "namespaces"/);
  }));

test('server dry run: stores nothing, and returns field causes for invalid and unknown fields', () =>
  withTestCluster(async (t) => {
    const kube = clientFor(t);
    const accepted = await kube.serverDryRun(testPod('dry') as KubeObject);
    assert.ok(accepted.ok);
    assert.equal((await failure(kube.get('Pod', 'dry'))).reason, 'NotFound', 'a dry run stores nothing');

    const invalid = await kube.serverDryRun({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bad' }, spec: { containers: [{ name: 'base' }] } });
    assert.ok(!invalid.ok);
    assert.equal(invalid.error.reason, 'Invalid');
    assert.ok(invalid.causes.some((c) => c.field === 'spec.containers[0].image'), JSON.stringify(invalid.causes));

    const unknown = await kube.serverDryRun({ ...testPod('typo'), spec: { ...testPod('typo').spec, restartPolcy: 'Never' } } as KubeObject);
    assert.ok(!unknown.ok);
    assert.ok(unknown.causes.some((c) => c.field === 'spec.restartPolcy'), JSON.stringify(unknown.causes));
  }));
