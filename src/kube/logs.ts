/**
 * pods/log as an async iterable of lines, followed by our own reader instead of client-node's `Log` (which raises
 * uncaught errors on abort and on a dropped connection and loses the Status message of a non-200,
 * runtime-facts.md). A non-200 keeps the server's message ("container "base" in pod "p" is waiting to start:
 * ContainerCreating"). A follow that ends or breaks while the container still runs is resumed with `sinceTime`, and
 * the lines it repeats are skipped (log-resume.ts), with backoff (1 s → 30 s) and a RECONNECTING item meanwhile.
 * The follow ends when the container has terminated (Airflow `PodManager.fetch_container_logs` does the same).
 */
import { Backoff, sleep } from './backoff.js';
import type { BackoffOptions } from './backoff.js';
import { KubeError, toKubeError } from './errors.js';
import { readLines } from './lines.js';
import { parseLogLine, ResumePoint } from './log-resume.js';
import type { LogLine } from './log-resume.js';
import type { KubeObject, ObjectClient } from './objects.js';
import { knownKinds, resourcePath } from './resources.js';
import type { QueryValue, Transport } from './transport.js';

export interface LogOptions {
  namespace?: string;
  signal?: AbortSignal;
  /** Keep reading as the container writes (pods/log `follow`). */
  follow?: boolean;
  /** The previous, terminated instance of the container (`previous`). */
  previous?: boolean;
  /** Only lines at or after this RFC3339 time (`sinceTime`, whole seconds). */
  sinceTime?: string;
  /** Only the last N lines (`tailLines`; 0 is sent as 0, unlike client-node). */
  tailLines?: number;
  /** Ask the server for each line's stamp; a follow always does (it needs them to resume). */
  timestamps?: boolean;
  backoff?: BackoffOptions;
}

export type LogItem =
  | ({ type: 'line' } & LogLine)
  /** The stream broke and is resumed after `delayMs`. */
  | { type: 'reconnecting'; error: KubeError; delayMs: number };

/** Reasons after which resuming cannot help: the pod is gone or we may not read it. */
const fatal = new Set(['NotFound', 'Forbidden', 'Unauthorized', 'Invalid']);

interface ContainerStatus {
  name?: string;
  state?: { terminated?: unknown };
}

/** True when `container` of the pod has terminated (or the pod is gone), so a follow has nothing more to wait for. */
async function hasTerminated(objects: ObjectClient, pod: string, container: string, opts: LogOptions): Promise<boolean> {
  let p: KubeObject;
  try {
    p = await objects.get('Pod', pod, { namespace: opts.namespace, signal: opts.signal });
  } catch (error) {
    if (error instanceof KubeError && error.reason === 'NotFound') return true;
    throw error;
  }
  const status = (p['status'] ?? {}) as { containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[]; phase?: string };
  const all = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])];
  const mine = all.find((c) => c.name === container);
  return mine?.state?.terminated !== undefined || status.phase === 'Succeeded' || status.phase === 'Failed';
}

interface LogDeps {
  transport: Transport;
  objects: ObjectClient;
  namespace: string;
}

/** One follow or read: a request and its lines, minus those a resumed stream repeats. */
interface LogRequest {
  path: string;
  what: string;
  query: Record<string, QueryValue>;
  follow: boolean;
  stamped: boolean;
  resumed: boolean;
}

/** Reads one response; returns true when it delivered at least one new line. */
async function* readOnce(deps: LogDeps, req: LogRequest, point: ResumePoint, signal: AbortSignal | undefined, onOpen: () => void): AsyncGenerator<LogItem, boolean> {
  const res = await deps.transport.open({ method: 'GET', path: req.path, query: req.query, signal, what: req.what, idleTimeoutMs: req.follow ? 0 : 60_000 });
  onOpen();
  let delivered = false;
  try {
    for await (const raw of readLines(res)) {
      // a cut line comes again, whole, after the resume; a finished read keeps its last unterminated line
      if (!raw.complete && req.follow) break;
      const line = parseLogLine(raw.text, req.stamped);
      if (req.resumed && point.seen(line)) continue;
      point.delivered(line);
      delivered = true;
      yield { type: 'line', timestamp: line.timestamp, text: line.text };
    }
  } finally {
    res.destroy();
  }
  return delivered;
}

export async function* streamLogs(deps: LogDeps, pod: string, container: string, opts: LogOptions = {}): AsyncGenerator<LogItem> {
  const namespace = opts.namespace ?? deps.namespace;
  const follow = opts.follow === true;
  const stamped = follow || opts.timestamps === true;
  const point = new ResumePoint();
  const backoff = new Backoff(opts.backoff);
  const base = { path: resourcePath(knownKinds.Pod, namespace, pod, 'log'), what: `logs of ${namespace}/${pod} container ${container}`, follow, stamped };
  let opened = false;
  for (let attempt = 0; ; attempt++) {
    const resumed = attempt > 0;
    const query: Record<string, QueryValue> = { container, follow, previous: opts.previous, timestamps: stamped, sinceTime: resumed ? (point.resume() ?? opts.sinceTime) : opts.sinceTime };
    if (!resumed && opts.tailLines !== undefined) query['tailLines'] = opts.tailLines;
    try {
      const started = Date.now();
      const delivered = yield* readOnce(deps, { ...base, query, resumed }, point, opts.signal, () => {
        opened = true;
        backoff.reset();
      });
      if (!follow || (await hasTerminated(deps.objects, pod, container, { ...opts, namespace }))) return;
      // a follow the server ends at once, again and again, must not spin
      if (!delivered && Date.now() - started < 1000) await sleep(backoff.take(), opts.signal);
    } catch (error) {
      const e = toKubeError(error, base.what);
      if (e.reason === 'Aborted' || opts.signal?.aborted) return;
      // the first answer is the caller's to handle ("waiting to start"); a resumed follow keeps trying
      if (!follow || !opened || fatal.has(e.reason)) throw e;
      const delayMs = backoff.take();
      yield { type: 'reconnecting', error: e, delayMs };
      try {
        await sleep(delayMs, opts.signal);
      } catch {
        return;
      }
    }
  }
}
