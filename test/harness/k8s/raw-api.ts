// A small HTTPS client for judges that talk to the test cluster's kube-apiserver directly (issue 9): the harness
// kubeconfig's server, CA and admin client certificate, node:https, JSON in and out. It exists so a judge of our
// validation shares no code with src/kube (the system under test elsewhere), and so it sees the server's own Status
// objects unchanged (field paths, causes, messages).
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { parse } from 'yaml';

export interface RawResponse {
  status: number;
  body: unknown;
}

export interface RawApi {
  request(method: string, path: string, body?: unknown): Promise<RawResponse>;
}

interface KubeconfigFile {
  clusters?: { cluster?: { server?: string; 'certificate-authority'?: string } }[];
  users?: { user?: { 'client-certificate'?: string; 'client-key'?: string } }[];
}

/** Reads the harness kubeconfig (file references, one cluster, one user: see pki.sh write_kubeconfig). */
export function rawApiFromKubeconfig(kubeconfigPath: string): RawApi {
  const config = parse(readFileSync(kubeconfigPath, 'utf8')) as KubeconfigFile;
  const cluster = config.clusters?.[0]?.cluster;
  const user = config.users?.[0]?.user;
  const server = cluster?.server;
  const caFile = cluster?.['certificate-authority'];
  const certFile = user?.['client-certificate'];
  const keyFile = user?.['client-key'];
  if (!server || !caFile || !certFile || !keyFile) throw new Error(`${kubeconfigPath}: expected server, CA, client cert and key files`);
  const tls = { ca: readFileSync(caFile), cert: readFileSync(certFile), key: readFileSync(keyFile) };
  const base = new URL(server);
  return {
    request(method, path, body) {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      return new Promise((resolve, reject) => {
        const req = httpsRequest(
          {
            ...tls,
            host: base.hostname,
            port: base.port,
            method,
            path,
            headers: { accept: 'application/json', ...(payload ? { 'content-type': 'application/json' } : {}) },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () => {
              let parsed: unknown = text;
              try {
                parsed = JSON.parse(text);
              } catch {
                // not JSON (a plain-text error page): keep the text so the judge can show it
              }
              resolve({ status: res.statusCode ?? 0, body: parsed });
            });
          },
        );
        req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path}: no answer within 30 s`)));
        req.on('error', reject);
        req.end(payload);
      });
    },
  };
}

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

/** Where objects of an apiVersion/kind live, from the server's discovery documents (CRDs included). */
export async function findResource(api: RawApi, apiVersion: string, kind: string): Promise<ApiResource> {
  const root = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const res = await api.request('GET', root);
  const resources = (res.body as { resources?: ApiResource[] } | undefined)?.resources ?? [];
  const found = resources.find((r) => r.kind === kind && !r.name.includes('/'));
  if (res.status !== 200 || !found) throw new Error(`the server does not serve ${kind} in ${apiVersion} (GET ${root}: ${res.status})`);
  return found;
}

/** The collection URL of an object's kind, in `namespace` when the kind is namespaced. */
export async function collectionPath(api: RawApi, object: { apiVersion: string; kind: string }, namespace: string): Promise<string> {
  const resource = await findResource(api, object.apiVersion, object.kind);
  const root = object.apiVersion.includes('/') ? `/apis/${object.apiVersion}` : `/api/${object.apiVersion}`;
  return resource.namespaced ? `${root}/namespaces/${namespace}/${resource.name}` : `${root}/${resource.name}`;
}
