/**
 * The run-time lifecycles of the operators that act on an existing Job (operators/job.py, provider 10.25.0):
 * `KubernetesDeleteJobOperator.execute` (read the status once, or poll it every `poll_interval` until a Complete or
 * Failed condition with `wait_for_completion`; delete per `delete_on_status`; a 404 anywhere ends in success) and
 * `KubernetesPatchJobOperator.execute` (one `patch_namespaced_job`, its `V1Job.to_dict()` as the XCom). Pure: events
 * in, decisions out, time from the injected clock. Neither operator defines `on_kill`, so a cancel only stops waiting.
 */
import type { XcomValue } from './xcom.js';
import type { ApiFailure } from './launch-types.js';
import type { Failure } from './launch-outcome.js';
import type { LaunchObject, LaunchOutcome, OutcomeKind } from './outcome.js';
import { finalConditions, isJobSuccessful, jobFailedReason, jobStateText, type JobShape } from './job-conditions.js';

export type DeleteOnStatus = 'Complete' | 'Failed' | null;

export interface JobAdminInput {
  action: 'delete' | 'patch';
  name: string;
  namespace: string;
  /** Delete: `delete_on_status` (checked by the renderer: Complete, Failed or None). */
  deleteOnStatus: DeleteOnStatus;
  /** Delete: `wait_for_completion`. */
  waitForCompletion: boolean;
  /** Delete: `poll_interval` in seconds (Airflow sleeps this long between status reads). */
  pollIntervalSeconds: number;
  /** Patch: the body exactly as the Python client serialises it (a dict, or a list of JSON Patch operations). */
  body: unknown;
  runId: string;
  clock: () => number;
}

/** The call ids the driver answers with `call-failed`. */
export type JobAdminCall = 'read' | 'delete' | 'patch';

export type JobAdminEvent =
  | { type: 'job-read'; job: JobShape }
  | { type: 'job-deleted' }
  /** `xcom`: the patched Job as `V1Job.to_dict()` (the driver converts it; the machine stays model-free). */
  | { type: 'job-patched'; xcom: XcomValue }
  | { type: 'call-failed'; call: JobAdminCall; error: ApiFailure }
  | { type: 'tick' }
  | { type: 'cancel' };

export type JobAdminDecision =
  /** `read_namespaced_job_status`. */
  | { kind: 'read-job'; namespace: string; name: string }
  /** `delete_namespaced_job(name, namespace)`: no propagation policy, so the server's default for Jobs applies. */
  | { kind: 'delete-job'; namespace: string; name: string }
  /** `patch_namespaced_job(name, namespace, body)` with the content type the Python client sends (`patchTypeOf`). */
  | { kind: 'patch-job'; namespace: string; name: string; body: unknown; patchType: PatchKind }
  | { kind: 'progress'; level: 'info' | 'warning' | 'error'; text: string }
  | { kind: 'finish'; outcome: LaunchOutcome };

type Phase = 'reading' | 'sleeping' | 'deleting' | 'patching' | 'done';

/** HTTP statuses that mean "the server refused this request": the task fails (any other failure is a cluster error). */
function isRefusal(error: ApiFailure): boolean {
  const status = error.status ?? 0;
  return status >= 400 && status < 500 && status !== 401 && status !== 403;
}

export type PatchKind = 'json' | 'strategic';

/**
 * The content type the Python client (kubernetes 36.0.3) sends for `patch_namespaced_job`: `ApiClient.
 * select_header_content_type` picks `application/json-patch+json` (the operation's first type), then
 * `RESTClientObject.request` turns it into `application/strategic-merge-patch+json` when the body is not a list.
 * So a dict body is a strategic merge patch and a list body a JSON Patch (RFC 6902), in Airflow and here.
 */
export function patchTypeOf(body: unknown): PatchKind {
  return Array.isArray(body) ? 'json' : 'strategic';
}

