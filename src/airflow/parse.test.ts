import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pollDelayMs, POLL_MAX_MS } from './backoff.js';
import { triggerBody } from './dag-runs.js';
import { decodeStringifiedXcom, isFinished, parseDagRun, parseLogPage, parseTaskInstance, parseXcomEntry, parseXcomKeys } from './parse.js';
import { parsePythonLiteral } from './python-literal.js';
import { decideApi, majorOf } from './version.js';

test('trigger bodies: v2 always sends logical_date (null by default), v1 never does', () => {
  assert.deepEqual(triggerBody('v2', { conf: { a: 1 } }), { logical_date: null, conf: { a: 1 } });
  assert.deepEqual(triggerBody('v2', { conf: {}, runId: 'r', logicalDate: '2026-01-01T00:00:00Z' }), { dag_run_id: 'r', logical_date: '2026-01-01T00:00:00Z', conf: {} });
  assert.deepEqual(triggerBody('v1', { conf: {}, runId: 'r', logicalDate: null }), { dag_run_id: 'r', conf: {} });
});

test('the API is detected from the probes, v2 first', () => {
  const ok = (v: string) => ({ status: 200, text: JSON.stringify({ version: v, git_version: 'x' }) });
  assert.deepEqual(decideApi(ok('3.3.2'), undefined, 'u'), { api: 'v2', version: '3.3.2' });
  assert.equal(decideApi({ status: 404, text: '{"detail":"Not Found"}' }, undefined, 'u'), 'probe-v1');
  assert.deepEqual(decideApi({ status: 404, text: '' }, ok('2.11.2'), 'u'), { api: 'v1', version: '2.11.2' });
  // a web UI answering 200 with HTML to every path is not Airflow's VersionInfo
  assert.throws(() => decideApi({ status: 200, text: '<html>' }, { status: 200, text: '<html>' }, 'http://x/'), /does not look like an Airflow API server/);
  assert.equal(majorOf('2.11.2'), 2);
});

test('runs, task instances and their states', () => {
  const run = parseDagRun({ dag_id: 'd', dag_run_id: 'manual__2026', state: 'queued', logical_date: null, conf: { a: 1 } }, 'x');
  assert.deepEqual(run, { dagId: 'd', runId: 'manual__2026', state: 'queued', logicalDate: null, conf: { a: 1 } });
  assert.equal(parseDagRun({ dag_run_id: 'r', execution_date: '2026-12-07T00:51:10+00:00' }, 'x').logicalDate, '2026-12-07T00:51:10+00:00');
  assert.equal(isFinished('running'), false);
  assert.equal(isFinished('failed'), true);
  const ti = parseTaskInstance({ task_id: 't', state: 'success', try_number: 2, map_index: -1, rendered_fields: { image: 'debian:12' } }, 'x');
  assert.deepEqual(ti, { taskId: 't', state: 'success', tryNumber: 2, mapIndex: -1, renderedFields: { image: 'debian:12' } });
  assert.throws(() => parseDagRun([], 'read run'), /read run: the Airflow server answered something that is not a JSON object/);
});

test('Airflow 3 log pages: structured events, continuation token', () => {
  const page = parseLogPage({ content: [{ event: '::group::Log message source details', sources: ['/x'] },
    { timestamp: '2026-12-07T00:43:53Z', level: 'info', event: '[base] greeting=hi', logger: 'PodManager' }], continuation_token: 'abc' }, 'x');
  assert.deepEqual(page.lines, ['::group::Log message source details', '[2026-12-07T00:43:53Z INFO] - PodManager [base] greeting=hi']);
  assert.equal(page.continuationToken, 'abc');
  assert.equal(parseLogPage({ content: [], continuation_token: null }, 'x').continuationToken, undefined);
});

test('XCom entries: v2 values as stored, v1 stringified values read back', () => {
  assert.deepEqual(parseXcomKeys({ xcom_entries: [{ key: 'pod_name' }, { key: 'return_value' }], total_entries: 2 }, 'x'), ['pod_name', 'return_value']);
  assert.deepEqual(parseXcomEntry({ key: 'return_value', value: { a: 1 } }, 'x', 'v2').value, { a: 1 });
  assert.equal(parseXcomEntry({ key: 'pod_name', value: '123' }, 'x', 'v2').value, '123');
  assert.deepEqual(parseXcomEntry({ key: 'return_value', value: "{'greeting': 'hi'}" }, 'x', 'v1').value, { greeting: 'hi' });
  assert.equal(decodeStringifiedXcom('echo-conf-abc'), 'echo-conf-abc');
  assert.deepEqual(decodeStringifiedXcom('[1, 2]'), [1, 2]);
});

test('Python literal reprs', () => {
  assert.deepEqual(parsePythonLiteral("{'a': [1, 2.5, -3e2], 'b': (True, False, None), \"c\": 'it\\'s \\n \\x41'}"),
    { a: [1, 2.5, -300], b: [true, false, null], c: "it's \n A" });
  assert.equal(parsePythonLiteral('<object at 0x1>'), undefined);
  assert.equal(parsePythonLiteral("{'a': 1"), undefined);
});

test('run state is polled with a growing, capped delay', () => {
  const delays = Array.from({ length: 12 }, (_, i) => pollDelayMs(i));
  assert.equal(delays[0], 1000);
  for (let i = 1; i < delays.length; i++) assert.ok((delays[i] ?? 0) >= (delays[i - 1] ?? 0));
  assert.equal(delays.at(-1), POLL_MAX_MS);
});
