/**
 * Maps every cluster failure once into a KubeError (STYLE.md "Errors"): the HTTP status and the Status body's
 * `reason` decide the reason, the message reads like kubectl's ("Error from server (NotFound): …") and says what to
 * do, the Status `details.causes` are kept for Invalid, and the original error is always kept as `cause`.
 */
import type { ApiFailure } from '../tasks/index.js';

export type KubeErrorReason =
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'Expired'
  | 'TooManyRequests'
  | 'ServerError'
  | 'Unreachable'
  | 'Timeout'
  | 'Aborted'
  | 'AuthPluginMissing'
  | 'AuthPluginFailed'
  | 'AuthPluginTimeout';

/** One entry of a Status body's `details.causes` (meta/v1 StatusCause). */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface KubeErrorInit {
  status?: number;
  causes?: StatusCause[];
  /** Seconds the server asked us to wait (Retry-After / details.retryAfterSeconds). */
  retryAfterSeconds?: number;
  cause: unknown;
}

export class KubeError extends Error {
  override readonly name = 'KubeError';
  readonly reason: KubeErrorReason;
  readonly status: number | undefined;
  readonly causes: StatusCause[];
  readonly retryAfterSeconds: number | undefined;
  constructor(reason: KubeErrorReason, message: string, init: KubeErrorInit) {
    super(message, { cause: init.cause });
    this.reason = reason;
    this.status = init.status;
    this.causes = init.causes ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

/** Aborts are not failures (STYLE.md "Cancellation"): edges stay silent for them. */
export function isAborted(error: unknown): boolean {
  return error instanceof KubeError ? error.reason === 'Aborted' : isAbortError(error);
}

function isAbortError(error: unknown): boolean {
  const e = error as { name?: unknown; code?: unknown } | undefined;
  return e?.name === 'AbortError' || e?.code === 'ABORT_ERR';
}

/** What to do next, per reason; appended to every message. */
const advice: Partial<Record<KubeErrorReason, string>> = {
  Unauthorized: 'Log in again or refresh the credentials of this kubeconfig context.',
  Forbidden: 'Ask a cluster administrator for this permission, or switch to a context that has it.',
  NotFound: 'Check the name and the namespace (and that the CRD is installed for custom kinds).',
  AlreadyExists: 'Delete the existing object or choose another name.',
  Conflict: 'The object changed meanwhile: read it again and retry.',
  Invalid: 'Fix the fields listed above and try again.',
  Expired: 'The resource version is too old: list again.',
  TooManyRequests: 'The server is throttling requests: try again shortly.',
  ServerError: 'The API server failed: retry, and check its health if this persists.',
  Unreachable: "Check that the cluster is running and reachable (VPN, proxy) and that the kubeconfig's server URL is right.",
  Timeout: 'The request timed out: check the connection to the cluster and retry.',
};

/** Appends the reason's advice to a message. */
export function withAdvice(reason: KubeErrorReason, message: string): string {
  const tip = advice[reason];
  return tip ? `${message}. ${tip}` : message;
}

/** The parts of a meta/v1 Status body we use; anything else in `body` is ignored. */
export interface StatusBody {
  reason?: string;
  message?: string;
  code?: number;
  details?: { causes?: StatusCause[]; retryAfterSeconds?: number };
}

export function parseStatusBody(body: unknown): StatusBody | undefined {
  const parsed: unknown = typeof body === 'string' ? safeJson(body) : body;
  if (!parsed || typeof parsed !== 'object') return undefined;
  const s = parsed as Record<string, unknown>;
  if (s['kind'] !== 'Status' && typeof s['message'] !== 'string') return undefined;
  const details = s['details'] && typeof s['details'] === 'object' ? (s['details'] as Record<string, unknown>) : {};
  const causes = Array.isArray(details['causes']) ? (details['causes'] as unknown[]).filter(isCause) : undefined;
  return {
    reason: typeof s['reason'] === 'string' ? s['reason'] : undefined,
    message: typeof s['message'] === 'string' ? s['message'] : undefined,
    code: typeof s['code'] === 'number' ? s['code'] : undefined,
    details: { causes, retryAfterSeconds: typeof details['retryAfterSeconds'] === 'number' ? details['retryAfterSeconds'] : undefined },
  };
}

function isCause(c: unknown): c is StatusCause {
  return !!c && typeof c === 'object';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // not JSON (a proxy's HTML page, plain text): the caller keeps the raw text
  }
}

/** Reason for an HTTP status the server answered with; the Status `reason` splits 409 and refines 5xx. */
export function reasonForStatus(status: number, statusReason?: string): KubeErrorReason {
  if (status === 401) return 'Unauthorized';
  if (status === 403) return 'Forbidden';
  if (status === 404) return 'NotFound';
  if (status === 409) return statusReason === 'AlreadyExists' ? 'AlreadyExists' : 'Conflict';
  if (status === 410) return 'Expired';
  if (status === 429) return 'TooManyRequests';
  if (status === 408 || status === 504 || statusReason === 'Timeout') return 'Timeout';
  if (status >= 500) return 'ServerError';
  return 'Invalid'; // 400 BadRequest, 422 Invalid, 405/415: the request itself was wrong
}

/** A KubeError from an HTTP answer: `body` is the response text (a Status, or anything a proxy sent). */
export function errorFromResponse(what: string, status: number, body: unknown, retryAfterHeader?: string): KubeError {
  const s = parseStatusBody(body);
  const reason = reasonForStatus(status, s?.reason);
  const raw = typeof body === 'string' ? body.trim().slice(0, 300) : '';
  const detail = s?.message ?? (raw || `HTTP ${status}`);
  const causes = s?.details?.causes ?? [];
  const located = causes.filter((c) => c.field || c.message).map((c) => `\n  ${c.field ? `${c.field}: ` : ''}${c.message ?? c.reason ?? ''}`);
  const retryAfter = Number(retryAfterHeader ?? s?.details?.retryAfterSeconds ?? Number.NaN);
  const message = withAdvice(reason, `${what}: Error from server (${s?.reason ?? reason}): ${detail}${located.join('')}`);
  return new KubeError(reason, message, {
    status,
    causes,
    retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : undefined,
    cause: s ?? body,
  });
}

const timeoutCodes = /^(ETIMEDOUT|ESOCKETTIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/;

/** Turns anything a request threw into a KubeError; `what` names the attempted action for the message. */
export function toKubeError(error: unknown, what: string): KubeError {
  if (error instanceof KubeError) return error;
  if (isAbortError(error)) return new KubeError('Aborted', `${what}: cancelled`, { cause: error });
  const e = error as { code?: unknown; body?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } };
  // client-node's ApiException carries the HTTP status in `code` and the response text in `body`
  if (typeof e.code === 'number') return errorFromResponse(what, e.code, e.body);
  const code = String(e.code ?? e.cause?.code ?? '');
  const detail = [e.message, e.cause?.message].filter((m) => typeof m === 'string' && m !== '').join(': ') || String(error);
  const reason: KubeErrorReason = timeoutCodes.test(code) || /timed? ?out/i.test(detail) ? 'Timeout' : 'Unreachable';
  return new KubeError(reason, withAdvice(reason, `${what}: Unable to connect to the server: ${detail}${code && !detail.includes(code) ? ` (${code})` : ''}`), { cause: error });
}

/** A failed call as the lifecycle machines take it (src/tasks `ApiFailure`): the mapped reason, message and status. */
export function toApiFailure(error: unknown, what: string): ApiFailure {
  const e = toKubeError(error, what);
  return { reason: e.reason, message: e.message, ...(e.status === undefined ? {} : { status: e.status }) };
}
