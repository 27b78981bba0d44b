/**
 * Maps client-node failures once into a KubeError (STYLE.md "Errors"). The HTTP status decides the reason, the
 * way kubectl words them; the original error is always kept as `cause`.
 */
export type KubeErrorReason = 'Unauthorized' | 'Forbidden' | 'NotFound' | 'Conflict' | 'Invalid' | 'Unreachable' | 'Timeout';

export class KubeError extends Error {
  override readonly name = 'KubeError';
  readonly reason: KubeErrorReason;
  readonly status: number | undefined;
  constructor(reason: KubeErrorReason, message: string, status: number | undefined, options: { cause: unknown }) {
    super(message, options);
    this.reason = reason;
    this.status = status;
  }
}

const reasonByStatus: Record<number, KubeErrorReason> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  422: 'Invalid',
  408: 'Timeout',
  504: 'Timeout',
};

/** The `message` of a Kubernetes Status body, when the error carries one. */
function statusMessage(body: unknown): string | undefined {
  const parsed: unknown = typeof body === 'string' ? safeJson(body) : body;
  if (parsed && typeof parsed === 'object' && 'message' in parsed && typeof parsed.message === 'string') {
    return parsed.message;
  }
  return undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // not JSON: the caller falls back to the error's own message
  }
}

/** Turns anything client-node throws into a KubeError; `what` names the attempted action for the message. */
export function toKubeError(error: unknown, what: string): KubeError {
  if (error instanceof KubeError) return error;
  const e = error as { code?: unknown; body?: unknown; message?: unknown; cause?: { code?: unknown } };
  const status = typeof e.code === 'number' ? e.code : undefined;
  const detail = statusMessage(e.body) ?? (typeof e.message === 'string' ? e.message : String(error));
  if (status !== undefined) {
    const reason = reasonByStatus[status] ?? (status >= 500 ? 'Unreachable' : 'Invalid');
    return new KubeError(reason, `${what}: ${reason} (HTTP ${status}): ${detail}`, status, { cause: error });
  }
  const code = String(e.cause?.code ?? (e as { code?: unknown }).code ?? '');
  const reason: KubeErrorReason = /TIMEDOUT|Timeout/i.test(code + detail) ? 'Timeout' : 'Unreachable';
  return new KubeError(reason, `${what}: cluster ${reason.toLowerCase()}: ${detail}`, undefined, { cause: error });
}
