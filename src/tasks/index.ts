/**
 * Public surface of src/tasks: the launch lifecycle of a KubernetesPodOperator task as a pure state machine
 * (events in, decisions out, an injected clock) and the pure rules it is made of, mirroring
 * apache-airflow-providers-cncf-kubernetes 10.25.0. `src/kube` drives it (STYLE.md, "Lifecycles").
 */
export type { ContainerStateShape, ContainerStatusShape, PodConditionShape, PodShape } from './pod-shape.js';
export { xcomSidecarName } from './pod-shape.js';
export type { LaunchOptions, OnFinishAction, OnKillAction } from './launch-options.js';
export { toLaunchOptions } from './launch-options.js';
export type { RunContextInput, FoundPod } from './run-context.js';
export { findPod, findPodLabelSelector, newRunId, nextTryNumber, podCheckedKey, resolveRunContext, toPythonIsoformat } from './run-context.js';
export type { StartCheck, StartClock, StartLimits } from './pod-start.js';
export { checkPodStart, detectEarlyIssue } from './pod-start.js';
export type { LogDecision, LogTarget, ReconciledTargets } from './log-follow.js';
export { LogFollows, postTerminationTimeoutMs, reconcileLogTargets, toSinceTime } from './log-follow.js';
export type { XcomRead, XcomValue } from './xcom.js';
export { emptyXcomMarker, toXcomValue, xcomKillCommand, xcomKillFallbackScript, xcomKillScript, xcomReadCommand } from './xcom.js';
export type { CleanupPlan, CleanupResult } from './cleanup.js';
export { planCleanup, shouldDeletePod } from './cleanup.js';
export type { ExitStatus, LaunchObject, LaunchOutcome, OutcomeKind } from './outcome.js';
export { toExitStatus } from './outcome.js';
export type { ApiCallId, ApiFailure, ExecId, ExecOutput, LaunchDecision, LaunchEvent, LaunchInput } from './launch-types.js';
export { LaunchMachine } from './launch-machine.js';
