/** Public surface of src/settings: the typed `kubetasks.*` settings, the cluster target rules, Workspace Trust. */
export type { AirflowServerSetting, LogLevel, Settings, TreeGrouping } from './settings.js';
export { defaultSettings, parseSettings } from './settings.js';
export type { ClusterPick, ClusterTarget } from './cluster-target.js';
export { clusterLabel, launchNamespace, resolveClusterTarget } from './cluster-target.js';
export type { TrustedAction } from './trust.js';
export { UNTRUSTED_LENS_TITLE, untrustedReason } from './trust.js';
export type { StoredCredentials } from './airflow-servers.js';
export {
  defaultServerName, describeStoredCredentials, mergeServers, normalizeServerUrl, parseStoredCredentials, parseStoredServers, secretKeyOf,
  serverUrlProblem, withServer,
} from './airflow-servers.js';
