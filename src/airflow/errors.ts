/**
 * Maps every Airflow REST failure once into an AirflowError (STYLE.md "Errors"), as kube/errors.ts does for the
 * cluster: the HTTP status and what was asked decide the reason, the message keeps the server's own `detail` /
 * `title` and says what to do, and the original answer or socket error is always kept as `cause`.
 * Airflow 3's FastAPI answers `{"detail": …}` (a string, or a list of pydantic errors on 422); Airflow 2's
 * connexion answers RFC 7807 `{"title", "detail", "status"}`. Airflow 2 answers 403 (not 401) to wrong or missing
 * basic-auth credentials (measured, ../shared/docs/real-airflow.md), so 403 on v1 is reported as a credentials
 * problem too. Credentials never enter a message: only the URL and the request's path do.
 */

export type AirflowErrorReason =
  | 'Unauthorized'
  | 'Forbidden'
  | 'DagNotFound'
  | 'NotFound'
  | 'DagPaused'
  | 'DuplicateRun'
  | 'Invalid'
  | 'ServerError'
  | 'Unreachable'
  | 'Timeout'
  | 'Untrusted'
  | 'NotAirflow'
  | 'Aborted';

export class AirflowError extends Error {
  override readonly name = 'AirflowError';
  readonly reason: AirflowErrorReason;
  readonly status: number | undefined;
  constructor(reason: AirflowErrorReason, message: string, init: { status?: number; cause: unknown }) {
    super(message, { cause: init.cause });
    this.reason = reason;
    this.status = init.status;
  }
}

/** What to do next, per reason; appended to every message. */
const advice: Record<AirflowErrorReason, string> = {
  Unauthorized: 'Check the user name and password (KUBETASKS_AIRFLOW_USERNAME/PASSWORD) or the token (KUBETASKS_AIRFLOW_TOKEN).',
  Forbidden: 'The user lacks this permission: ask an Airflow admin for it, or use another account.',
  DagNotFound: 'Check the dag_id, and that the DAG file is in the dags folder and parsed without import errors.',
  NotFound: 'Check the dag_id, run id and task id.',
  DagPaused: 'Unpause the DAG (kubetasks trigger --unpause) so the scheduler runs it.',
  DuplicateRun: 'Choose another --run-id, or omit it to let Airflow name the run.',
  Invalid: 'Fix the request (conf must be a JSON object) and try again.',
  ServerError: 'The Airflow API server failed: check its log and retry.',
  Unreachable: 'Check that the Airflow API server is running and that the URL (KUBETASKS_AIRFLOW_URL / --server) is right.',
  Timeout: 'The request timed out: check the connection to the Airflow server and retry.',
  Untrusted: 'If the server is the right one, trust the CA that signed its certificate: kubetasks trigger --ca-file PEM, ' +
    'or the kubetasks.airflow.caFile setting in the editor (verification is never turned off).',
  NotAirflow: 'Give the base URL of the Airflow web/API server (without /api/v1 or /api/v2).',
  Aborted: '',
};

export function withAdvice(reason: AirflowErrorReason, message: string): string {
  const tip = advice[reason];
  return tip ? `${message}. ${tip}` : message;
}

/** The request an error belongs to: the API major changes what 403 means and what 404 names. */
export interface ErrorContext {
  /** e.g. "trigger DAG kt_demo". */
  what: string;
  /** 'v2' = Airflow 3, 'v1' = Airflow 2. */
  api: 'v1' | 'v2';
  /** The request's path pattern, so a 404 on `/dags/{id}` reads as an unknown DAG. */
  dagPath?: boolean;
}

/** The server's own explanation: FastAPI `detail` (string or pydantic error list) or connexion `title`/`detail`. */
export function serverDetail(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body.trim().slice(0, 300); // an HTML page or plain text from a proxy: the raw start of it
  }
  if (!parsed || typeof parsed !== 'object') return String(parsed);
  const record = parsed as Record<string, unknown>;
  const detail = record['detail'];
  if (typeof detail === 'string') {
    const title = typeof record['title'] === 'string' ? record['title'] : '';
    return title && !detail.startsWith(title) ? `${title}: ${detail}` : detail;
  }
  if (Array.isArray(detail)) return detail.map(describePydanticError).join('; ');
  if (typeof record['title'] === 'string') return record['title'];
  return JSON.stringify(parsed).slice(0, 300);
}

