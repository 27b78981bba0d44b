/** The `kubetasks.*` settings as the adapters read them: VS Code's configuration, typed by src/settings. */
import * as vscode from 'vscode';
import type { Logger } from '../common/index.js';
import { parseSettings, type Settings } from '../settings/index.js';

/** The current settings; a wrong value is logged and replaced by its default. */
export function readSettings(logger?: Logger): Settings {
  const config = vscode.workspace.getConfiguration('kubetasks');
  // Each top-level key once; nested sections (validation, airflow, logs, tree) come back as objects.
  const keys = ['logLevel', 'validation', 'airflow', 'kubeconfig', 'context', 'namespace', 'logs', 'tree'] as const;
  const raw = Object.fromEntries(keys.map((key) => [key, config.get(key)]));
  const { settings, problems } = parseSettings(raw);
  for (const problem of problems) logger?.warn(problem.message);
  return settings;
}
