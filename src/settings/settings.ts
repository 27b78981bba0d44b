/**
 * The `kubetasks.*` settings (package.json `contributes.configuration`), typed. Adapters read the raw section with
 * `vscode.workspace.getConfiguration('kubetasks')` and pass it here; nothing else reads configuration. A wrong value
 * is a problem naming the setting, and the default is used in its place, so one typo never disables the rest.
 */
import type { Problem } from '../common/index.js';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warning' | 'error';

export type TreeGrouping = 'dag' | 'none';

/** One Airflow API server the editor may call (`kubetasks.airflow.servers`). */
export interface AirflowServerSetting {
  name: string;
  url: string;
}

export interface Settings {
  /** `kubetasks.logLevel`: lowest level written to the log channel. */
  logLevel: LogLevel;
  validation: {
    /** `kubetasks.validation.enabled`: validate templates and task files as you type. */
    enabled: boolean;
    /** `kubetasks.validation.addSchemaModeline`: add a `# yaml-language-server: $schema=` line on save. */
    addSchemaModeline: boolean;
  };
  airflow: {
    /**
     * `kubetasks.airflow.inCluster`: whether Airflow's workers run inside the cluster (true, as Airflow's Helm chart
     * runs them). Airflow labels each pod `airflow_kpo_in_cluster` with what its hook loaded; for a task that sets
     * neither `in_cluster` nor `config_file`, that is where the worker runs (KubernetesHook._get_default_client).
     */
    inCluster: boolean;
    /** `kubetasks.airflow.servers` (restricted): Airflow API servers to trigger DAG runs on and read their logs. */
    servers: AirflowServerSetting[];
    /** `kubetasks.airflow.caFile` (restricted): a CA bundle to trust for those servers; empty uses Node's defaults. */
    caFile: string;
  };
  /**
   * `kubetasks.kubeconfig` (restricted): the kubeconfig file to use instead of kubectl's (KUBECONFIG, else
   * ~/.kube/config); empty means kubectl's. Restricted because a kubeconfig's exec plugin runs a program.
   */
  kubeconfig: string;
  /** `kubetasks.context` (restricted): the context to use when none is picked in the status bar; empty = current-context. */
  context: string;
  /** `kubetasks.namespace`: the namespace a task goes to when it names none and none is picked; empty = the context's. */
  namespace: string;
  logs: {
    /** `kubetasks.logs.tail`: the last N lines of earlier output a log panel starts with before following; 0 shows the whole log. */
    tail: number;
    /** `kubetasks.logs.timestamps`: prefix each log line with the kubelet's timestamp. */
    timestamps: boolean;
  };
  tree: {
    /** `kubetasks.tree.grouping`: 'dag' groups the Tasks tree dag_id → task_id → run; 'none' lists runs flat. */
    grouping: TreeGrouping;
  };
}

export const defaultSettings: Settings = {
  logLevel: 'info',
  validation: { enabled: true, addSchemaModeline: false },
  airflow: { inCluster: true, servers: [], caFile: '' },
  kubeconfig: '',
  context: '',
  namespace: '',
  logs: { tail: 500, timestamps: false },
  tree: { grouping: 'dag' },
};

const LOG_LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warning', 'error'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads one setting; absent means the default, a value of the wrong type is reported and replaced by it. */
function pick<T>(raw: unknown, path: string, fallback: T, accepts: (value: unknown) => value is T, problems: Problem[]): T {
  let value: unknown = raw;
  for (const key of path.split('.')) value = isRecord(value) ? value[key] : undefined;
  if (value === undefined || value === null) return fallback;
  if (accepts(value)) return value;
  problems.push({ severity: 'warning', code: 'KT0001', message: `kubetasks.${path}: ${JSON.stringify(value)} is not valid; using ${JSON.stringify(fallback)}` });
  return fallback;
}

const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isString = (value: unknown): value is string => typeof value === 'string';
const isTail = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isGrouping = (value: unknown): value is TreeGrouping => value === 'dag' || value === 'none';
/** A list of `{name, url}` with http(s) URLs and unique names. */
const isServers = (value: unknown): value is AirflowServerSetting[] => Array.isArray(value) && value.every((v) =>
  isRecord(v) && typeof v['name'] === 'string' && v['name'] !== '' && typeof v['url'] === 'string' && /^https?:\/\/[^\s]+$/.test(v['url']))
  && new Set(value.map((v) => (v as AirflowServerSetting).name)).size === value.length;
const isLogLevel = (value: unknown): value is LogLevel => LOG_LEVELS.includes(value as LogLevel);

/** The `kubetasks` configuration section (a nested object, as `getConfiguration('kubetasks')` reads it). */
export function parseSettings(raw: unknown): { settings: Settings; problems: Problem[] } {
  const problems: Problem[] = [];
  const d = defaultSettings;
  const settings: Settings = {
    logLevel: pick(raw, 'logLevel', d.logLevel, isLogLevel, problems),
    validation: {
      enabled: pick(raw, 'validation.enabled', d.validation.enabled, isBoolean, problems),
      addSchemaModeline: pick(raw, 'validation.addSchemaModeline', d.validation.addSchemaModeline, isBoolean, problems),
    },
    airflow: {
      inCluster: pick(raw, 'airflow.inCluster', d.airflow.inCluster, isBoolean, problems),
      servers: pick(raw, 'airflow.servers', d.airflow.servers, isServers, problems).map((s) => ({ name: s.name, url: s.url })),
      caFile: pick(raw, 'airflow.caFile', d.airflow.caFile, isString, problems).trim(),
    },
    kubeconfig: pick(raw, 'kubeconfig', d.kubeconfig, isString, problems).trim(),
    context: pick(raw, 'context', d.context, isString, problems).trim(),
    namespace: pick(raw, 'namespace', d.namespace, isString, problems).trim(),
    logs: {
      tail: pick(raw, 'logs.tail', d.logs.tail, isTail, problems),
      timestamps: pick(raw, 'logs.timestamps', d.logs.timestamps, isBoolean, problems),
    },
    tree: { grouping: pick(raw, 'tree.grouping', d.tree.grouping, isGrouping, problems) },
  };
  return { settings, problems };
}
