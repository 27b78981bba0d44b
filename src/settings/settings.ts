/**
 * The `kubetasks.*` settings (package.json `contributes.configuration`), typed. Adapters read the raw section with
 * `vscode.workspace.getConfiguration('kubetasks')` and pass it here; nothing else reads configuration. A wrong value
 * is a problem naming the setting, and the default is used in its place, so one typo never disables the rest.
 */
import type { Problem } from '../common/index.js';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warning' | 'error';

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
  };
}

export const defaultSettings: Settings = {
  logLevel: 'info',
  validation: { enabled: true, addSchemaModeline: false },
  airflow: { inCluster: true },
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
    airflow: { inCluster: pick(raw, 'airflow.inCluster', d.airflow.inCluster, isBoolean, problems) },
  };
  return { settings, problems };
}
