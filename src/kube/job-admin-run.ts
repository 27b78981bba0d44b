/**
 * The thin driver of the Delete/Patch job lifecycles (src/tasks `JobAdminMachine`): carries out each decision through
 * the KubeClient port and feeds the answers back, with a clock tick at the machine's wake time (the poll sleep of
 * `wait_for_completion`). An abort of the signal is a `cancel` event. No lifecycle rule lives here.
 */
import { apiObjectToDict } from '../operators/index.js';
import { JobAdminMachine, toJobAdminInput } from '../tasks/index.js';
import type { JobAdminCall, JobAdminDecision, JobAdminEvent, JobShape, LaunchOutcome, XcomValue } from '../tasks/index.js';
import type { KubeClient } from './cluster.js';
import { MachineDriver } from './machine-driver.js';
import type { LaunchRunOptions } from './launch.js';
import type { TaskLaunchInput } from './run-task.js';

const jobKind = { apiVersion: 'batch/v1', kind: 'Job' } as const;

/** `V1Job.to_dict()` of the answer; the server's JSON as is if the model layer cannot read it (never expected). */
function toDict(job: unknown): XcomValue {
  try {
    return apiObjectToDict(job, 'V1Job') as XcomValue;
  } catch {
    return job as XcomValue;
  }
}

class JobAdminDriver extends MachineDriver<JobAdminEvent, JobAdminDecision> {
  protected readonly machine: JobAdminMachine;
  private readonly client: KubeClient;
  private readonly opts: LaunchRunOptions;

  constructor(client: KubeClient, machine: JobAdminMachine, clock: () => number, opts: LaunchRunOptions) {
    super(clock, opts.signal);
    this.client = client;
    this.machine = machine;
    this.opts = opts;
  }

  protected carryOut(d: JobAdminDecision): void {
    // The calls use the driver's own signal: a cancel never cuts a delete or patch short (the machine waits for it).
    const opts = { namespace: d.kind === 'progress' || d.kind === 'finish' ? undefined : d.namespace, signal: this.life.signal };
    switch (d.kind) {
      case 'read-job':
        return this.callAs('read', this.client.get(jobKind, d.name, opts), (job) => ({ type: 'job-read', job: job as JobShape }), `read job ${d.namespace}/${d.name}`);
      case 'delete-job':
        this.opts.onObject?.('Job', d.namespace, d.name);
        return this.callAs('delete', this.client.delete(jobKind, d.name, opts), () => ({ type: 'job-deleted' }), `delete job ${d.namespace}/${d.name}`);
      case 'patch-job':
        this.opts.onObject?.('Job', d.namespace, d.name);
        return this.callAs('patch', this.client.patch(jobKind, d.name, d.body, { ...opts, type: d.patchType }),
          (job) => ({ type: 'job-patched', xcom: toDict(job) }), `patch job ${d.namespace}/${d.name}`);
      case 'progress':
        this.opts.onProgress?.(d.level, d.text);
        return;
      case 'finish':
        return;
    }
  }

  private callAs<T>(call: JobAdminCall, promise: Promise<T>, ok: (value: T) => JobAdminEvent, what: string): void {
    this.call(promise, ok, (error) => ({ type: 'call-failed', call, error }), what);
  }
}

/** Runs a KubernetesDeleteJobOperator or KubernetesPatchJobOperator task to its end. */
export function runJobAdmin(client: KubeClient, input: TaskLaunchInput, opts: LaunchRunOptions = {}): Promise<LaunchOutcome> {
  if (input.operator !== 'KubernetesDeleteJobOperator' && input.operator !== 'KubernetesPatchJobOperator') {
    return Promise.reject(new Error(`runJobAdmin runs Delete/Patch job tasks, not ${input.operator}`));
  }
  const machine = new JobAdminMachine(toJobAdminInput(input.operator, input.params, input.plan?.body ?? null, input.context.run_id, input.clock));
  return new JobAdminDriver(client, machine, input.clock, opts).run();
}
