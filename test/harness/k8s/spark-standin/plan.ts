// STAND-IN for the kubeflow spark-operator (test infrastructure, not product code).
// Decides, from a SparkApplication and its pods, what the real operator would do next.
// States and status fields mirror sparkoperator.k8s.io/v1beta2 (api/v1beta2/sparkapplication_types.go
// at spark-operator v2.5.2): applicationState{state,errorMessage}, driverInfo.podName, submissionID,
// sparkApplicationId, lastSubmissionAttemptTime, terminationTime, submission/executionAttempts,
// executorState. Not simulated: restartPolicy reruns (PENDING_RERUN), suspend/resume, webhooks.
import type { V1Pod } from '@kubernetes/client-node';
import { renderDriverPod, renderExecutorPods } from './pods.js';
import type { SparkApp, SparkStatus } from './types.js';

export interface Plan {
  createDriver?: V1Pod;
  createExecutors?: V1Pod[];
  deleteExecutors?: string[];
  status?: SparkStatus;
}

export interface Observed {
  app: SparkApp;
  pods: V1Pod[]; // every pod labelled sparkoperator.k8s.io/app-name=<app> in the app's namespace
  now: Date;
  uuid: () => string; // submissionID
  hex32: () => string; // spark-app-selector suffix (Spark sets spark-<32 hex>)
}

const DRIVER_CONTAINER = 'spark-kubernetes-driver';
const DRIVER_GRACE_MS = 10_000; // the operator waits this long for a missing driver pod before FAILING

export function planSparkApp(o: Observed): Plan {
  const status = o.app.status ?? {};
  const state = status.applicationState?.state ?? '';
  if (state === '') return planSubmit(o);
  if (state === 'SUCCEEDING') return { status: { ...status, applicationState: { state: 'COMPLETED' } } };
  if (state === 'FAILING') {
    return { status: { ...status, applicationState: { ...status.applicationState, state: 'FAILED' } } };
  }
  if (state === 'SUBMITTED' || state === 'RUNNING') return planFromDriver(o, status);
  return {};
}

function driverPodName(app: SparkApp): string {
  return app.spec?.driver?.podName ?? app.spec?.sparkConf?.['spark.kubernetes.driver.pod.name'] ?? `${app.metadata.name}-driver`;
}

function planSubmit(o: Observed): Plan {
  const submissionID = o.uuid();
  const podName = driverPodName(o.app);
  const appSelector = `spark-${o.hex32()}`;
  const prev = o.app.status ?? {};
  return {
    createDriver: renderDriverPod(o.app, podName, submissionID, appSelector),
    status: {
      ...prev,
      submissionID,
      sparkApplicationId: appSelector,
      driverInfo: { podName },
      lastSubmissionAttemptTime: o.now.toISOString().replace(/\.\d+Z$/, 'Z'),
      submissionAttempts: (prev.submissionAttempts ?? 0) + 1,
      executionAttempts: (prev.executionAttempts ?? 0) + 1,
      applicationState: { state: 'SUBMITTED' },
    },
  };
}

function planFromDriver(o: Observed, status: SparkStatus): Plan {
  const podName = status.driverInfo?.podName ?? driverPodName(o.app);
  const driver = o.pods.find((p) => p.metadata?.name === podName);
  const executors = o.pods.filter((p) => p.metadata?.labels?.['spark-role'] === 'executor');
  const now = o.now.toISOString().replace(/\.\d+Z$/, 'Z');
  if (!driver) {
    const since = Date.parse(status.lastSubmissionAttemptTime ?? '') || 0;
    if (o.now.getTime() - since < DRIVER_GRACE_MS) return {};
    return { status: { ...status, terminationTime: now, applicationState: { state: 'FAILING', errorMessage: 'driver pod not found' } } };
  }
  const next = driverState(driver);
  const ended = next.state !== 'SUBMITTED' && next.state !== 'RUNNING';
  const plan: Plan = {};
  if (next.state === 'RUNNING' && executors.length === 0) {
    plan.createExecutors = renderExecutorPods(o.app, driver);
  }
  if (ended && executors.length > 0) plan.deleteExecutors = executors.map((p) => p.metadata?.name ?? '');
  const executorState: Record<string, string> = { ...status.executorState };
  for (const p of executors) executorState[p.metadata?.name ?? ''] = executorPhase(p, ended, next.state);
  plan.status = {
    ...status,
    applicationState: next,
    ...(Object.keys(executorState).length > 0 ? { executorState } : {}),
    ...(ended && !status.terminationTime ? { terminationTime: now } : {}),
  };
  return plan;
}

function driverState(driver: V1Pod): { state: string; errorMessage?: string } {
  const c = driver.status?.containerStatuses?.find((s) => s.name === DRIVER_CONTAINER);
  const t = c?.state?.terminated;
  const failed = (code: number, reason: string | undefined) => ({
    state: 'FAILING',
    errorMessage: `driver container failed with ExitCode: ${code}, Reason: ${reason ?? ''}`,
  });
  switch (driver.status?.phase) {
    case 'Running':
      if (!t) return { state: 'RUNNING' };
      return t.exitCode === 0 ? { state: 'COMPLETED' } : { ...failed(t.exitCode, t.reason), state: 'FAILED' };
    case 'Succeeded':
      return { state: 'SUCCEEDING' };
    case 'Failed':
      return failed(t?.exitCode ?? 1, t?.reason);
    default:
      return { state: 'SUBMITTED' };
  }
}

function executorPhase(p: V1Pod, driverEnded: boolean, driverState: string): string {
  if (driverEnded) return driverState === 'SUCCEEDING' || driverState === 'COMPLETED' ? 'COMPLETED' : 'FAILED';
  const phases: Record<string, string> = { Pending: 'PENDING', Running: 'RUNNING', Succeeded: 'COMPLETED', Failed: 'FAILED' };
  return phases[p.status?.phase ?? ''] ?? 'UNKNOWN';
}
