/**
 * The Airflow servers of the editor (issue 16): their list (`kubetasks.airflow.servers` plus the ones added with
 * "Add Airflow Server", kept in globalState as `{name, url}` only), their credentials (VS Code SecretStorage only,
 * never a setting, a log line, a message or the tree), one open connection per server, and each server's DAG ids
 * (cached for the `Trigger` CodeLens).
 */
import fs from 'node:fs';
import * as vscode from 'vscode';
import { AirflowConnection, listDagIds, type AirflowCredentials } from '../airflow/index.js';
import type { Logger } from '../common/index.js';
import {
  describeStoredCredentials, mergeServers, normalizeServerUrl, parseStoredCredentials, parseStoredServers, secretKeyOf, withServer,
  type AirflowServerSetting, type StoredCredentials,
} from '../settings/index.js';
import { readSettings } from './settings.js';

const SERVERS_KEY = 'kubetasks.airflow.addedServers';

/** The CA bundle `kubetasks.airflow.caFile` names; a file that cannot be read is named with the setting. */
function readCaFile(caFile: string | undefined): string | undefined {
  if (!caFile) return undefined;
  try {
    return fs.readFileSync(caFile, 'utf8');
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new Error(`kubetasks.airflow.caFile: cannot read ${caFile} (${why})`);
  }
}

/** How long a server's DAG list is trusted before the CodeLens asks again. */
const DAG_LIST_TTL_MS = 60_000;

export class AirflowServers implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a server is added or a DAG list arrives (the CodeLens refreshes). */
  readonly onDidChange = this.changed.event;
  private readonly connections = new Map<string, Promise<AirflowConnection>>();
  private readonly dagLists = new Map<string, { at: number; ids: Set<string> }>();
  private readonly pendingLists = new Set<string>();
  private readonly context: vscode.ExtensionContext;
  private readonly logger: Logger;

  constructor(context: vscode.ExtensionContext, logger: Logger) {
    this.context = context;
    this.logger = logger;
  }

  /** Settings first, then the added ones. */
  list(): AirflowServerSetting[] {
    return mergeServers(readSettings().airflow.servers, parseStoredServers(this.context.globalState.get(SERVERS_KEY)));
  }

  /** A server by URL or name; undefined when unknown. */
  find(urlOrName: string): AirflowServerSetting | undefined {
    const all = this.list();
    const byName = all.find((s) => s.name === urlOrName);
    if (byName) return byName;
    try {
      const url = normalizeServerUrl(urlOrName);
      return all.find((s) => s.url === url);
    } catch {
      return undefined;
    }
  }

  /** Stores the server (name, url) and its credentials (SecretStorage), replacing any earlier ones. */
  async add(server: AirflowServerSetting, credentials: StoredCredentials, dagIds?: readonly string[]): Promise<void> {
    await this.context.secrets.store(secretKeyOf(server.url), JSON.stringify(credentials));
    const stored = parseStoredServers(this.context.globalState.get(SERVERS_KEY));
    await this.context.globalState.update(SERVERS_KEY, withServer(stored, server));
    this.forget(server.url);
    // The DAG list the check just read: the Trigger CodeLens can show at once.
    if (dagIds) this.dagLists.set(normalizeServerUrl(server.url), { at: Date.now(), ids: new Set(dagIds) });
    this.logger.info(`Airflow server ${server.name} (${normalizeServerUrl(server.url)}) added, credentials: ${describeStoredCredentials(credentials)} in SecretStorage`);
    this.changed.fire();
  }

  private forget(url: string): void {
    const key = normalizeServerUrl(url);
    void this.connections.get(key)?.then((c) => c.close(), () => undefined);
    this.connections.delete(key);
    this.dagLists.delete(key);
  }

  /** Opens (once) a connection to the server with its stored credentials. */
  connect(server: AirflowServerSetting): Promise<AirflowConnection> {
    const key = normalizeServerUrl(server.url);
    let open = this.connections.get(key);
    if (!open) {
      open = this.open(server);
      this.connections.set(key, open);
      // A failed open is not cached: the next call tries again (the server may have started since).
      open.catch(() => this.connections.delete(key));
    }
    return open;
  }

  /** Opens a new connection with the given credentials (Add Airflow Server checks them before storing). */
  async open(server: AirflowServerSetting, given?: StoredCredentials): Promise<AirflowConnection> {
    const credentials = given ?? parseStoredCredentials(await this.context.secrets.get(secretKeyOf(server.url)));
    if (!credentials) throw new Error(`no credentials for Airflow server ${server.name}: run "KubeTasks: Add Airflow Server" for ${server.url}`);
    const caPem = readCaFile(readSettings().airflow.caFile);
    return AirflowConnection.open({ url: server.url, credentials: credentials as AirflowCredentials, ...(caPem ? { caPem } : {}) });
  }

  /** The DAG ids the server knows, from the cache; a stale or missing list is fetched in the background. */
  knownDags(server: AirflowServerSetting, now = Date.now()): Set<string> | undefined {
    const key = normalizeServerUrl(server.url);
    const cached = this.dagLists.get(key);
    if ((!cached || now - cached.at > DAG_LIST_TTL_MS) && !this.pendingLists.has(key)) void this.refreshDags(server);
    return cached?.ids;
  }

  async refreshDags(server: AirflowServerSetting): Promise<Set<string>> {
    const key = normalizeServerUrl(server.url);
    this.pendingLists.add(key);
    try {
      const ids = new Set(await listDagIds(await this.connect(server)));
      this.dagLists.set(key, { at: Date.now(), ids });
      this.changed.fire();
      return ids;
    } catch (error) {
      this.logger.warn(`Airflow server ${server.name}: cannot list its DAGs: ${error instanceof Error ? error.message : String(error)}`);
      this.dagLists.set(key, { at: Date.now(), ids: new Set() });
      return new Set();
    } finally {
      this.pendingLists.delete(key);
    }
  }

  dispose(): void {
    for (const open of this.connections.values()) void open.then((c) => c.close(), () => undefined);
    this.connections.clear();
    this.changed.dispose();
  }
}
