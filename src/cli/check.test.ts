import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from './testing/run-cli.js';

// A kubeconfig whose server nothing listens on: the check must say so and exit 4, not hang.
const closed = 'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\n' +
  'users: [{name: u, user: {token: x}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n';

test('check: usage errors and a task that does not render exit 2 before any cluster call', async () => {
  const none = await runCli({}, ['check']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no FILE given/);
  const bad = await runCli({ 'b.task.yaml': 'operator: KubernetesPodOperator\ntask_id: b\nimage: debian\nnot_a_param: 1\n', kubeconfig: closed },
    ['check', 'b.task.yaml', '--kubeconfig', 'kubeconfig']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^b\.task\.yaml:4:1: error KT4/m);
});

test('check: a cluster that cannot be reached exits 4 with kubectl\'s words', async () => {
  const run = await runCli({ 'a.task.yaml': 'operator: KubernetesPodOperator\ntask_id: a\nimage: debian\n', kubeconfig: closed },
    ['check', 'a.task.yaml', '--kubeconfig', 'kubeconfig']);
  assert.equal(run.code, 4, run.stderr);
  assert.match(run.stderr, /Unable to connect to the server/);
});

test('kueue: a subcommand and a manifest are required', async () => {
  assert.equal((await runCli({}, ['kueue'])).code, 2);
  const both = await runCli({}, ['kueue', 'install', '--manifest-url', 'http://127.0.0.1:1/m.yaml', '--version', 'v0.1.0']);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /not both/);
  const notUrl = await runCli({}, ['kueue', 'install', '--manifest-url', 'file:///etc/passwd']);
  assert.equal(notUrl.code, 4);
  assert.match(notUrl.stderr, /only http:\/\/ and https:\/\/ URLs are fetched/);
});
