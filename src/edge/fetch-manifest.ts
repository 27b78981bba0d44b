/**
 * Install Kueue (issue 13): the release manifest is fetched here, at the edge, never in src/kube (which talks only to
 * the cluster). `KubernetesInstallKueueOperator` downloads
 * `https://github.com/kubernetes-sigs/kueue/releases/download/<version>/manifests.yaml`; the CLI and the editor take
 * that URL or any other (a mirror, a file server inside a closed network). Redirects are followed (GitHub answers
 * release downloads with a redirect to its object storage).
 */

export interface FetchManifestOptions {
  signal?: AbortSignal;
  /** Refuse bodies larger than this (default 32 MiB; Kueue's manifest is a few MiB, mostly CRDs). */
  maxBytes?: number;
}

/** Why a manifest could not be fetched; the message names the URL and says what to do. */
export class FetchManifestError extends Error {
  override readonly name = 'FetchManifestError';
}

/** The URL `KubernetesInstallKueueOperator` downloads for a Kueue version (`v0.19.2`). */
export function kueueManifestUrl(version: string): string {
  return `https://github.com/kubernetes-sigs/kueue/releases/download/${encodeURIComponent(version)}/manifests.yaml`;
}

function parseUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchManifestError(`"${url}" is not a URL; give an http:// or https:// address of the manifest`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new FetchManifestError(`${url}: only http:// and https:// URLs are fetched`);
  return parsed;
}

/** The manifest's text. Throws FetchManifestError (unreachable, HTTP error, too large) or the signal's abort. */
export async function fetchManifest(url: string, options: FetchManifestOptions = {}): Promise<string> {
  const parsed = parseUrl(url);
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  let response: Response;
  try {
    response = await fetch(parsed, { redirect: 'follow', ...(options.signal ? { signal: options.signal } : {}) });
  } catch (error) {
    options.signal?.throwIfAborted();
    const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
    throw new FetchManifestError(`cannot fetch ${url}: ${cause}. Check the address and the network (a real Kueue release needs github.com)`, { cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new FetchManifestError(`cannot fetch ${url}: HTTP ${response.status} ${response.statusText}`.trimEnd());
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new FetchManifestError(`${url} is ${declared} bytes, over the ${maxBytes}-byte limit`);
  }
  const text = await response.text();
  if (text.length > maxBytes) throw new FetchManifestError(`${url} is over the ${maxBytes}-byte limit`);
  return text;
}
