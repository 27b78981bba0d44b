/** The `kubetasks.*` settings as the adapters read them: VS Code's configuration, typed by src/settings. */
import * as vscode from 'vscode';
import type { Logger } from '../common/index.js';
import { parseSettings, type Settings } from '../settings/index.js';

/** The current settings; a wrong value is logged and replaced by its default. */
export function readSettings(logger?: Logger): Settings {
  const config = vscode.workspace.getConfiguration('kubetasks');
  const raw = { logLevel: config.get('logLevel'), validation: config.get('validation'), airflow: config.get('airflow') };
  const { settings, problems } = parseSettings(raw);
  for (const problem of problems) logger?.warn(problem.message);
  return settings;
}
