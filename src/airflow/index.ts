/** The Airflow REST client (issue 16): the only code that talks to an Airflow server. */
export type { AirflowCredentials } from './auth.js';
export { AirflowConnection, type AirflowServerOptions } from './client.js';
export { credentialsFromEnv, describeCredentials, type ResolvedCredentials } from './credentials.js';
export {
  getDagRun, getTaskInstance, listTaskInstances, readTaskLog, readXcomEntries, triggerDagRun, unpauseDag, waitForDagRun,
  type LogRequest, type TriggerRequest,
} from './dag-runs.js';
export { listDagIds } from './dag-list.js';
export { AirflowError, isAirflowAborted, type AirflowErrorReason } from './errors.js';
export type { DagRun, TaskInstance, XcomEntry } from './parse.js';
export type { ApiVersion } from './version.js';
