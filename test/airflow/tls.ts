// A throwaway CA and a server certificate it signs, for Airflow 3's api-server over https (issue 16: users' Airflow
// behind TLS with a company CA). Generated at test time with the openssl CLI (node:crypto signs but cannot issue
// X.509 certificates) into a fresh temporary directory; nothing is fetched or committed, and the directory is
// removed with the server. The server certificate covers 127.0.0.1 and localhost, the names the tests use.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestTls {
  /** Holds ca.pem, server.pem and server-key.pem (test/harness/airflow/start.sh's AIRFLOW_TLS_DIR). */
  dir: string;
  caFile: string;
  caPem: string;
  /** Another CA's certificate: trusting it instead of the right one must still fail. */
  otherCaFile: string;
  remove(): void;
}

function openssl(args: string[], cwd: string): void {
  const run = spawnSync('openssl', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (run.status !== 0) throw new Error(`openssl ${args[0]} failed (exit ${run.status ?? run.signal}): ${run.stderr || run.error?.message}`);
}

/** A self-signed CA (basicConstraints CA:TRUE, keyCertSign) as `name`.pem with its key `name`-key.pem. */
function makeCa(dir: string, name: string, subject: string): void {
  openssl([
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
    '-keyout', `${name}-key.pem`, '-out', `${name}.pem`, '-subj', subject,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ], dir);
}

/** Generates the CA, a server certificate for 127.0.0.1/localhost signed by it, and an unrelated second CA. */
export function generateTestTls(): TestTls {
  const dir = mkdtempSync(join(tmpdir(), 'kubetasks-airflow-tls-'));
  try {
    makeCa(dir, 'ca', '/CN=KubeTasks test CA');
    makeCa(dir, 'other-ca', '/CN=KubeTasks unrelated CA');
    openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'server-key.pem', '-out', 'server.csr', '-subj', '/CN=127.0.0.1'], dir);
    writeFileSync(join(dir, 'server.ext'), [
      'basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature,keyEncipherment', 'extendedKeyUsage=serverAuth',
      'subjectAltName=IP:127.0.0.1,DNS:localhost', 'subjectKeyIdentifier=hash', 'authorityKeyIdentifier=keyid',
    ].join('\n'));
    openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-days', '2', '-extfile', 'server.ext', '-out', 'server.pem'], dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const caFile = join(dir, 'ca.pem');
  return {
    dir, caFile, caPem: readFileSync(caFile, 'utf8'), otherCaFile: join(dir, 'other-ca.pem'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
