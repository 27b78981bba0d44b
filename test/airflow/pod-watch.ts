// Catches a pod exactly as it was created: a raw watch on the namespace (the harness kubeconfig's server, CA and
// admin client certificate over node:https), opened before Airflow is asked to run, whose first ADDED event holds
// the object as the KubernetesPodOperator created it (later MODIFIED events carry Airflow's own patches, such as
// its `already_checked` label). A server-side `timeoutSeconds` bounds it; no client inactivity timer cuts it while
// a loaded scheduler takes its time.
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { parse } from 'yaml';

interface KubeconfigFile {
  clusters?: { cluster?: { server?: string; 'certificate-authority'?: string } }[];
  users?: { user?: { 'client-certificate'?: string; 'client-key'?: string } }[];
}

type Json = Record<string, unknown>;

/**
 * Opens the watch, runs `whileOpen` once the server accepted it, and resolves with the first ADDED pod.
 * Rejects when `whileOpen` fails, the watch ends first, or `timeoutSeconds` pass.
 */
export function firstCreatedPod(kubeconfig: string, namespace: string, timeoutSeconds: number, whileOpen: () => Promise<void>): Promise<Json> {
  const config = parse(readFileSync(kubeconfig, 'utf8')) as KubeconfigFile;
  const cluster = config.clusters?.[0]?.cluster;
  const user = config.users?.[0]?.user;
  if (!cluster?.server || !cluster['certificate-authority'] || !user?.['client-certificate'] || !user['client-key']) {
    return Promise.reject(new Error(`${kubeconfig}: expected server, CA, client cert and key files`));
  }
  const url = new URL(`/api/v1/namespaces/${namespace}/pods?watch=1&timeoutSeconds=${timeoutSeconds}`, cluster.server);
  const tls = { ca: readFileSync(cluster['certificate-authority']), cert: readFileSync(user['client-certificate']), key: readFileSync(user['client-key']) };
  return new Promise<Json>((resolve, reject) => {
    const req = request(url, { ...tls, method: 'GET' }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`watch ${url.pathname}: HTTP ${res.statusCode}`));
        res.resume();
        return;
      }
      whileOpen().catch((error: unknown) => { req.destroy(); reject(error); });
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines.filter(Boolean)) {
          const event = JSON.parse(line) as { type: string; object: Json };
          if (event.type !== 'ADDED') continue;
          resolve(event.object);
          req.destroy();
          return;
        }
      });
      res.on('end', () => reject(new Error(`watch ${url.pathname} ended after ${timeoutSeconds} s without a pod`)));
    });
    req.on('error', (error) => reject(error));
    req.end();
  });
}
