/**
 * Test fixtures for the launch lifecycle: pods in the API's JSON shape and a scripted fake port that feeds a
 * `LaunchMachine` events on a fake clock (no sleeps) and keeps every decision it returned.
 */
import { toLaunchOptions } from '../launch-options.js';
import { LaunchMachine } from '../launch-machine.js';
import type { LaunchDecision, LaunchEvent } from '../launch-types.js';
import type { ContainerStateShape, PodShape } from '../pod-shape.js';

export type FakeState = 'running' | 'creating' | ContainerStateShape;

export interface FakePod {
  name?: string;
  phase?: string;
  scheduled?: boolean;
  reason?: string;
  /** Main container states by name; the spec lists the same names in this order. */
  containers?: Record<string, FakeState>;
  init?: Record<string, FakeState>;
  labels?: Record<string, string>;
  startTime?: string;
  creationTimestamp?: string;
  restarts?: Record<string, number>;
}

function toState(state: FakeState): ContainerStateShape {
  if (state === 'running') return { running: { startedAt: '2026-12-06T22:00:00Z' } };
  if (state === 'creating') return { waiting: { reason: 'ContainerCreating' } };
  return state;
}

export function terminated(exitCode: number, extra: { reason?: string; message?: string; finishedAt?: string } = {}): ContainerStateShape {
  return { terminated: { exitCode, reason: extra.reason ?? (exitCode === 0 ? 'Completed' : 'Error'), finishedAt: extra.finishedAt ?? '2026-12-06T22:00:01Z', ...(extra.message === undefined ? {} : { message: extra.message }) } };
}

export function makePod(p: FakePod = {}): PodShape {
  const statuses = (states: Record<string, FakeState> | undefined) =>
    states === undefined ? undefined : Object.entries(states).map(([name, s]) => ({ name, state: toState(s), restartCount: p.restarts?.[name] ?? 0 }));
  const containers = p.containers ?? {};
  return {
    metadata: { name: p.name ?? 'task-abc', namespace: 'ns', labels: p.labels ?? {}, ...(p.creationTimestamp ? { creationTimestamp: p.creationTimestamp } : {}) },
    spec: { containers: Object.keys(containers).map((name) => ({ name })), initContainers: Object.keys(p.init ?? {}).map((name) => ({ name })) },
    status: {
      phase: p.phase ?? 'Pending',
      ...(p.reason ? { reason: p.reason } : {}),
      ...(p.startTime ? { startTime: p.startTime } : {}),
      conditions: p.scheduled === false || (p.scheduled === undefined && p.phase === undefined) ? [] : [{ type: 'PodScheduled', status: 'True' }],
      ...(p.containers ? { containerStatuses: statuses(p.containers) } : {}),
      ...(p.init ? { initContainerStatuses: statuses(p.init) } : {}),
    },
  };
}

/** A rendered body as the machine receives it (only the fields it reads matter). */
export function makeBody(containers: string[] = ['base'], init: string[] = []): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'task-abc', namespace: 'ns', labels: { dag_id: 'd', task_id: 't', run_id: 'r', kubernetes_pod_operator: 'True', try_number: '1' } },
    spec: { containers: containers.map((name) => ({ name })), initContainers: init.map((name) => ({ name })) },
  };
}

export interface Harness {
  machine: LaunchMachine;
  decisions: LaunchDecision[];
  now(): number;
  start(): LaunchDecision[];
  send(event: LaunchEvent): LaunchDecision[];
  /** Moves the fake clock and ticks. */
  after(ms: number): LaunchDecision[];
  /** Ticks at the machine's own `nextWakeMs()`. */
  wake(): LaunchDecision[];
  kinds(list?: LaunchDecision[]): string[];
}

export function harness(params: Record<string, unknown> = {}, opts: { existingRun?: boolean; follow?: boolean; body?: Record<string, unknown> } = {}): Harness {
  let now = 1_765_000_000_000;
  const decisions: LaunchDecision[] = [];
  const machine = new LaunchMachine({
    body: opts.body ?? makeBody(),
    taskId: 't',
    context: { dag_id: 'd', run_id: 'r', try_number: 1, map_index: -1 },
    options: toLaunchOptions(params),
    clock: () => now,
    existingRun: opts.existingRun ?? false,
    follow: opts.follow ?? true,
  });
  const record = (list: LaunchDecision[]) => {
    decisions.push(...list);
    return list;
  };
  const h: Harness = {
    machine,
    decisions,
    now: () => now,
    start: () => record(machine.start()),
    send: (event) => record(machine.handle(event)),
    after: (ms) => {
      now += ms;
      return h.send({ type: 'tick' });
    },
    wake: () => {
      const at = machine.nextWakeMs();
      if (at === undefined) throw new Error('the machine wants no tick');
      now = Math.max(now, at);
      return h.send({ type: 'tick' });
    },
    kinds: (list = decisions) => list.map((d) => (d.kind === 'exec' || d.kind === 'patch-pod' || d.kind === 'delete-pod' ? `${d.kind}:${d.id}` : d.kind === 'follow-logs' || d.kind === 'stop-logs' ? `${d.kind}:${d.container}` : d.kind)).filter((k) => k !== 'progress'),
  };
  return h;
}

/** The create answer: the spec, and a status that is only `Pending` (no conditions, no container statuses yet). */
export function makeCreated(containers: string[] = ['base'], init: string[] = [], name = 'task-abc'): PodShape {
  return {
    metadata: { name, namespace: 'ns', labels: {} },
    spec: { containers: containers.map((n) => ({ name: n })), initContainers: init.map((n) => ({ name: n })) },
    status: { phase: 'Pending' },
  };
}
