// Issue 16, TLS: Airflow 3's api-server over https with a certificate from a CA of the test's own (tls.ts), the
// case of users whose Airflow sits behind TLS with a company CA. e2e.ts already ran the whole judge (trigger with
// conf, follow, logs, XCom, preview, the CLI's --wait) over https trusting that CA (`caPem`, `--ca-file`); these
// checks add what a missing or wrong CA looks like: refused with a message naming the certificate problem and the
// server's URL, never a stack trace, never the password.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AirflowConnection, AirflowError } from '../../src/airflow/index.js';
import type { StartedAirflow } from './airflow-server.js';
import { cliTrigger } from './cli-trigger.js';
import { DAG_ID, type Check } from './e2e.js';

/** The error `open` fails with, or an assertion failure when it connects. */
async function openError(server: StartedAirflow, caPem: string | undefined): Promise<AirflowError> {
  const credentials = { kind: 'password' as const, username: server.username, password: server.password };
  const error = await AirflowConnection.open({ url: server.url, credentials, ...(caPem ? { caPem } : {}) }).then(
    (conn) => { conn.close(); return undefined; },
    (e: unknown) => e,
  );
  assert.ok(error instanceof AirflowError, `expected an AirflowError, got ${String(error)}`);
  return error;
}

/** Untrusted, naming the certificate problem and the server, saying how to trust the CA, without the password. */
function assertUntrusted(error: AirflowError, server: StartedAirflow): void {
  const origin = new URL(server.url).origin;
  assert.equal(error.reason, 'Untrusted', error.message);
  assert.ok(error.message.includes(`the TLS certificate of the Airflow server at ${origin} is not trusted`), error.message);
  // OpenSSL's reason depends on whether the server sends the CA along with its certificate (uvicorn does when
  // given ssl_ca_file): unknown leaf issuer, or a self-signed root in the chain; both are the missing trust
  assert.match(error.message, /: (unable to verify the first certificate \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)|self-signed certificate in certificate chain \(SELF_SIGNED_CERT_IN_CHAIN\))\. /);
  assert.match(error.message, /--ca-file PEM.*kubetasks\.airflow\.caFile/);
  assert.ok(!error.message.includes(server.password));
}

export async function judgeTls(server: StartedAirflow, check: Check): Promise<void> {
  const tls = server.tls;
  assert.ok(tls, `Airflow ${server.major} at ${server.url} was not started with TLS`);
  await check('Airflow 3 over https: the API is served over https and trusted through the test CA (caPem)', async () => {
    assert.equal(new URL(server.url).protocol, 'https:');
    const conn = await AirflowConnection.open({ url: server.url, credentials: { kind: 'password', username: server.username, password: server.password }, caPem: tls.caPem });
    conn.close();
    assert.equal(conn.api, 'v2');
  });
  await check('Airflow 3 over https: without the CA the client refuses the server (Untrusted: certificate problem and URL)', async () =>
    assertUntrusted(await openError(server, undefined), server));
  await check('Airflow 3 over https: trusting an unrelated CA instead is refused the same way', async () =>
    assertUntrusted(await openError(server, readFileSync(tls.otherCaFile, 'utf8')), server));
  await check('Airflow 3 over https: kubetasks trigger without --ca-file exits 4 with one clear line, no stack trace, no password', async () => {
    const env = { KUBETASKS_AIRFLOW_USERNAME: server.username, KUBETASKS_AIRFLOW_PASSWORD: server.password };
    const out = await cliTrigger([DAG_ID, '--server', server.url, '--conf', '{}'], env);
    assert.equal(out.code, 4, out.stderr);
    assert.equal(out.stdout, '');
    const origin = new URL(server.url).origin;
    const lines = out.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, out.stderr);
    assert.ok(lines[0]?.startsWith(`kubetasks trigger: probe ${origin}/: the TLS certificate of the Airflow server at ${origin} is not trusted`), out.stderr);
    assert.doesNotMatch(out.stderr, /^\s+at /m);
    assert.ok(!out.stderr.includes(server.password));
  });
  await check('Airflow 3 over https: kubetasks trigger --ca-file naming a missing file is an input error (exit 2)', async () => {
    const missing = `${tls.caFile}.missing`;
    const out = await cliTrigger([DAG_ID, '--server', server.url, '--ca-file', missing], { KUBETASKS_AIRFLOW_USERNAME: server.username, KUBETASKS_AIRFLOW_PASSWORD: server.password });
    assert.equal(out.code, 2, out.stderr);
    assert.ok(out.stderr.startsWith(`kubetasks trigger: --ca-file ${missing}: ENOENT`), out.stderr);
    assert.ok(!out.stderr.includes(server.password));
  });
}
