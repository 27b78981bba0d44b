/**
 * Resolves which cluster, user and namespace a client talks to, by kubectl's rules (kubeconfig-merge.ts), and builds
 * one client-node KubeConfig per (merged content, context) so an exec plugin runs once per token lifetime.
 * Nothing here ever writes the user's kubeconfig. How it is resolved is documented in docs/KUBECONFIG.md.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { User } from '@kubernetes/client-node';
import { KubeError } from './errors.js';
import { ExecCredentialCache } from './exec-plugin.js';
import type { ExecConfig } from './exec-plugin.js';
import { kubeconfigPaths, mergeKubeconfigs } from './kubeconfig-merge.js';
import type { KubeconfigFile, MergedKubeconfig, NamedEntry } from './kubeconfig-merge.js';

export interface KubeconfigOverrides {
  /** An explicit kubeconfig file (kubectl `--kubeconfig`): the only file read. */
  kubeconfigPath?: string;
  /** The context to use instead of `current-context` (kubectl `--context`). */
  context?: string;
  /** The namespace to use instead of the context's (kubectl `--namespace`). */
  namespace?: string;
  /** The KUBECONFIG value (default: this process's). */
  kubeconfigEnv?: string;
  /** The home folder for `~/.kube/config` (default: os.homedir()). */
  homeDir?: string;
  /** Exec credential plugin timeout (default 60 000 ms). */
  execPluginTimeoutMs?: number;
}

/** The resolved target of a client. */
export interface ResolvedKubeconfig {
  kc: KubeConfig;
  contextName: string;
  namespace: string;
  server: string;
  /** Forgets cached exec-plugin credentials (called after a 401). */
  forgetCredentials: () => void;
}

/** Reads the files kubectl would read; a missing file in KUBECONFIG is skipped, a missing explicit file is an error. */
export function readKubeconfigFiles(overrides: KubeconfigOverrides = {}): KubeconfigFile[] {
  const paths = kubeconfigPaths({
    explicitPath: overrides.kubeconfigPath,
    kubeconfigEnv: overrides.kubeconfigEnv ?? process.env['KUBECONFIG'],
    homeDir: overrides.homeDir ?? homedir(),
    delimiter,
  });
  if (overrides.kubeconfigPath && !existsSync(overrides.kubeconfigPath)) {
    throw new KubeError('NotFound', `kubeconfig ${overrides.kubeconfigPath} does not exist. Fix the kubeconfig path setting.`, { cause: undefined });
  }
  const files = paths.filter((p) => existsSync(p)).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  if (files.length === 0) {
    throw new KubeError('NotFound', `no kubeconfig found (looked at ${paths.join(', ')}). Set KUBECONFIG or the kubeconfig path setting.`, { cause: undefined });
  }
  return files;
}

