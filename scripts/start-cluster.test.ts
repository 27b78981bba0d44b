// npm start's cluster never shares a loopback port with npm test's (test/harness/k8s/lib.sh and node/names.sh
// defaults, the derived kubelet healthz and registry ranges, Kueue's webhook/metrics/health slots), and stays below
// the ephemeral range where the kernel hands out client ports. The running proof, both clusters at once, is
// test/cluster/start-cluster.test.ts.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';

const REPO = resolve(import.meta.dirname, '..');
const HARNESS = resolve(REPO, 'test/harness/k8s');
// a clean environment: no port variables of a developer's own cluster
const CLEAN = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/root' };

function startPorts(): number[] {
  const out = execFileSync('bash', [resolve(REPO, 'scripts/start-cluster.sh'), 'ports'], { env: CLEAN, encoding: 'utf8' });
  return out.trim().split('\n').map((line) => Number(line.split('=')[1]));
}

/** npm test's fixed ports (lib.sh defaults, kubelet 10250) under its default state directory. */
function testPorts(): number[] {
  const script = `HERE=${HARNESS}; source "$HERE/versions.sh"; source "$HERE/lib.sh";
    echo $ETCD_PORT $ETCD_PEER_PORT $API_PORT $KCM_PORT $SCHED_PORT $KWOK_PORT $KUBELET_PORT`;
  return execFileSync('bash', ['-c', script], { env: CLEAN, encoding: 'utf8' }).trim().split(' ').map(Number);
}

const kueueSlots = (api: number): number[] => [0, 1, 2].map((i) => 16000 + (api % 330) * 3 + i);

test("npm start's ports are disjoint from npm test's and below the ephemeral range", () => {
  const start = startPorts();
  const npmTest = testPorts();
  assert.equal(start.length, 9);
  assert.equal(new Set(start).size, start.length, 'no port used twice');
  for (const port of start) {
    assert.ok(port > 1024 && port < 32768, `${port} outside 1025-32767`);
    assert.ok(!npmTest.includes(port), `${port} is one of npm test's ${npmTest.join(', ')}`);
    // names.sh derives npm test's kubelet healthz and registry ports from its state directory: 21000-21999, 22000-22999
    assert.ok(port < 21000 || port >= 23000, `${port} in npm test's derived ranges`);
  }
  const [, , startApi] = start;
  const [, , testApi] = npmTest;
  for (const port of kueueSlots(startApi!)) assert.ok(!kueueSlots(testApi!).includes(port), `Kueue port ${port} shared`);
});
