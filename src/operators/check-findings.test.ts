// The LimitRange and single webhook refusals below are the words of the real Kubernetes 1.36 apiserver and Kueue
// v0.19.2, captured on the test cluster (test/cluster/check-admission.test.ts sends the same objects there); the
// two-error denial is built as Kueue's field.ErrorList aggregate prints it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toCheckFindings, type ServerRefusal } from './check-findings.js';

const queueLabel = 'kueue.x-k8s.io/queue-name';
const job = {
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'k', labels: { [queueLabel]: 'Bad_Queue' } },
  spec: { template: { spec: { containers: [{ name: 'base', image: 'debian' }] } } },
};
const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'base', image: 'debian', resources: { limits: { cpu: '2' } } }] } };
const subdomain = 'a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an ' +
  'alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')';

function refusal(reason: string, message: string): ServerRefusal {
  return { reason, message, causes: [] };
}

test('a LimitRange refusal is KT5004 on the container\'s resources', () => {
  const message = 'pods "p" is forbidden: [maximum cpu usage per Container is 1, but limit is 2, maximum memory usage per Container is 256Mi, but limit is 1Gi]';
  assert.deepEqual(toCheckFindings(refusal('Forbidden', message), pod), [{
    code: 'KT5004', severity: 'error', path: ['spec', 'containers', 0, 'resources'],
    message: `the server refuses the Pod: the namespace's LimitRange refuses it: ${message}`,
  }]);
});

test('a webhook denial without causes is KT5009 at the fields its message names', () => {
  const denied = 'admission webhook "vjob.kb.io" denied the request';
  const one = `${denied}: metadata.labels[${queueLabel}]: Invalid value: "Bad_Queue": ${subdomain}`;
  assert.deepEqual(toCheckFindings(refusal('Forbidden', one), job), [{
    code: 'KT5009', severity: 'error', path: ['metadata', 'labels', queueLabel],
    message: `the server refuses the Job: ${one}`,
  }]);
  // an aggregate of several field errors is printed as "[a, b]": one finding each, with its own words
  const two = `${denied}: [metadata.labels[${queueLabel}]: Invalid value: "Bad_Queue": ${subdomain}, ` +
    'metadata.annotations[kueue.x-k8s.io/job-min-parallelism]: Invalid value: 5: should be between 0 and 0]';
  const found = toCheckFindings(refusal('Forbidden', two), job);
  assert.deepEqual(found.map((f) => [f.code, f.path]), [
    ['KT5009', ['metadata', 'labels', queueLabel]],
    ['KT5009', ['metadata', 'annotations', 'kueue.x-k8s.io/job-min-parallelism']],
  ]);
  assert.ok(found[0]?.message.endsWith(`${subdomain}`), found[0]?.message);
  assert.equal(found[1]?.message, `the server refuses the Job: ${denied}: metadata.annotations[kueue.x-k8s.io/job-min-parallelism]: Invalid value: 5: should be between 0 and 0`);
});

test('a webhook denial in plain words stays KT5009 at the operator line (no path)', () => {
  const message = 'admission webhook "deny.example.com" denied the request: jobs are frozen this week';
  assert.deepEqual(toCheckFindings(refusal('Forbidden', message), job), [{ code: 'KT5009', severity: 'error', message: `the server refuses the Job: ${message}` }]);
});
