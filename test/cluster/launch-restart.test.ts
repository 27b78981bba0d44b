// `kubetasks launch` follows 10,000 numbered lines of a real container across five kube-apiserver restarts and
// prints every line exactly once (the watch and the log follows resume; run-suite.sh runs this in its restart pass).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { controlApiserver, controlPlaneSettled, withTestCluster } from '../harness/k8s/cluster.js';
import { waitFor } from '../harness/k8s/wait.js';
import { startCli, taskFile } from './launch-harness.js';

// Whatever runs after the restart pass (the airflow and host phases) meets a KCM that serves new namespaces again.
after(controlPlaneSettled, { timeout: 300_000 });

test('a launch follows 10,000 numbered lines across five apiserver restarts, every line exactly once', { timeout: 300_000 }, () =>
  withTestCluster(async (t) => {
    const script = 'for i in $(seq 1 10000); do echo "line $i"; [ $((i % 150)) -eq 0 ] && sleep 1; done; true';
    const file = taskFile(t, 'numbered', `cmds: ["sh", "-c", ${JSON.stringify(script)}]`);
    const run = startCli(t, ['launch', file]);
    const count = (): number => run.stdout().split('\n').length - 1;
    for (let round = 1; round <= 5; round++) {
      await waitFor(`${round * 1200} lines before restart ${round}`, 120_000, async () => count() >= round * 1200);
      controlApiserver('apiserver-stop');
      controlApiserver('apiserver-start');
    }
    const done = await run.done;
    assert.equal(done.code, 0, done.stderr);
    const lines = done.stdout.split('\n').filter(Boolean);
    assert.equal(lines.length, 10_000);
    assert.deepEqual(lines, Array.from({ length: 10_000 }, (_, i) => `line ${i + 1}`));
  }));
