/**
 * kubectl's kubeconfig merge (client-go `clientcmd.ClientConfigLoadingRules.Load` and `ResolveLocalPaths`), because
 * client-node's differs: with several files the first file that names a cluster, user or context wins and later
 * duplicates are skipped (client-node throws "Duplicate cluster", kubernetes-client/javascript#1306), the
 * `current-context` comes from the first file that sets one (client-node takes the last, #579), and relative
 * certificate, key and `tokenFile` paths resolve against the file that names them; an exec `command` only when it
 * contains a path separator (a bare name is looked up on PATH, as client-go does).
 */
import { dirname, isAbsolute, join, sep } from 'node:path';
import { parse } from 'yaml';

/** One kubeconfig file's text and where it came from (relative paths resolve against its folder). */
export interface KubeconfigFile {
  path: string;
  text: string;
}

/** A named entry as kubeconfig spells it: `{name, cluster|user|context: {...}}`. */
export type NamedEntry = { name: string } & Record<string, unknown>;

export interface MergedKubeconfig {
  clusters: NamedEntry[];
  users: NamedEntry[];
  contexts: NamedEntry[];
  currentContext: string | undefined;
  /** The files that contributed, in order. */
  files: string[];
}

/** Thrown for a file that is not a kubeconfig; the message names the file. */
export class KubeconfigParseError extends Error {
  override readonly name = 'KubeconfigParseError';
}

const fileFields = {
  cluster: ['certificate-authority'],
  user: ['client-certificate', 'client-key', 'tokenFile'],
} as const;

function resolveAgainst(base: string, value: unknown): unknown {
  return typeof value === 'string' && value !== '' && !isAbsolute(value) ? join(base, value) : value;
}

/** Resolves one entry's file references against `base` (client-go `ResolveLocalPaths`). */
function resolvePaths(kind: 'cluster' | 'user' | 'context', body: Record<string, unknown>, base: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  if (kind === 'context') return out;
  for (const field of fileFields[kind]) if (field in out) out[field] = resolveAgainst(base, out[field]);
  const exec = out['exec'];
  if (kind === 'user' && exec && typeof exec === 'object') {
    const command = (exec as Record<string, unknown>)['command'];
    // "./bin/plugin" is relative to the file; "gke-gcloud-auth-plugin" is a PATH lookup
    const hasSeparator = typeof command === 'string' && (command.includes('/') || command.includes(sep));
    out['exec'] = { ...exec, command: hasSeparator ? resolveAgainst(base, command) : command };
  }
  return out;
}

function parseFile(file: KubeconfigFile): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = parse(file.text);
  } catch (error) {
    throw new KubeconfigParseError(`${file.path}: not valid YAML: ${(error as Error).message}`, { cause: error });
  }
  if (doc === null || doc === undefined) return {}; // an empty file is allowed, as in kubectl
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new KubeconfigParseError(`${file.path}: a kubeconfig must be a mapping (apiVersion: v1, kind: Config)`);
  return doc as Record<string, unknown>;
}

function entriesOf(doc: Record<string, unknown>, list: 'clusters' | 'users' | 'contexts', path: string): NamedEntry[] {
  const raw = doc[list];
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new KubeconfigParseError(`${path}: ${list} must be a list`);
  return raw.map((e: unknown, i) => {
    if (!e || typeof e !== 'object' || typeof (e as { name?: unknown }).name !== 'string') {
      throw new KubeconfigParseError(`${path}: ${list}[${i}].name is missing`);
    }
    return e as NamedEntry;
  });
}

/** Merges files in precedence order by kubectl's rules. Throws KubeconfigParseError naming the bad file. */
export function mergeKubeconfigs(files: KubeconfigFile[]): MergedKubeconfig {
  const merged: MergedKubeconfig = { clusters: [], users: [], contexts: [], currentContext: undefined, files: [] };
  const seen = { clusters: new Set<string>(), users: new Set<string>(), contexts: new Set<string>() };
  const bodyKey = { clusters: 'cluster', users: 'user', contexts: 'context' } as const;
  for (const file of files) {
    const doc = parseFile(file);
    const base = dirname(file.path);
    merged.files.push(file.path);
    for (const list of ['clusters', 'users', 'contexts'] as const) {
      for (const entry of entriesOf(doc, list, file.path)) {
        if (seen[list].has(entry.name)) continue; // first file wins (client-go mergo without overwrite)
        seen[list].add(entry.name);
        const key = bodyKey[list];
        const body = entry[key] && typeof entry[key] === 'object' ? (entry[key] as Record<string, unknown>) : {};
        merged[list].push({ ...entry, [key]: resolvePaths(key, body, base) });
      }
    }
    const current = doc['current-context'];
    if (merged.currentContext === undefined && typeof current === 'string' && current !== '') merged.currentContext = current;
  }
  return merged;
}

/**
 * The files kubectl reads, in precedence order: an explicit path alone; else each entry of KUBECONFIG (`:`-separated,
 * `;` on Windows; empty entries and duplicates dropped); else `~/.kube/config`.
 */
export function kubeconfigPaths(opts: { explicitPath?: string; kubeconfigEnv?: string; homeDir: string; delimiter: string }): string[] {
  if (opts.explicitPath) return [opts.explicitPath];
  const fromEnv = (opts.kubeconfigEnv ?? '').split(opts.delimiter).filter((p) => p !== '');
  if (fromEnv.length > 0) return [...new Set(fromEnv)];
  return [join(opts.homeDir, '.kube', 'config')];
}
