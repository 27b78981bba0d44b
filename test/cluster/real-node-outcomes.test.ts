// How real containers end on the real node, as the provider reads them from the pod status:
// exit codes and reasons, the termination message, OOMKilled, a Job, graceful delete, a missing image.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withTestCluster } from '../harness/k8s/cluster.js';
import { readPodLog } from '../harness/k8s/pod-logs.js';
import { inPhase, realPod, runReal, terminated } from '../harness/k8s/real-node.js';
import { waitFor } from '../harness/k8s/wait.js';

test("the provider docs' termination-message example fails with the message and exit code 1", () =>
  withTestCluster(async (t) => {
    // KubernetesPodOperator(task_id="test_error_message", image="alpine", cmds=["/bin/sh"], arguments=[...])
    const pod = realPod('test-error-message', [{
      name: 'base', image: 'alpine', command: ['/bin/sh'],
      args: ['-c', 'echo hello world; echo Custom error > /dev/termination-log; exit 1;'],
    }]);
    await t.core.createNamespacedPod({ namespace: t.namespace, body: pod });
    const done = await inPhase(t, 'test-error-message', ['Failed', 'Succeeded']);
    assert.equal(done.status?.phase, 'Failed');
    const term = done.status?.containerStatuses?.[0]?.state?.terminated;
    assert.equal(term?.exitCode, 1);
    assert.equal(term?.reason, 'Error');
    assert.equal(term?.message, 'Custom error\n');
    assert.equal(await readPodLog(t, 'test-error-message', 'base'), 'hello world\n');
  }));

test('a container that exceeds its memory limit is OOMKilled (exit code 137)', () =>
  withTestCluster(async (t) => {
    // python3 holds 200 MiB against a 32 MiB limit: the cgroup's OOM killer ends it
    const pod = realPod('hog', [{
      name: 'base', command: ['python3', '-c', 'x = bytearray(200 * 1024 * 1024); print(len(x))'],
      resources: { limits: { memory: '32Mi', cpu: '200m' }, requests: { memory: '32Mi', cpu: '10m' } },
    }]);
    await t.core.createNamespacedPod({ namespace: t.namespace, body: pod });
    const term = await terminated(t, 'hog', 'base');
    assert.equal(term.reason, 'OOMKilled');
    assert.equal(term.exitCode, 137);
  }));

test("the provider docs' perl pi Job completes on the real node and logs 2000 digits", () =>
  withTestCluster(async (t) => {
    await t.batch.createNamespacedJob({
      namespace: t.namespace,
      body: {
        metadata: { name: 'test-pi' },
        spec: {
          backoffLimit: 0,
          template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }] } },
        },
      },
    });
    const job = await waitFor('Job test-pi complete', 120_000, async () => {
      const j = await t.batch.readNamespacedJob({ namespace: t.namespace, name: 'test-pi' });
      return (j.status?.succeeded ?? 0) + (j.status?.failed ?? 0) > 0 && j;
    });
    assert.equal(job.status?.succeeded, 1);
    const pods = await t.core.listNamespacedPod({ namespace: t.namespace, labelSelector: 'job-name=test-pi' });
    const log = await readPodLog(t, pods.items[0]?.metadata?.name ?? '', 'pi');
    // bpi(2000): 2000 significant digits
    assert.match(log, /^3\.14159265358979323846\d+\n$/);
    assert.equal(log.trim().replace('.', '').length, 2000);
    await t.batch.deleteNamespacedJob({ namespace: t.namespace, name: 'test-pi', propagationPolicy: 'Background' });
  }));

test('delete sends SIGTERM: a container that handles it is gone long before its grace period', () =>
  withTestCluster(async (t) => {
    const script = "trap 'echo got TERM; exit 0' TERM; echo ready; while true; do sleep 0.2; done";
    await runReal(t, realPod('polite', [{ name: 'base', command: ['sh', '-c', script] }], { terminationGracePeriodSeconds: 60 }));
    await waitFor('ready in the log', 20_000, async () => (await readPodLog(t, 'polite', 'base')) === 'ready\n');
    const t0 = Date.now();
    await t.core.deleteNamespacedPod({ namespace: t.namespace, name: 'polite' });
    await waitFor('pod polite gone', 60_000, async () => {
      try {
        await t.core.readNamespacedPod({ namespace: t.namespace, name: 'polite' });
        return false;
      } catch (e) {
        return (e as { code?: number }).code === 404;
      }
    });
    const seconds = (Date.now() - t0) / 1000;
    assert.ok(seconds < 30, `gone after ${seconds} s: the TERM trap ended it, not the 60 s grace period`);
  }));

test('an image no registry has fails to pull with ErrImagePull … not found', () =>
  withTestCluster(async (t) => {
    // .invalid (RFC 2606) names are never published (test/harness/k8s/node/image-names.ts)
    await t.core.createNamespacedPod({ namespace: t.namespace, body: realPod('ghost', [{ name: 'base', image: 'registry.invalid/no-such/image:1', command: ['true'] }]) });
    // what `kubectl describe pod` shows: "Failed to pull image …: … not found", then "Error: ErrImagePull"
    const messages = await waitFor('the image pull failure in events and status', 60_000, async () => {
      const events = await t.core.listNamespacedEvent({ namespace: t.namespace, fieldSelector: 'involvedObject.name=ghost' });
      const failed = events.items.filter((e) => e.reason === 'Failed').map((e) => e.message ?? '');
      const p = await t.core.readNamespacedPod({ namespace: t.namespace, name: 'ghost' });
      const reason = p.status?.containerStatuses?.[0]?.state?.waiting?.reason ?? '';
      return failed.includes('Error: ErrImagePull') && /^(ErrImagePull|ImagePullBackOff)$/.test(reason) && failed;
    });
    const pull = messages.find((m) => m.startsWith('Failed to pull image "registry.invalid/no-such/image:1"'));
    assert.match(pull ?? '', /not found/, messages.join('\n'));
  }));