/** Why the server may have refused the patch: the content type Airflow's client chose for this body. */
export function patchHint(body: unknown): string {
  if (patchTypeOf(body) === 'json') {
    return 'Hint: a list `body` is sent as a JSON Patch (Content-Type application/json-patch+json), as the Python ' +
      'kubernetes client sends it: each operation needs `op` and `path`, and `replace`/`remove` need the path to exist ' +
      '(e.g. [{"op": "replace", "path": "/spec/suspend", "value": false}]). Airflow gets the same refusal.';
  }
  return 'Hint: a dict `body` is sent as a strategic merge patch (Content-Type application/strategic-merge-patch+json): ' +
    'the Python kubernetes client asks for application/json-patch+json, then switches to a strategic merge patch ' +
    'because the body is not a list. Field names are the API\'s camelCase ones (e.g. {"spec": {"suspend": false}}); ' +
    'Airflow gets the same refusal.';
}

export class JobAdminMachine {
  private phase: Phase = 'reading';
  private wakeAtMs: number | undefined;
  private cancelPending = false;
  /** The Job was not found (404): nothing to list as acted on. */
  private missing = false;
  private xcom: XcomValue = null;
  private objectState: LaunchObject['state'] = 'kept';
  private finished: LaunchOutcome | undefined;
  private readonly input: JobAdminInput;

  constructor(input: JobAdminInput) {
    this.input = input;
  }

  get outcome(): LaunchOutcome | undefined {
    return this.finished;
  }

  private get target(): { namespace: string; name: string } {
    return { namespace: this.input.namespace, name: this.input.name };
  }

  start(): JobAdminDecision[] {
    if (this.input.action === 'patch') {
      this.phase = 'patching';
      const patchType = patchTypeOf(this.input.body);
      return [this.info(`Updating existing Job: ${this.input.name}`), { kind: 'patch-job', ...this.target, body: this.input.body, patchType }];
    }
    return this.read();
  }

  /** When the poll sleep ends (`poll_interval` after an incomplete status read). */
  nextWakeMs(): number | undefined {
    return this.phase === 'sleeping' ? this.wakeAtMs : undefined;
  }

  handle(event: JobAdminEvent): JobAdminDecision[] {
    if (this.phase === 'done') return [];
    switch (event.type) {
      case 'job-read':
        return this.phase === 'reading' ? this.onRead(event.job) : [];
      case 'job-deleted':
        this.objectState = 'deleted';
        return [this.info('Kubernetes job was deleted.'), ...this.end('success', `Job ${this.input.namespace}/${this.input.name} deleted.`)];
      case 'job-patched':
        this.xcom = event.xcom;
        return [this.info('Job was updated.'), ...this.end('success', `Job ${this.input.namespace}/${this.input.name} patched.`)];
      case 'call-failed':
        return this.onFailed(event.call, event.error);
      case 'tick':
        return this.phase === 'sleeping' && this.wakeAtMs !== undefined && this.input.clock() >= this.wakeAtMs ? this.read() : [];
      case 'cancel':
        return this.onCancel();
    }
  }

  private info(text: string): JobAdminDecision {
    return { kind: 'progress', level: 'info', text };
  }

  /** `get_job_status`, or one pass of `wait_until_job_complete`'s loop. */
  private read(): JobAdminDecision[] {
    this.phase = 'reading';
    const out: JobAdminDecision[] = this.input.waitForCompletion ? [this.info(`Requesting status for the job '${this.input.name}' `)] : [];
    return [...out, { kind: 'read-job', ...this.target }];
  }

  private onRead(job: JobShape): JobAdminDecision[] {
    if (this.cancelPending) return this.end('cancelled', 'Cancelled while reading the Job status (the operator has no on_kill).');
    const complete = finalConditions(job).length > 0;
    if (this.input.waitForCompletion && !complete) {
      this.phase = 'sleeping';
      this.wakeAtMs = this.input.clock() + this.input.pollIntervalSeconds * 1000;
      // `%i` of a float poll interval prints its integer part.
      return [this.info(`The job '${this.input.name}' is incomplete. Sleeping for ${Math.trunc(this.input.pollIntervalSeconds)} sec.`)];
    }
    const out = this.input.waitForCompletion ? [this.info(jobStateText(job, this.input.name))] : [];
    return [...out, ...this.decideDelete(job)];
  }

