// Kubeconfig resolution and exec credential plugins, end to end through the client against a loopback server
// (which records the Authorization header each request carried). Plugins are real shell scripts.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openKubeClient } from './cluster.js';
import { KubeError } from './errors.js';
import { sendJson, startLoopback } from './testing/loopback.js';
import type { Loopback } from './testing/loopback.js';

let server: Loopback;
const auth: string[] = [];
const dir = mkdtempSync(join(tmpdir(), 'kt-kubeconfig-'));

before(async () => {
  server = await startLoopback((req, res) => {
    auth.push(String(req.headers.authorization ?? ''));
    sendJson(res, 200, { kind: 'NamespaceList', metadata: { resourceVersion: '1' }, items: [{ metadata: { name: 'default' } }] });
  });
});
after(() => server.close());

function file(path: string, text: string, mode = 0o644): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

function config(user: string, extra = ''): string {
  return `apiVersion: v1\nkind: Config\nclusters: [{name: loop, cluster: {server: "${server.url}", insecure-skip-tls-verify: true}}]\nusers: [{name: u, user: ${user}}]\ncontexts: [{name: ctx, context: {cluster: loop, user: u}}]\n${extra}`;
}

async function failure(p: Promise<unknown>): Promise<KubeError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  assert.ok(e instanceof KubeError, `expected a KubeError, got ${String(e)}`);
  return e;
}

test('several KUBECONFIG files: duplicates skipped, current-context from the first that sets it, tokenFile relative to its file', async () => {
  const a = file(join(dir, 'one', 'config'), config('{tokenFile: secrets/token}').replace('user: u}}]', 'user: u, namespace: from-a}}]'));
  file(join(dir, 'one', 'secrets', 'token'), 'token-from-dir-one\n');
  const b = file(join(dir, 'two', 'config'), 'clusters: [{name: loop, cluster: {server: "https://wrong.invalid"}}]\ncontexts: [{name: other, context: {cluster: loop, user: u}}]\ncurrent-context: ctx\n');
  const c = file(join(dir, 'three', 'config'), 'current-context: other\n');
  const client = openKubeClient({ kubeconfigEnv: [a, join(dir, 'missing'), b, c].join(':') });
  assert.equal(client.contextName, 'ctx');
  assert.equal(client.namespace, 'from-a');
  assert.deepEqual(await client.listNamespaces(), ['default']);
  assert.equal(auth.at(-1), 'Bearer token-from-dir-one');
  assert.equal(openKubeClient({ kubeconfigEnv: [a, b].join(':'), namespace: 'override' }).namespace, 'override');
});

test('an exec plugin named relative to its kubeconfig runs once and its token is reused', async () => {
  const runs = join(dir, 'plugin-runs');
  file(join(dir, 'exec', 'bin', 'auth.sh'), `#!/bin/sh\necho run >> ${runs}\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"plugin-token"}}'\n`, 0o755);
  const path = file(join(dir, 'exec', 'config'), config('{exec: {apiVersion: client.authentication.k8s.io/v1, command: ./bin/auth.sh}}', 'current-context: ctx\n'));
  const client = openKubeClient({ kubeconfigPath: path });
  await Promise.all([client.listNamespaces(), client.listNamespaces()]);
  await client.listNamespaces();
  assert.deepEqual(auth.slice(-3), ['Bearer plugin-token', 'Bearer plugin-token', 'Bearer plugin-token']);
  assert.equal(readFileSync(runs, 'utf8'), 'run\n');
});

test('a missing exec plugin names the command, shows its installHint and points at PATH', async () => {
  const path = file(join(dir, 'missing-plugin', 'config'), config('{exec: {apiVersion: client.authentication.k8s.io/v1, command: kubetasks-no-such-plugin, installHint: "Install it with: brew install no-such-plugin"}}', 'current-context: ctx\n'));
  const e = await failure(openKubeClient({ kubeconfigPath: path }).listNamespaces());
  assert.equal(e.reason, 'AuthPluginMissing');
  assert.match(e.message, /"kubetasks-no-such-plugin" was not found/);
  assert.match(e.message, /Install it with: brew install no-such-plugin/);
  assert.match(e.message, /missing from PATH .*PATH=/s);
});

test('a hanging exec plugin is stopped after the timeout', async () => {
  const pidFile = join(dir, 'hang.pid');
  file(join(dir, 'hang', 'hang.sh'), `#!/bin/sh\necho $$ > ${pidFile}\nexec sleep 600\n`, 0o755);
  const path = file(join(dir, 'hang', 'config'), config('{exec: {apiVersion: client.authentication.k8s.io/v1, command: ./hang.sh}}', 'current-context: ctx\n'));
  const e = await failure(openKubeClient({ kubeconfigPath: path, execPluginTimeoutMs: 500 }).listNamespaces());
  assert.equal(e.reason, 'AuthPluginTimeout');
  assert.match(e.message, /did not answer within 0\.5 s and was stopped/);
  const pid = Number(readFileSync(pidFile, 'utf8'));
  assert.throws(() => process.kill(pid, 0), /ESRCH/, 'the plugin process is gone');
});

test('a failing exec plugin reports its exit code and stderr', async () => {
  file(join(dir, 'fail', 'fail.sh'), '#!/bin/sh\necho "token expired, run: cloud login" >&2\nexit 3\n', 0o755);
  const path = file(join(dir, 'fail', 'config'), config('{exec: {apiVersion: client.authentication.k8s.io/v1, command: ./fail.sh}}', 'current-context: ctx\n'));
  const e = await failure(openKubeClient({ kubeconfigPath: path }).listNamespaces());
  assert.equal(e.reason, 'AuthPluginFailed');
  assert.match(e.message, /exited with code 3: token expired, run: cloud login/);
});

test('an unknown context and a missing explicit file are clear errors', async () => {
  const path = file(join(dir, 'ctx', 'config'), config('{token: t}', 'current-context: ctx\n'));
  assert.throws(() => openKubeClient({ kubeconfigPath: path, context: 'nope' }), /context "nope" is not in the kubeconfig .*Choose one of: ctx/);
  assert.throws(() => openKubeClient({ kubeconfigPath: join(dir, 'absent') }), /kubeconfig .*absent does not exist/);
});
