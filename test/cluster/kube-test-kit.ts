// Shared by the src/kube cluster tests: a client for a test namespace, and the check that a file's streams end
// quietly (an abort or a dropped connection must never surface as an unhandled rejection).
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { openKubeClient } from '../../src/kube/index.js';
import type { KubeClient } from '../../src/kube/index.js';
import type { TestNamespace } from '../harness/k8s/cluster.js';

/** Registers, for the calling test file, an `after` hook asserting no promise was left rejected unhandled. */
export function failOnUnhandledRejections(): void {
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown): void => void unhandled.push(e);
  process.on('unhandledRejection', onUnhandled);
  after(() => {
    process.off('unhandledRejection', onUnhandled);
    assert.deepEqual(unhandled, [], 'no unhandled rejection');
  });
}

/** A client through src/kube itself, on the harness kubeconfig, defaulting to the test's namespace. */
export function clientFor(t: TestNamespace): KubeClient {
  return openKubeClient({ kubeconfigPath: t.env.kubeconfig, namespace: t.namespace });
}
