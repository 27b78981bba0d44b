import assert from 'node:assert/strict';
import { test } from 'node:test';
import { basicAuthorization, jwtExpiryMs, needsRenewal } from './auth.js';
import { credentialsFromEnv, describeCredentials, netrcCredentials, parseNetrc } from './credentials.js';

const url = new URL('http://airflow.example:8080');
const noFile = (): undefined => undefined;

test('netrc: machine entries, default, macdef skipped', () => {
  const text = 'machine other login a password b\nmacdef init\ncd /x\n\nmachine airflow.example\n  login admin\n  password s3cret\ndefault login d password e\n';
  assert.equal(parseNetrc(text).size, 3);
  assert.deepEqual(netrcCredentials(text, 'airflow.example'), { kind: 'password', username: 'admin', password: 's3cret' });
  assert.deepEqual(netrcCredentials(text, 'elsewhere'), { kind: 'password', username: 'd', password: 'e' });
  assert.equal(netrcCredentials('machine x login only', 'x'), undefined);
});

test('environment first: token, then user and password, then netrc', () => {
  assert.deepEqual(credentialsFromEnv({ KUBETASKS_AIRFLOW_TOKEN: 't', KUBETASKS_AIRFLOW_USERNAME: 'u', KUBETASKS_AIRFLOW_PASSWORD: 'p' }, url, noFile),
    { credentials: { kind: 'token', token: 't' }, source: 'token' });
  assert.deepEqual(credentialsFromEnv({ KUBETASKS_AIRFLOW_USERNAME: 'u', KUBETASKS_AIRFLOW_PASSWORD: '' }, url, noFile),
    { credentials: { kind: 'password', username: 'u', password: '' }, source: 'password' });
  assert.match(String(credentialsFromEnv({ KUBETASKS_AIRFLOW_USERNAME: 'u' }, url, noFile)), /set both/);
  const read = (file: string): string | undefined => (file === '/n' ? 'machine airflow.example login a password b' : undefined);
  const fromNetrc = credentialsFromEnv({ NETRC: '/n' }, url, read);
  assert.deepEqual(fromNetrc, { credentials: { kind: 'password', username: 'a', password: 'b' }, source: 'netrc' });
  assert.equal(typeof fromNetrc === 'string' ? '' : describeCredentials(fromNetrc), 'user a (netrc)');
  assert.deepEqual(credentialsFromEnv({ HOME: '/nowhere' }, url, noFile), { credentials: { kind: 'none' }, source: 'none' });
});

test('descriptions never hold the secret', () => {
  const text = describeCredentials({ credentials: { kind: 'password', username: 'admin', password: 'hunter2' }, source: 'password' });
  assert.ok(!text.includes('hunter2'));
  assert.ok(!describeCredentials({ credentials: { kind: 'token', token: 'eyJsecret' }, source: 'token' }).includes('eyJsecret'));
});

test('JWT expiry and renewal margin; basic auth header', () => {
  const payload = Buffer.from(JSON.stringify({ sub: 'admin', exp: 2_000_000_000 })).toString('base64url');
  assert.equal(jwtExpiryMs(`h.${payload}.s`), 2_000_000_000_000);
  assert.equal(jwtExpiryMs('opaque'), undefined);
  assert.equal(needsRenewal(2_000_000_000_000, 2_000_000_000_000 - 120_000), false);
  assert.equal(needsRenewal(2_000_000_000_000, 2_000_000_000_000 - 30_000), true);
  assert.equal(needsRenewal(undefined, 0), false);
  assert.equal(basicAuthorization('admin', 'pw'), 'Basic YWRtaW46cHc=');
});
