import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorFromResponse, reasonForStatus, serverDetail, toAirflowError } from './errors.js';

const v2 = { what: 'trigger DAG d', api: 'v2' as const };
const v1 = { what: 'trigger DAG d', api: 'v1' as const };

test('the server detail: FastAPI string, pydantic list, connexion title/detail, raw text', () => {
  assert.equal(serverDetail('{"detail":"Invalid credentials"}'), 'Invalid credentials');
  assert.equal(serverDetail('{"detail":[{"loc":["body","logical_date"],"msg":"Field required","type":"missing"}]}'), 'body.logical_date: Field required');
  assert.equal(serverDetail('{"detail":"DAGRun with DAG ID: \'d\' and DAGRun ID: \'r\' already exists","status":409,"title":"Conflict"}'),
    "Conflict: DAGRun with DAG ID: 'd' and DAGRun ID: 'r' already exists");
  assert.equal(serverDetail('{"detail":null,"status":403,"title":"Forbidden","type":"x"}'), 'Forbidden');
  assert.equal(serverDetail('<html>bad gateway</html>'), '<html>bad gateway</html>');
});

test('statuses map to reasons; Airflow 2 answers 403 to bad credentials', () => {
  assert.equal(reasonForStatus(401, v2, ''), 'Unauthorized');
  assert.equal(reasonForStatus(403, v2, 'Forbidden'), 'Forbidden');
  assert.equal(reasonForStatus(403, v1, 'Forbidden'), 'Unauthorized');
  assert.equal(reasonForStatus(404, { ...v2, dagPath: true }, 'not found'), 'DagNotFound');
  assert.equal(reasonForStatus(404, v2, 'The DagRun was not found'), 'NotFound');
  assert.equal(reasonForStatus(409, v2, ''), 'DuplicateRun');
  assert.equal(reasonForStatus(422, v2, ''), 'Invalid');
  assert.equal(reasonForStatus(400, v1, ''), 'Invalid');
  assert.equal(reasonForStatus(504, v1, ''), 'Timeout');
  assert.equal(reasonForStatus(500, v2, ''), 'ServerError');
});

test('a response error keeps status, detail and advice', () => {
  const e = errorFromResponse({ ...v2, dagPath: true }, 404, '{"detail":"The Dag with ID: `x` was not found"}');
  assert.equal(e.reason, 'DagNotFound');
  assert.equal(e.status, 404);
  assert.match(e.message, /^trigger DAG d: Airflow answered 404: The Dag with ID: `x` was not found\. Check the dag_id/);
  assert.match(errorFromResponse(v1, 403, '{"title":"Forbidden"}').message, /wrong credentials and to a missing permission/);
});

test('socket failures: refused is Unreachable, a timeout is Timeout, an abort is Aborted', () => {
  const refused = toAirflowError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), 'probe', 'http://127.0.0.1:1');
  assert.equal(refused.reason, 'Unreachable');
  assert.match(refused.message, /cannot reach the Airflow server at http:\/\/127\.0\.0\.1:1.*ECONNREFUSED.*Check that the Airflow API server is running/);
  assert.equal(toAirflowError(Object.assign(new Error('no answer'), { code: 'ETIMEDOUT' }), 'x', 'u').reason, 'Timeout');
  const abort = new Error('aborted');
  abort.name = 'AbortError';
  assert.equal(toAirflowError(abort, 'x', 'u').reason, 'Aborted');
});

test('a certificate the client does not trust is Untrusted, names the server and says how to trust its CA', () => {
  const unknownCa = Object.assign(new Error('unable to verify the first certificate'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  const e = toAirflowError(unknownCa, 'probe https://airflow.example/', 'https://airflow.example');
  assert.equal(e.reason, 'Untrusted');
  assert.match(e.message, /^probe https:\/\/airflow\.example\/: the TLS certificate of the Airflow server at https:\/\/airflow\.example is not trusted: unable to verify the first certificate \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)\. .*--ca-file.*kubetasks\.airflow\.caFile/);
  const altName = Object.assign(new Error("Hostname/IP does not match certificate's altnames"), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  assert.equal(toAirflowError(altName, 'x', 'https://h').reason, 'Untrusted');
  assert.equal(toAirflowError(Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }), 'x', 'u').reason, 'Untrusted');
});
