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
export type { JobConditionShape, JobShape } from './job-conditions.js';
export type { DeleteOnStatus, JobAdminCall, JobAdminDecision, JobAdminEvent, JobAdminInput, PatchKind } from './job-admin-machine.js';
export { JobAdminMachine, patchHint, patchTypeOf, toJobAdminInput } from './job-admin-machine.js';
export type { LaunchRecord, LaunchRecorder, LaunchStart, SessionListener, SessionLogListener } from './session.js';
export { LaunchSession, outcomeLabel, sessionLogLimit } from './session.js';
export type { JobLaunchOptions, PropagationPolicy } from './job-options.js';
export { toJobLaunchOptions } from './job-options.js';
export type { JobCallId, JobDecision, JobEvent, JobLaunchInput, JobWatchShape, WorkloadShape } from './job-types.js';
export { JobMachine } from './job-machine.js';
export type { SparkAppShape, SparkOptions } from './spark-rules.js';
export { sparkDriverContainer, toSparkOptions } from './spark-rules.js';
export type { SparkCallId, SparkDecision, SparkEvent, SparkInput } from './spark-types.js';
export { SparkMachine } from './spark-machine.js';
export type { NodeTarget, TaskNode, TreeInput, TreeObject } from './task-tree.js';
export { buildTaskTree, findNode, hasClock } from './task-tree.js';
export { TaskTreeBuilder } from './tree-builder.js';
export { WatchMerge } from './tree-merge.js';
export { TreeIndex } from './tree-index.js';
export { markReattachable } from './tree-nodes.js';
export type { RunLabels, TaskSource } from './reattach-match.js';
export { matchTaskSource, mayDefineTask, runLabelsOf, taskSourceOf } from './reattach-match.js';
export type { Failure as ObjectFailure, ObjectKind, ObjectShape, ObjectState, Phase } from './tree-objects.js';
export { baseContainerOf, formatAge, kindOf, objectState } from './tree-objects.js';
export type { ObjectChange, TreeDiff } from './tree-updates.js';
export { ChangeBatch, diffTrees, flushDelay, indexNodes, ObjectStore } from './tree-updates.js';
export type { EventShape, SummaryInput, XcomVerdict } from './failure-summary.js';
export { failureSummary, formatEvents, xcomDocument, xcomVerdict } from './failure-summary.js';
export type { FollowedRun } from './airflow-runs.js';
export { mergeAirflowRuns } from './airflow-runs.js';
export { confOfContextText, confSample, triggerContextText } from './airflow-conf.js';
