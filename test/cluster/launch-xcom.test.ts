// `kubetasks launch` on the real node: the XCom as Airflow reads it, the termination message, skip_on_exit_code,
// and the body launch creates being the body render prints.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { withTestCluster } from '../harness/k8s/cluster.js';
import { cli, lastLine, noPodsLeft, podsOf, taskFile } from './launch-harness.js';

const example = (name: string): string => join(process.cwd(), 'examples', name);

test("the provider docs' write-xcom example prints its logs and [1,2,3,4] on the last stdout line, then deletes the pod", () =>
  withTestCluster(async (t) => {
    const run = await cli(t, ['launch', example('write-xcom.task.yaml'), '--task', 'write-xcom', '--namespace', t.namespace]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(lastLine(run.stdout), '[1,2,3,4]');
    assert.match(run.stderr, new RegExp(`--namespace ${t.namespace} overrides the task's namespace default`));
    assert.match(run.stderr, /run id kubetasks__\d{4}-\d\d-\d\dT/);
    assert.match(run.stderr, /pod \S+ deleted/);
    await noPodsLeft(t);
  }));

test('logs go to stdout before the XCom line; an empty XCom prints null', () =>
  withTestCluster(async (t) => {
    const file = taskFile(t, 'empty-xcom', 'do_xcom_push: true\ncmds: ["sh", "-c", "echo one; echo two"]');
    const run = await cli(t, ['launch', file]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.stdout.split('\n').filter(Boolean), ['one', 'two', 'null']);
  }));

test('an XCom that is not JSON fails the task as json.loads does (exit 1, JSONDecodeError)', () =>
  withTestCluster(async (t) => {
    const file = taskFile(t, 'bad-xcom', 'do_xcom_push: true\ncmds: ["sh", "-c", "echo \'{not json\' > /airflow/xcom/return.json"]');
    const run = await cli(t, ['launch', file, '--output', 'json']);
    assert.equal(run.code, 1, run.stderr);
    const out = JSON.parse(run.stdout) as { outcome: string; message: string; xcom: unknown };
    assert.equal(out.outcome, 'failed');
    assert.match(out.message, /JSONDecodeError|Failed to extract xcom/);
    assert.equal(out.xcom, null);
  }));

test("the provider docs' termination-message example fails with exit 1, its log line and the message", () =>
  withTestCluster(async (t) => {
    const text = await cli(t, ['launch', example('termination-log.task.yaml'), '--namespace', t.namespace]);
    assert.equal(text.code, 1);
    assert.equal(text.stdout, 'hello world\n');
    const json = await cli(t, ['launch', example('termination-log.task.yaml'), '--namespace', t.namespace, '--output', 'json']);
    const out = JSON.parse(json.stdout) as { outcome: string; exitCode: number; reason: string; message: string; namespace: string };
    assert.deepEqual([out.outcome, out.exitCode, out.reason, out.namespace], ['failed', 1, 'Error', t.namespace]);
    assert.match(out.message, /Custom error/);
    assert.match(json.stderr, /hello world/); // json mode: logs on stderr
  }));

test('skip_on_exit_code wins over failure: exit 3, outcome skipped', () =>
  withTestCluster(async (t) => {
    const file = taskFile(t, 'skipper', 'skip_on_exit_code: 42\ncmds: ["sh", "-c", "exit 42"]');
    const run = await cli(t, ['launch', file, '--output', 'json']);
    assert.equal(run.code, 3, run.stderr);
    const out = JSON.parse(run.stdout) as { outcome: string; exitCode: number };
    assert.deepEqual([out.outcome, out.exitCode], ['skipped', 42]);
  }));

test('a file with several tasks and no --task exits 2 listing the ids', () =>
  withTestCluster(async (t) => {
    const run = await cli(t, ['launch', example('write-xcom.task.yaml')]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /write-xcom, kubernetes_write_xcom_task_async/);
    assert.deepEqual(await podsOf(t), []);
  }));

test('launch creates the body render prints for the same dag_id, run_id and try_number (apart from the name suffix)', () =>
  withTestCluster(async (t) => {
    const file = taskFile(t, 'same-body', 'labels: {team: data}\nenv_vars: {A: "1"}\ncmds: ["sleep", "30"]');
    const ctx = ['--run-id', 'manual__r1', '--dag-id', 'same-body'];
    const rendered = await cli(t, ['render', file, '--format', 'json', ...ctx, '--try-number', '1']);
    assert.equal(rendered.code, 0, rendered.stderr);
    const body = JSON.parse(rendered.stdout) as { metadata: { name: string; labels: Record<string, string> }; spec: { containers: { name: string; image: string; command: string[]; env: unknown }[] } };
    const launched = await cli(t, ['launch', file, '--run-id', 'manual__r1', '--no-follow']);
    assert.equal(launched.code, 0, launched.stderr);
    assert.equal(launched.stdout, 'manual__r1\n');
    const [pod] = await podsOf(t);
    assert.ok(pod?.metadata?.name);
    assert.equal(pod.metadata.name.slice(0, -9), body.metadata.name.slice(0, -9));
    assert.deepEqual(pod.metadata.labels, body.metadata.labels);
    const c = pod.spec?.containers[0];
    assert.deepEqual(JSON.parse(JSON.stringify([c?.name, c?.image, c?.command, c?.env])), [body.spec.containers[0]?.name, body.spec.containers[0]?.image, body.spec.containers[0]?.command, body.spec.containers[0]?.env]);
  }));
