import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  defaultServerName, describeStoredCredentials, mergeServers, normalizeServerUrl, parseStoredCredentials, parseStoredServers, secretKeyOf,
  serverUrlProblem, withServer,
} from './airflow-servers.js';

test('serverUrlProblem accepts base URLs and explains the others', () => {
  assert.equal(serverUrlProblem('http://127.0.0.1:8080'), undefined);
  assert.equal(serverUrlProblem('https://airflow.example.com/prefix/'), undefined);
  assert.match(serverUrlProblem('127.0.0.1:8080') ?? '', /only http and https|not a URL/);
  assert.match(serverUrlProblem('not a url') ?? '', /is not a URL/);
  assert.match(serverUrlProblem('ftp://host') ?? '', /only http and https/);
  assert.match(serverUrlProblem('http://admin:secret@host:8080') ?? '', /do not put credentials in the URL/);
  assert.doesNotMatch(serverUrlProblem('http://admin:secret@host:8080') ?? '', /secret/);
  assert.match(serverUrlProblem('http://host:8080/api/v2') ?? '', /without \/api\/v1 or \/api\/v2/);
});

test('normalizeServerUrl keeps a path prefix and drops the trailing slash, query and hash', () => {
  assert.equal(normalizeServerUrl(' http://127.0.0.1:8080/ '), 'http://127.0.0.1:8080');
  assert.equal(normalizeServerUrl('https://h.example/airflow//?x=1#y'), 'https://h.example/airflow');
  assert.equal(defaultServerName('http://127.0.0.1:8080'), '127.0.0.1:8080');
});

test('parseStoredServers drops malformed entries', () => {
  const raw = [{ name: 'a', url: 'http://a:1/' }, { name: '', url: 'http://b' }, { name: 'c', url: 'nope' }, 'x', { url: 'http://d' }];
  assert.deepEqual(parseStoredServers(raw), [{ name: 'a', url: 'http://a:1' }]);
  assert.deepEqual(parseStoredServers(undefined), []);
  assert.deepEqual(parseStoredServers({ name: 'a' }), []);
});

test('mergeServers puts settings first and keeps one entry per URL', () => {
  const merged = mergeServers([{ name: 'prod', url: 'http://a:1/' }], [{ name: 'added', url: 'http://a:1' }, { name: 'b', url: 'http://b:2' }]);
  assert.deepEqual(merged, [{ name: 'prod', url: 'http://a:1' }, { name: 'b', url: 'http://b:2' }]);
});

test('withServer adds a server or renames the one with the same URL', () => {
  const stored = [{ name: 'old', url: 'http://a:1' }];
  assert.deepEqual(withServer(stored, { name: 'new', url: 'http://a:1/' }), [{ name: 'new', url: 'http://a:1' }]);
  assert.deepEqual(withServer(stored, { name: 'b', url: 'http://b' }).map((s) => s.name), ['old', 'b']);
});

test('stored credentials round-trip and are described without their secret', () => {
  assert.equal(secretKeyOf('http://a:1/'), 'kubetasks.airflow.credentials:http://a:1');
  const password = parseStoredCredentials(JSON.stringify({ kind: 'password', username: 'admin', password: 's3cr3t' }));
  assert.deepEqual(password, { kind: 'password', username: 'admin', password: 's3cr3t' });
  assert.equal(describeStoredCredentials(password ?? { kind: 'none' }), 'user admin');
  const token = parseStoredCredentials(JSON.stringify({ kind: 'token', token: 'tok-123' }));
  assert.equal(describeStoredCredentials(token ?? { kind: 'none' }), 'a bearer token');
  assert.deepEqual(parseStoredCredentials('{"kind":"none"}'), { kind: 'none' });
  assert.equal(parseStoredCredentials(undefined), undefined);
  assert.equal(parseStoredCredentials('{'), undefined);
  assert.equal(parseStoredCredentials('{"kind":"password","username":""}'), undefined);
  assert.equal(parseStoredCredentials('{"kind":"token","token":""}'), undefined);
});
