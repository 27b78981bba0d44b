/**
 * "KubeTasks: Add Airflow Server" (issue 16): the URL, then how it authenticates (user and password: Airflow 3
 * exchanges them for a JWT, Airflow 2 uses basic auth; a bearer token; none). The connection is checked (API probe
 * and an authenticated DAG list) before anything is stored; the credentials go to SecretStorage only. Tests pass
 * `{url, name?, credentials}` to skip the prompts.
 */
import * as vscode from 'vscode';
import { listDagIds } from '../airflow/index.js';
import { defaultServerName, normalizeServerUrl, serverUrlProblem, type StoredCredentials } from '../settings/index.js';
import { airflowServices } from './airflow-common.js';
import { CommandIds } from './command-ids.js';
import type { Command } from './command.js';

interface AddArgs {
  url: string;
  name?: string;
  credentials: StoredCredentials;
}

function isAddArgs(v: unknown): v is AddArgs {
  return !!v && typeof v === 'object' && typeof (v as AddArgs).url === 'string' && typeof (v as AddArgs).credentials === 'object';
}

async function askCredentials(): Promise<StoredCredentials | undefined> {
  const kinds = [
    { label: 'User and password', description: 'Airflow 3: a JWT from /auth/token; Airflow 2: basic auth', auth: 'password' as const },
    { label: 'Bearer token', description: 'a token you already have', auth: 'token' as const },
    { label: 'No authentication', description: 'the server allows anonymous API calls', auth: 'none' as const },
  ];
  const picked = await vscode.window.showQuickPick(kinds, { placeHolder: 'How does this Airflow server authenticate?' });
  if (!picked) return undefined;
  if (picked.auth === 'none') return { kind: 'none' };
  if (picked.auth === 'token') {
    const token = await vscode.window.showInputBox({ prompt: 'Bearer token (kept in VS Code SecretStorage)', password: true, ignoreFocusOut: true });
    return token ? { kind: 'token', token } : undefined;
  }
  const username = await vscode.window.showInputBox({ prompt: 'Airflow user name', ignoreFocusOut: true });
  if (!username) return undefined;
  const password = await vscode.window.showInputBox({ prompt: `Password of ${username} (kept in VS Code SecretStorage)`, password: true, ignoreFocusOut: true });
  return password === undefined ? undefined : { kind: 'password', username, password };
}

async function askServer(): Promise<AddArgs | undefined> {
  const url = await vscode.window.showInputBox({
    prompt: 'Airflow server base URL (the web / API server)', placeHolder: 'http://127.0.0.1:8080', ignoreFocusOut: true,
    validateInput: (text) => serverUrlProblem(text),
  });
  if (!url) return undefined;
  const credentials = await askCredentials();
  if (!credentials) return undefined;
  const name = await vscode.window.showInputBox({ prompt: 'A name for this server', value: defaultServerName(url), ignoreFocusOut: true });
  return name ? { url, name, credentials } : undefined;
}

export const addAirflowServerCommand: Command = {
  id: CommandIds.addAirflowServer,
  async execute(context, ...args) {
    const services = airflowServices(context);
    if (!services) return undefined;
    const input = isAddArgs(args[0]) ? args[0] : await askServer();
    if (!input) return undefined;
    const problem = serverUrlProblem(input.url);
    if (problem) throw new Error(problem);
    const server = { name: input.name ?? defaultServerName(input.url), url: normalizeServerUrl(input.url) };
    // Checked before storing: a typo in the URL or the password is reported now, not at the first trigger.
    const conn = await services.servers.open(server, input.credentials);
    try {
      const dags = await listDagIds(conn);
      await services.servers.add(server, input.credentials, dags);
      void vscode.window.showInformationMessage(`KubeTasks: Airflow ${conn.version} at ${server.url} added as "${server.name}" (${dags.length} DAGs).`);
      return { ...server, version: conn.version, api: conn.api };
    } finally {
      conn.close();
    }
  },
};
