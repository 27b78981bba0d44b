/**
 * What a suspended Job waits for, in words: a KubernetesStartKueueJobOperator Job is created with `spec.suspend: true`
 * and runs once Kueue admits its Workload and unsuspends it. Until then the launch's state is "waiting for admission
 * in queue X" (with Kueue's reason from the Workload's QuotaReserved=False condition) — never "running".
 */
import { finalConditions } from './job-conditions.js';
import type { JobDecision, JobWatchShape, WorkloadShape } from './job-types.js';

export class Admission {
  private suspended: boolean | undefined;
  private pendingReason: string | undefined;
  private readonly jobName: string;
  private readonly queue: string | undefined;

  constructor(jobName: string, queue: string | undefined) {
    this.jobName = jobName;
    this.queue = queue;
  }

  /** The Workload watch of a Kueue Job (its `kueue.x-k8s.io/job-uid` label), once the Job's uid is known. */
  workloadSelector(job: JobWatchShape): { workloadSelector?: string } {
    const uid = job.metadata?.uid;
    return this.queue !== undefined && uid ? { workloadSelector: `kueue.x-k8s.io/job-uid=${uid}` } : {};
  }

  /** A Job update: a state line when `spec.suspend` flipped. */
  job(job: JobWatchShape | undefined): JobDecision[] {
    const suspended = job?.spec?.suspend === true;
    if (suspended === this.suspended || finalConditions(job).length > 0) return [];
    this.suspended = suspended;
    const queue = this.queue;
    if (suspended) {
      const text = queue === undefined ? `Job ${this.jobName} is suspended (spec.suspend=true)` : `waiting for admission in queue ${queue}`;
      const why = queue === undefined ? 'it runs once something sets spec.suspend to false.' : `Kueue unsuspends it once queue ${queue} admits its Workload.`;
      return [{ kind: 'state', text }, { kind: 'progress', level: 'info', text: `Job ${this.jobName} is suspended: ${why}` }];
    }
    const text = queue === undefined ? `Job ${this.jobName} running` : `admitted by Kueue (queue ${queue}): Job ${this.jobName} running`;
    return queue === undefined ? [{ kind: 'state', text }] : [{ kind: 'state', text }, { kind: 'progress', level: 'info', text: `Job ${this.jobName} was admitted by Kueue and unsuspended.` }];
  }

  /** A Workload update: Kueue's reason for the wait, while the Job is still suspended. */
  workload(workload: WorkloadShape): JobDecision[] {
    const pending = workload.status?.conditions?.find((c) => c.type === 'QuotaReserved' && c.status === 'False')?.message;
    if (this.suspended !== true || !pending || pending === this.pendingReason) return [];
    this.pendingReason = pending;
    return [{ kind: 'state', text: `waiting for admission in queue ${this.queue ?? ''}: ${pending}` }];
  }
}
