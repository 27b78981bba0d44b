// Every container image name the examples, tests, operator defaults and provider docs use, so the real
// node's registry can publish each one (images.sh). Prints `name repository:tag` per line, sorted;
// `--path NAME` prints the repository:tag of one name.
// A name counts when it is the value of an `image` key or kwarg (`image: x`, `image="x"`,
// `"image": "x"`, `fooImage = 'x'`) and is a valid reference (distribution's reference grammar,
// lower-case repository). Not published: Spark images (Spark pods stay on kwok, see
// docs/TEST-CLUSTER.md) and hosts under `.invalid` (RFC 2606; tests use them for a missing image).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REFERENCE = new RegExp(
  `^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?${COMPONENT}(?:/${COMPONENT})*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$`,
);
// key, then an optional quote, the value, the same quote, and a boundary (so `image=f"…"` is no match)
const IMAGE_KEY = /(?:\bimage|[a-z]Image|["']image["'])\s*[:=]\s*(["']?)([A-Za-z0-9][A-Za-z0-9._/:@-]*)\1(?=[\s,)}\]#;]|$)/g;
const SOURCE_EXTS = new Set(['.ts', '.py', '.js', '.mjs', '.json']);
const TEXT_EXTS = new Set(['.yaml', '.yml', '.md', '.txt', '.j2', '.jinja', '.tpl']);

export function isPublished(name: string): boolean {
  if (!REFERENCE.test(name) || name.includes('spark')) return false;
  const first = name.split('/')[0] ?? '';
  return !(name.includes('/') && first.endsWith('.invalid'));
}

/** Image names in one file's text; unquoted values count only in YAML and prose (in code they are variables). */
export function findImageNames(text: string, ext: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(IMAGE_KEY)) {
    const quoted = (m[1] ?? '') !== '';
    if (!quoted && !TEXT_EXTS.has(ext)) continue;
    const name = m[2] ?? '';
    if (isPublished(name)) names.push(name);
  }
  return names;
}

function walk(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((e) =>
    e.name === 'node_modules' || e.name.startsWith('.') ? [] : walk(join(path, e.name)),
  );
}

/** The sources images.sh scans, relative to the repository root. */
export function imageSources(repo: string): string[] {
  const docs = process.env['KUBETASKS_PROVIDER_DOCS'] ?? resolve(repo, '../shared/docs/provider-docs-kubernetes-operators.txt');
  return [join(repo, 'examples'), join(repo, 'test'), join(repo, 'src/operators'), docs];
}

/**
 * The repository:tag containerd asks the loopback registry for: hosts.toml `_default` sends every
 * registry host there, so the host is dropped, and only Docker Hub puts one-component names under
 * `library/` (docker's rule: a first component with a dot or a port, or `localhost`, is a host).
 */
export function registryPath(name: string): string {
  if (name.includes('@')) throw new Error(`image ${name}: digests are not published (use a tag)`);
  const lastSlash = name.lastIndexOf('/');
  const colon = name.indexOf(':', lastSlash + 1);
  const tag = colon < 0 ? 'latest' : name.slice(colon + 1);
  let repo = colon < 0 ? name : name.slice(0, colon);
  let host = 'docker.io';
  const first = repo.split('/')[0] ?? '';
  if (repo.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    host = first;
    repo = repo.slice(first.length + 1);
  }
  if ((host === 'docker.io' || host === 'index.docker.io') && !repo.includes('/')) repo = `library/${repo}`;
  return `${repo}:${tag}`;
}

export function collectImageNames(paths: string[]): string[] {
  const all = new Set<string>();
  for (const file of paths.flatMap(walk)) {
    const ext = extname(file);
    if (!SOURCE_EXTS.has(ext) && !TEXT_EXTS.has(ext)) continue;
    for (const name of findImageNames(readFileSync(file, 'utf8'), ext)) all.add(name);
  }
  return [...all].sort();
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const [flag, name] = process.argv.slice(2);
  const names = flag === '--path' && name ? [name] : collectImageNames(imageSources(process.cwd()));
  const line = (n: string): string => (flag === '--path' ? `${registryPath(n)}\n` : `${n} ${registryPath(n)}\n`);
  process.stdout.write(names.map(line).join(''));
}
