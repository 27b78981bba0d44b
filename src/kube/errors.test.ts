import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorFromResponse, isAborted, KubeError, reasonForStatus, toKubeError } from './errors.js';

const status = (code: number, reason: string, message: string, details?: unknown) => JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message, details });

test('each HTTP status maps to the reason of STYLE.md, 409 split by the Status reason', () => {
  const cases: [number, string | undefined, string][] = [
    [401, 'Unauthorized', 'Unauthorized'],
    [403, 'Forbidden', 'Forbidden'],
    [404, 'NotFound', 'NotFound'],
    [409, 'AlreadyExists', 'AlreadyExists'],
    [409, 'Conflict', 'Conflict'],
    [410, 'Expired', 'Expired'],
    [422, 'Invalid', 'Invalid'],
    [400, 'BadRequest', 'Invalid'],
    [429, 'TooManyRequests', 'TooManyRequests'],
    [500, 'InternalError', 'ServerError'],
    [503, 'ServiceUnavailable', 'ServerError'],
    [504, 'Timeout', 'Timeout'],
  ];
  for (const [code, statusReason, want] of cases) assert.equal(reasonForStatus(code, statusReason), want, `${code} ${statusReason}`);
});

test('messages read like kubectl and say what to do', () => {
  const e = errorFromResponse('create pods/web', 409, status(409, 'AlreadyExists', 'pods "web" already exists'));
  assert.equal(e.reason, 'AlreadyExists');
  assert.equal(e.status, 409);
  assert.equal(e.message, 'create pods/web: Error from server (AlreadyExists): pods "web" already exists. Delete the existing object or choose another name.');
  const f = errorFromResponse('list pods', 403, status(403, 'Forbidden', 'pods is forbidden: User "u" cannot list resource "pods"'));
  assert.match(f.message, /^list pods: Error from server \(Forbidden\): pods is forbidden: User "u" cannot list resource "pods"\. Ask a cluster administrator/);
});

test('Invalid keeps the field causes and lists them in the message', () => {
  const causes = [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].image' }];
  const e = errorFromResponse('create pods/x', 422, status(422, 'Invalid', 'Pod "x" is invalid: spec.containers[0].image: Required value', { causes }));
  assert.equal(e.reason, 'Invalid');
  assert.deepEqual(e.causes, causes);
  assert.match(e.message, /\n {2}spec\.containers\[0\]\.image: Required value/);
});

test('429 keeps Retry-After; a non-Status body (a proxy page) keeps its text', () => {
  const e = errorFromResponse('list pods', 429, status(429, 'TooManyRequests', 'slow down'), '7');
  assert.equal(e.retryAfterSeconds, 7);
  const g = errorFromResponse('get pods/x', 502, '<html>Bad Gateway</html>');
  assert.equal(g.reason, 'ServerError');
  assert.match(g.message, /<html>Bad Gateway<\/html>/);
});

test('network failures become Unreachable or Timeout; aborts become Aborted; the cause is kept', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), { code: 'ECONNREFUSED' });
  const u = toKubeError(refused, 'list pods');
  assert.equal(u.reason, 'Unreachable');
  assert.equal(u.cause, refused);
  assert.match(u.message, /Unable to connect to the server: connect ECONNREFUSED 127\.0\.0\.1:6443\. Check that the cluster is running/);
  assert.equal(toKubeError(Object.assign(new Error('x'), { code: 'ETIMEDOUT' }), 'get').reason, 'Timeout');
  const abort = new DOMException('This operation was aborted', 'AbortError');
  assert.equal(toKubeError(abort, 'watch').reason, 'Aborted');
  assert.ok(isAborted(abort));
  assert.ok(isAborted(toKubeError(abort, 'watch')));
  assert.ok(!isAborted(u));
});

test("client-node's ApiException (code + body) maps by its status; a KubeError passes through", () => {
  const apiException = Object.assign(new Error('HTTP-Code: 404'), { code: 404, body: status(404, 'NotFound', 'namespaces "nope" not found') });
  const e = toKubeError(apiException, 'get namespaces/nope');
  assert.equal(e.reason, 'NotFound');
  assert.match(e.message, /namespaces "nope" not found/);
  const k = new KubeError('Conflict', 'x', { cause: undefined });
  assert.equal(toKubeError(k, 'y'), k);
});
