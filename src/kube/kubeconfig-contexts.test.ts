// The context picker's list: every context of the merged kubeconfig (kubectl's first-wins merge), with the
// current-context of the first file that sets one; an explicit file is the only file read.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { test } from 'node:test';
import { KubeError } from './errors.js';
import { listKubeconfigContexts } from './kubeconfig-contexts.js';

const dir = mkdtempSync(join(tmpdir(), 'kt-contexts-'));

function kubeconfig(name: string, contexts: string, current?: string): string {
  const path = join(dir, name);
  writeFileSync(path, ['apiVersion: v1', 'kind: Config', 'clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]',
    'users: [{name: u, user: {token: t}}]', `contexts: ${contexts}`, ...(current ? [`current-context: ${current}`] : [])].join('\n'));
  return path;
}

test('lists the contexts of every KUBECONFIG file, first one wins, with cluster, user and namespace', () => {
  const a = kubeconfig('a', '[{name: dev, context: {cluster: c, user: u, namespace: team}}]');
  const b = kubeconfig('b', '[{name: dev, context: {cluster: other, user: u}}, {name: prod, context: {cluster: c, user: u}}]', 'prod');
  const listed = listKubeconfigContexts({ kubeconfigEnv: [a, b].join(delimiter), homeDir: dir });
  assert.equal(listed.current, 'prod');
  assert.deepEqual(listed.contexts, [
    { name: 'dev', cluster: 'c', user: 'u', namespace: 'team' },
    { name: 'prod', cluster: 'c', user: 'u', namespace: undefined },
  ]);
  assert.deepEqual(listed.files, [a, b]);
});

test('an explicit kubeconfig path is the only file; a missing one is a located KubeError', () => {
  const only = kubeconfig('only', '[{name: solo, context: {cluster: c, user: u}}]', 'solo');
  assert.deepEqual(listKubeconfigContexts({ kubeconfigPath: only, kubeconfigEnv: '', homeDir: dir }).contexts.map((c) => c.name), ['solo']);
  assert.throws(() => listKubeconfigContexts({ kubeconfigPath: join(dir, 'missing') }), (e: unknown) => e instanceof KubeError && /missing does not exist/.test(e.message));
});