  private decideDelete(job: JobShape): JobAdminDecision[] {
    const on = this.input.deleteOnStatus;
    const matches = on === null || (on === 'Complete' && isJobSuccessful(job)) || (on === 'Failed' && jobFailedReason(job) !== false);
    if (!matches) {
      const text = `Deletion of the job ${this.input.name} was skipped due to settings of on_status=${on ?? 'None'}`;
      return [this.info(text), ...this.end('success', text)];
    }
    this.phase = 'deleting';
    return [this.info(`Deleting kubernetes Job: ${this.input.name}`), { kind: 'delete-job', ...this.target }];
  }

  private onFailed(call: JobAdminCall, error: ApiFailure): JobAdminDecision[] {
    if (call === 'patch') {
      // The hint only for refusals of the body itself (malformed patch, unsupported type, invalid result).
      const aboutBody = error.status === 400 || error.status === 415 || error.status === 422;
      const message = aboutBody ? `${error.message}\n${patchHint(this.input.body)}` : error.message;
      return this.end('failed', message, { exception: 'ApiException', message, cluster: !isRefusal(error) });
    }
    // KubernetesDeleteJobOperator: "except ApiException as e: if e.status == 404" around the whole execute.
    if (error.reason === 'NotFound') {
      this.missing = true;
      const text = `The Kubernetes job ${this.input.name} does not exist.`;
      return [this.info(text), ...this.end('success', text)];
    }
    return this.end('failed', error.message, { exception: 'ApiException', message: error.message, cluster: !isRefusal(error) });
  }

  /** No `on_kill`: stop waiting; a delete or patch already sent is let finish, so the outcome says what happened. */
  private onCancel(): JobAdminDecision[] {
    if (this.phase === 'sleeping') return this.end('cancelled', 'Cancelled while waiting for the Job to finish (the operator has no on_kill).');
    this.cancelPending = true;
    return [this.info('Cancelling: waiting for the pending API call to answer (the operator has no on_kill).')];
  }

  private end(kind: OutcomeKind, message: string, failure?: Failure): JobAdminDecision[] {
    this.phase = 'done';
    // A cancel that waited for a call's answer still reports what that call did.
    const cancelled = this.cancelPending || kind === 'cancelled';
    const outcomeKind: OutcomeKind = cancelled ? 'cancelled' : failure?.cluster ? 'error' : kind;
    this.finished = {
      outcome: outcomeKind,
      exitCode: null,
      reason: cancelled ? 'Cancelled' : (failure?.exception ?? null),
      message: cancelled && kind !== 'cancelled' ? `Cancelled: ${message}` : message,
      xcom: this.xcom,
      runId: this.input.runId,
      namespace: this.input.namespace,
      objects: this.missing ? [] : [{ kind: 'Job', namespace: this.input.namespace, name: this.input.name, state: this.objectState }],
    };
    return [{ kind: 'finish', outcome: this.finished }];
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : String(value ?? '');
}

/**
 * The machine's input from a Delete/Patch job task: its keyword arguments after templating (`name`, `namespace`,
 * `delete_on_status`, `wait_for_completion`, `poll_interval`) and, for a patch, the body the renderer serialised.
 */
export function toJobAdminInput(
  operator: 'KubernetesDeleteJobOperator' | 'KubernetesPatchJobOperator',
  params: Readonly<Record<string, unknown>>,
  patchBody: unknown,
  runId: string,
  clock: () => number,
): JobAdminInput {
  const status = params['delete_on_status'];
  const poll = params['poll_interval'];
  return {
    action: operator === 'KubernetesDeleteJobOperator' ? 'delete' : 'patch',
    name: text(params['name']),
    namespace: text(params['namespace']),
    deleteOnStatus: status === 'Complete' || status === 'Failed' ? status : null,
    waitForCompletion: params['wait_for_completion'] === true,
    pollIntervalSeconds: typeof poll === 'number' && Number.isFinite(poll) && poll >= 0 ? poll : 10,
    body: patchBody,
    runId,
    clock,
  };
}
