/**
 * Credential plugins (kubeconfig `users[].user.exec`, client.authentication.k8s.io ExecCredential) run by us instead
 * of client-node's ExecAuth, which has no timeout (device-code plugins hang, kubernetes-client/javascript#2044),
 * sends no KUBERNETES_EXEC_INFO and drops `installHint` and the exit code. A run is shared by concurrent requests and
 * its credential is cached until `status.expirationTimestamp` (client-go `exec.Authenticator`; without one, for the
 * life of the KubeConfig, which is cached per kubeconfig content and context).
 */
import { spawn } from 'node:child_process';
import { KubeError } from './errors.js';

/** kubeconfig `users[].user.exec` (client-go `clientcmdapi.ExecConfig`), as the file spells it. */
export interface ExecConfig {
  command: string;
  args?: string[];
  env?: { name: string; value: string }[];
  apiVersion?: string;
  installHint?: string;
  provideClusterInfo?: boolean;
}

/** ExecCredential `status` (client.authentication.k8s.io/v1). */
export interface ExecCredentialStatus {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  expirationTimestamp?: string;
}

export interface ExecPluginOptions {
  /** Kill the plugin and fail with AuthPluginTimeout after this long (default 60 000). */
  timeoutMs?: number;
  /** Cluster info for KUBERNETES_EXEC_INFO when `provideClusterInfo` is set. */
  cluster?: { server: string; 'certificate-authority-data'?: string; 'insecure-skip-tls-verify'?: boolean };
  /** The environment the plugin inherits (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Current time (for expiry checks). */
  now?: () => number;
}

export const defaultExecPluginTimeoutMs = 60_000;

function missingMessage(config: ExecConfig, env: NodeJS.ProcessEnv): string {
  const hint = config.installHint ? `\n${config.installHint.trim()}` : '';
  const onPath = config.command.includes('/')
    ? ''
    : `\nIf it is installed, its folder is probably missing from PATH as KubeTasks sees it (VS Code started from a desktop launcher does not read your shell profile): start VS Code from a terminal, or use an absolute path in the kubeconfig. PATH=${env['PATH'] ?? ''}`;
  return `exec credential plugin "${config.command}" was not found (kubeconfig users[].user.exec.command).${hint}${onPath}`;
}

function execInfo(config: ExecConfig, opts: ExecPluginOptions): string {
  const spec: Record<string, unknown> = { interactive: false };
  if (config.provideClusterInfo && opts.cluster) spec['cluster'] = opts.cluster;
  return JSON.stringify({ apiVersion: config.apiVersion ?? 'client.authentication.k8s.io/v1', kind: 'ExecCredential', spec });
}

function parseCredential(command: string, stdout: string): ExecCredentialStatus {
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch (error) {
    throw new KubeError('AuthPluginFailed', `exec credential plugin "${command}" printed no ExecCredential JSON: ${stdout.slice(0, 200)}`, { cause: error });
  }
  const status = (doc as { status?: unknown } | null)?.status;
  if (!status || typeof status !== 'object') {
    throw new KubeError('AuthPluginFailed', `exec credential plugin "${command}" returned an ExecCredential without status`, { cause: doc });
  }
  return status as ExecCredentialStatus;
}

/** Runs the plugin once; rejects with AuthPluginMissing, AuthPluginFailed or AuthPluginTimeout. */
export function runExecPlugin(config: ExecConfig, opts: ExecPluginOptions = {}): Promise<ExecCredentialStatus> {
  const env = opts.env ?? process.env;
  const timeoutMs = opts.timeoutMs ?? defaultExecPluginTimeoutMs;
  const childEnv: NodeJS.ProcessEnv = { ...env, KUBERNETES_EXEC_INFO: execInfo(config, opts) };
  for (const e of config.env ?? []) childEnv[e.name] = e.value;
  return new Promise((resolve, reject) => {
    // stdin ignored: a non-interactive run must not wait for a prompt's answer (client-go interactiveMode Never)
    const child = spawn(config.command, config.args ?? [], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    // reported once the plugin is really gone ('exit', not 'close': a grandchild may still hold its pipes)
    child.on('exit', () => {
      if (timedOut) reject(new KubeError('AuthPluginTimeout', `exec credential plugin "${config.command}" did not answer within ${timeoutMs / 1000} s and was stopped. It may be waiting for a browser or device-code login: log in with it in a terminal first.`, { cause: stderr }));
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error.code === 'ENOENT') reject(new KubeError('AuthPluginMissing', missingMessage(config, childEnv), { cause: error }));
      else reject(new KubeError('AuthPluginFailed', `exec credential plugin "${config.command}" could not start: ${error.message}`, { cause: error }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) return;
      if (code !== 0) {
        const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        reject(new KubeError('AuthPluginFailed', `exec credential plugin "${config.command}" ${why}: ${stderr.trim() || '(no output on stderr)'}`, { cause: stderr }));
        return;
      }
      try {
        resolve(parseCredential(config.command, stdout));
      } catch (error) {
        reject(error as Error);
      }
    });
  });
}

/** One user's plugin: a shared run in flight, and the credential until it expires. */
export class ExecCredentialCache {
  private pending: Promise<ExecCredentialStatus> | undefined;
  private credential: ExecCredentialStatus | undefined;
  private readonly config: ExecConfig;
  private readonly opts: ExecPluginOptions;
  constructor(config: ExecConfig, opts: ExecPluginOptions) {
    this.config = config;
    this.opts = opts;
  }

  async get(): Promise<ExecCredentialStatus> {
    const now = (this.opts.now ?? Date.now)();
    const expires = this.credential?.expirationTimestamp ? Date.parse(this.credential.expirationTimestamp) : Number.POSITIVE_INFINITY;
    // refresh a little early so a request never carries a token that expires in flight
    if (this.credential && expires - 10_000 > now) return this.credential;
    this.pending ??= runExecPlugin(this.config, this.opts).finally(() => {
      this.pending = undefined;
    });
    this.credential = await this.pending;
    return this.credential;
  }

  /** Forgets the credential (after a 401), so the next request runs the plugin again. */
  forget(): void {
    this.credential = undefined;
  }
}