/** One FastAPI validation error: `{loc: ["body", "conf"], msg: "…"}` → "body.conf: …". */
function describePydanticError(entry: unknown): string {
  if (!entry || typeof entry !== 'object') return String(entry);
  const e = entry as { loc?: unknown; msg?: unknown };
  const loc = Array.isArray(e.loc) ? e.loc.map(String).join('.') : '';
  const msg = typeof e.msg === 'string' ? e.msg : JSON.stringify(entry);
  return loc ? `${loc}: ${msg}` : msg;
}

/** The reason for an HTTP status, given what was asked. */
export function reasonForStatus(status: number, context: ErrorContext, detail: string): AirflowErrorReason {
  if (status === 401) return 'Unauthorized';
  // Airflow 2's basic-auth backend answers a bare 403 "Forbidden" to missing or wrong credentials (real-airflow.md,
  // "Auth"), the same answer as to a missing permission: on /api/v1 it is reported as a credentials problem first
  if (status === 403) return context.api === 'v1' ? 'Unauthorized' : 'Forbidden';
  if (status === 404) return context.dagPath || /\bdag\b.*not found|dag_id/i.test(detail) ? 'DagNotFound' : 'NotFound';
  if (status === 409) return 'DuplicateRun';
  if (status === 408 || status === 504) return 'Timeout';
  if (status >= 500) return 'ServerError';
  return 'Invalid'; // 400, 405, 406, 415, 422: the request itself was wrong
}

/** An AirflowError from an HTTP answer with a non-2xx status. */
export function errorFromResponse(context: ErrorContext, status: number, body: string): AirflowError {
  const detail = serverDetail(body) || `HTTP ${status}`;
  const reason = reasonForStatus(status, context, detail);
  const note = status === 403 && context.api === 'v1' ? ' (Airflow 2 answers 403 both to wrong credentials and to a missing permission)' : '';
  return new AirflowError(reason, withAdvice(reason, `${context.what}: Airflow answered ${status}: ${detail}${note}`), { status, cause: body });
}

const timeoutCodes = /^(ETIMEDOUT|ESOCKETTIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT)$/;
/**
 * OpenSSL's verification failures as node:tls reports them in `code` (X509_V_ERR_* names without the prefix, e.g.
 * UNABLE_TO_VERIFY_LEAF_SIGNATURE for an unknown CA, SELF_SIGNED_CERT_IN_CHAIN, CERT_HAS_EXPIRED) and Node's own
 * ERR_TLS_CERT_ALTNAME_INVALID for a host name the certificate does not cover.
 */
const certificateCodes = /CERT|UNABLE_TO_(VERIFY|GET_ISSUER)|ALTNAME/;

/** Turns anything a request threw into an AirflowError; `what` names the attempted action and `url` the server. */
export function toAirflowError(error: unknown, what: string, url: string): AirflowError {
  if (error instanceof AirflowError) return error;
  const e = error as { name?: unknown; code?: unknown; message?: unknown };
  if (e?.name === 'AbortError' || e?.code === 'ABORT_ERR') return new AirflowError('Aborted', `${what}: cancelled`, { cause: error });
  const code = typeof e?.code === 'string' ? e.code : '';
  const detail = typeof e?.message === 'string' && e.message !== '' ? e.message : String(error);
  if (certificateCodes.test(code)) {
    // not transient (dag-runs.ts never retries it): the same certificate is refused on every attempt
    const text = `${what}: the TLS certificate of the Airflow server at ${url} is not trusted: ${detail}${detail.includes(code) ? '' : ` (${code})`}`;
    return new AirflowError('Untrusted', withAdvice('Untrusted', text), { cause: error });
  }
  const reason: AirflowErrorReason = timeoutCodes.test(code) || /timed? ?out/i.test(detail) ? 'Timeout' : 'Unreachable';
  const text = `${what}: cannot reach the Airflow server at ${url}: ${detail}${code && !detail.includes(code) ? ` (${code})` : ''}`;
  return new AirflowError(reason, withAdvice(reason, text), { cause: error });
}

/** A paused DAG is not an HTTP error: the trigger is accepted and the run waits in `queued` forever. */
export function pausedDagError(dagId: string): AirflowError {
  return new AirflowError('DagPaused', withAdvice('DagPaused', `DAG ${dagId} is paused: a triggered run would stay queued`), { cause: dagId });
}

/** Aborts are not failures (STYLE.md "Cancellation"): edges stay silent for them. */
export function isAirflowAborted(error: unknown): boolean {
  return error instanceof AirflowError && error.reason === 'Aborted';
}