function body(entry: NamedEntry | undefined, key: string): Record<string, unknown> {
  const b = entry?.[key];
  return b && typeof b === 'object' ? (b as Record<string, unknown>) : {};
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The marker our authenticator recognises; client-node's own authenticators ignore this provider name. */
const providerName = 'kubetasks-credentials';

function toUser(entry: NamedEntry | undefined, name: string): User {
  const u = body(entry, 'user');
  const needsUs = u['exec'] !== undefined || str(u['tokenFile']) !== undefined;
  return {
    name,
    certData: str(u['client-certificate-data']),
    certFile: str(u['client-certificate']),
    keyData: str(u['client-key-data']),
    keyFile: str(u['client-key']),
    token: str(u['token']),
    username: str(u['username']),
    password: str(u['password']),
    impersonateUser: str(u['as']),
    authProvider: needsUs ? { name: providerName, config: {} } : u['auth-provider'],
  };
}

interface Credentials {
  exec?: ExecCredentialCache;
  tokenFile?: string;
}

/** Applies exec-plugin and tokenFile credentials (client-node reads neither the way kubectl does). */
function credentialAuthenticator(creds: Credentials): Parameters<KubeConfig['addAuthenticator']>[0] {
  let fileToken: { value: string; readAt: number } | undefined;
  return {
    isAuthProvider: (user) => (user.authProvider as { name?: string } | undefined)?.name === providerName,
    async applyAuthentication(_user, opts) {
      const o = opts as { headers?: Record<string, string>; cert?: Buffer; key?: Buffer };
      o.headers ??= {};
      if (creds.exec) {
        const status = await creds.exec.get();
        if (status.token) o.headers['Authorization'] = `Bearer ${status.token}`;
        if (status.clientCertificateData) o.cert = Buffer.from(status.clientCertificateData);
        if (status.clientKeyData) o.key = Buffer.from(status.clientKeyData);
      } else if (creds.tokenFile) {
        // client-go re-reads tokenFile at most once a minute (cachingTokenSource)
        if (!fileToken || Date.now() - fileToken.readAt > 60_000) fileToken = { value: readFileSync(creds.tokenFile, 'utf8').trim(), readAt: Date.now() };
        o.headers['Authorization'] = `Bearer ${fileToken.value}`;
      }
    },
  };
}

function clusterInfo(cluster: Record<string, unknown>): { server: string; 'certificate-authority-data'?: string } {
  return { server: String(cluster['server'] ?? ''), 'certificate-authority-data': str(cluster['certificate-authority-data']) };
}

interface Picked {
  contextName: string;
  ctx: Record<string, unknown>;
  clusterName: string;
  userName: string;
  cluster: Record<string, unknown>;
  userEntry: NamedEntry | undefined;
}

/** The chosen context and what it names; errors list what the kubeconfig offers. */
function pickContext(merged: MergedKubeconfig, overrides: KubeconfigOverrides): Picked {
  const contextName = overrides.context ?? merged.currentContext;
  if (!contextName) throw new KubeError('NotFound', `the kubeconfig (${merged.files.join(', ')}) sets no current-context. Choose a context.`, { cause: undefined });
  const ctxEntry = merged.contexts.find((c) => c.name === contextName);
  if (!ctxEntry) throw new KubeError('NotFound', `context "${contextName}" is not in the kubeconfig (${merged.files.join(', ')}). Choose one of: ${merged.contexts.map((c) => c.name).join(', ') || '(none)'}.`, { cause: undefined });
  const ctx = body(ctxEntry, 'context');
  const clusterName = String(ctx['cluster'] ?? '');
  const userName = String(ctx['user'] ?? '');
  const cluster = body(merged.clusters.find((c) => c.name === clusterName), 'cluster');
  if (!str(cluster['server'])) throw new KubeError('NotFound', `cluster "${clusterName}" of context "${contextName}" has no server in the kubeconfig (${merged.files.join(', ')}).`, { cause: undefined });
  return { contextName, ctx, clusterName, userName, cluster, userEntry: merged.users.find((u) => u.name === userName) };
}

/** Builds a KubeConfig holding only the chosen context, its cluster and its user. */
export function buildKubeConfig(merged: MergedKubeconfig, overrides: KubeconfigOverrides = {}): ResolvedKubeconfig {
  const { contextName, ctx, clusterName, userName, cluster, userEntry } = pickContext(merged, overrides);
  const u = body(userEntry, 'user');
  const creds: Credentials = { tokenFile: str(u['tokenFile']) };
  if (u['exec'] && typeof u['exec'] === 'object') {
    creds.exec = new ExecCredentialCache(u['exec'] as ExecConfig, { timeoutMs: overrides.execPluginTimeoutMs, cluster: clusterInfo(cluster) });
  }
  const kc = new KubeConfig();
  kc.addAuthenticator(credentialAuthenticator(creds));
  kc.loadFromOptions({
    clusters: [{
      name: clusterName,
      server: String(cluster['server']),
      caData: str(cluster['certificate-authority-data']),
      caFile: str(cluster['certificate-authority']),
      skipTLSVerify: cluster['insecure-skip-tls-verify'] === true,
      tlsServerName: str(cluster['tls-server-name']),
      proxyUrl: str(cluster['proxy-url']),
    }],
    users: [toUser(userEntry, userName)],
    contexts: [{ name: contextName, cluster: clusterName, user: userName, namespace: str(ctx['namespace']) }],
    currentContext: contextName,
  });
  return {
    kc,
    contextName,
    namespace: overrides.namespace ?? str(ctx['namespace']) ?? 'default',
    server: String(cluster['server']),
    forgetCredentials: () => creds.exec?.forget(),
  };
}

const cache = new Map<string, ResolvedKubeconfig>();

/** One ResolvedKubeconfig per (merged content, context, namespace, timeout): exec credentials live as long as it. */
export function resolveKubeconfig(files: KubeconfigFile[], overrides: KubeconfigOverrides = {}): ResolvedKubeconfig {
  const merged = mergeKubeconfigs(files);
  const key = createHash('sha256')
    .update(JSON.stringify([merged.clusters, merged.users, merged.contexts, merged.currentContext, overrides.context, overrides.namespace, overrides.execPluginTimeoutMs]))
    .digest('hex');
  let resolved = cache.get(key);
  if (!resolved) {
    resolved = buildKubeConfig(merged, overrides);
    cache.set(key, resolved);
  }
  return resolved;
}

/** Reads and resolves the kubeconfig the way kubectl would, with the given overrides. */
export function loadKubeconfig(overrides: KubeconfigOverrides = {}): ResolvedKubeconfig {
  return resolveKubeconfig(readKubeconfigFiles(overrides), overrides);
}
