// Pod logs on the test cluster: kwok serves pods/log from a file named by a Logs object
// (kwok.x-k8s.io/v1alpha1, same name and namespace as the pod). The file is CRI log format,
// "<RFC3339Nano> stdout F <text>", written with the current time so sinceTime/sinceSeconds (which
// kwok filters on the file's timestamps) mean what they mean on a kubelet. Only ever append.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { request } from 'node:https';
import type { RequestOptions } from 'node:https';
import type { TestNamespace } from './cluster.js';
import { waitFor } from './wait.js';

export interface PodLogFile {
  path: string;
  previousPath: string;
  /** Appends one CRI record per line, stamped now (or at `at`); returns the stamps written. */
  append: (lines: string[], at?: Date) => string[];
  /** Appends to the previous-container log (served for previous=true). */
  appendPrevious: (lines: string[]) => void;
}

let lastMicros = 0;

/** RFC3339Nano with all 9 digits (as CRI log files and kwok's timestamps=true output use), strictly increasing per call. */
function stampMicros(at?: Date): string {
  const micros = at ? at.getTime() * 1000 : Math.max(Date.now() * 1000, lastMicros + 1);
  if (!at) lastMicros = micros;
  const base = new Date(Math.floor(micros / 1000)).toISOString().slice(0, 19);
  return `${base}.${String(micros % 1_000_000).padStart(6, '0')}000Z`;
}

function criLines(lines: string[], at?: Date): { text: string; stamps: string[] } {
  const stamps = lines.map(() => stampMicros(at));
  const text = lines.map((line, i) => `${stamps[i]} stdout F ${line}\n`).join('');
  return { text, stamps };
}

/** Creates the (empty) log files and the pod's Logs object; waits until kwok serves them. */
export async function createPodLogs(t: TestNamespace, pod: string, container: string): Promise<PodLogFile> {
  const dir = join(t.env.podLogsDir, t.namespace, pod);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const path = join(dir, `${container}.log`);
  const previousPath = join(dir, `${container}.previous.log`);
  writeFileSync(path, '', { flag: 'a' }); // must exist before any request: kwok resolves symlinks first
  writeFileSync(previousPath, '', { flag: 'a' });
  await t.custom.createNamespacedCustomObject({
    group: 'kwok.x-k8s.io',
    version: 'v1alpha1',
    namespace: t.namespace,
    plural: 'logs',
    body: {
      apiVersion: 'kwok.x-k8s.io/v1alpha1',
      kind: 'Logs',
      metadata: { name: pod, namespace: t.namespace },
      spec: { logs: [{ containers: [container], logsFile: path, previousLogsFile: previousPath }] },
    },
  });
  // kwok reads Logs objects through an informer: the first request can race it
  await waitFor(`kwok to serve logs of ${t.namespace}/${pod}`, 10_000, async () => {
    await t.core.readNamespacedPodLog({ namespace: t.namespace, name: pod, container });
    return true;
  });
  return {
    path,
    previousPath,
    append: (lines, at) => {
      const { text, stamps } = criLines(lines, at);
      appendFileSync(path, text);
      return stamps;
    },
    appendPrevious: (lines) => appendFileSync(previousPath, criLines(lines).text),
  };
}

export interface LogQuery {
  follow?: boolean;
  timestamps?: boolean;
  previous?: boolean;
  sinceTime?: string;
  sinceSeconds?: number;
  tailLines?: number;
}

/**
 * GET pods/log over https with the kubeconfig's credentials. (client-node's Log pipes a web stream
 * whose AbortError on close is unhandled; owning the request lets a test close a follow cleanly and
 * see when the server ended it, e.g. during a kube-apiserver restart.)
 */
async function openPodLog(t: TestNamespace, pod: string, container: string, q: LogQuery): Promise<{ req: ClientRequest; res: IncomingMessage }> {
  const server = t.kc.getCurrentCluster()?.server;
  if (!server) throw new Error('no current cluster');
  const url = new URL(`${server}/api/v1/namespaces/${t.namespace}/pods/${pod}/log`);
  url.searchParams.set('container', container);
  for (const [k, v] of Object.entries(q)) if (v !== undefined) url.searchParams.set(k, String(v));
  const opts: RequestOptions = { method: 'GET' };
  await t.kc.applyToHTTPSOptions(opts);
  return new Promise((resolve, reject) => {
    const req = request(url, opts, (res) => {
      if (res.statusCode === 200) return resolve({ req, res });
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => reject(new Error(`pods/log ${res.statusCode}: ${body}`)));
    });
    req.on('error', reject);
    req.end();
  });
}

/** An open follow: collects text as it arrives; always close() it (kwok holds an inotify per follow). */
export interface LogFollow {
  text: () => string;
  ended: () => boolean;
  waitForText: (needle: string, timeoutMs: number) => Promise<string>;
  close: () => void;
}

export async function followPodLog(t: TestNamespace, pod: string, container: string, q: Omit<LogQuery, 'follow'> = {}): Promise<LogFollow> {
  const { req, res } = await openPodLog(t, pod, container, { ...q, follow: true });
  let buf = '';
  let ended = false;
  res.on('data', (c: Buffer) => (buf += c.toString('utf8')));
  res.on('error', () => undefined); // a server going away ends the follow; ended() reports it
  res.on('close', () => (ended = true));
  req.on('error', () => undefined);
  return {
    text: () => buf,
    ended: () => ended,
    waitForText: (needle, timeoutMs) => waitFor(`log text ${JSON.stringify(needle)}`, timeoutMs, async () => buf.includes(needle) && buf),
    close: () => req.destroy(),
  };
}

/** One non-follow pods/log read with the full option set (client-node's CoreV1Api lacks sinceTime). */
export async function readPodLog(t: TestNamespace, pod: string, container: string, q: Omit<LogQuery, 'follow'> = {}): Promise<string> {
  const { res } = await openPodLog(t, pod, container, q);
  let buf = '';
  for await (const c of res) buf += (c as Buffer).toString('utf8');
  return buf;
}
