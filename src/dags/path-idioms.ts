/**
 * The path idioms DAG files use to find their templates (issue 17), evaluated statically: `__file__`,
 * `os.path.join/dirname/basename/abspath/realpath/normpath`, `pathlib.Path(...)`, `.parent`, `/`, `.resolve()`,
 * `.absolute()`, `.joinpath()`, `str()` of a path, and `os.environ.get(NAME, default)` / `os.getenv(NAME, default)`
 * (the default: the environment of the Airflow worker is not known here). Semantics of posixpath and
 * pathlib.PurePosixPath; a relative path made absolute needs the worker's cwd, so it stays unknown.
 * The provider's own system tests do this: `application_file=join(pathlib.Path(__file__).parent.resolve(), "x.yaml")`.
 */
import type { Node } from 'web-tree-sitter';
import type { CallArguments } from './evaluate-call.js';
import { unknown, type PyValue } from './py-value.js';

/** `posixpath.join`: an absolute part restarts the path. */
export function joinPosix(base: string, ...parts: string[]): string {
  let path = base;
  for (const part of parts) {
    if (part.startsWith('/')) path = part;
    else if (path === '' || path.endsWith('/')) path += part;
    else path += `/${part}`;
  }
  return path;
}

/** `posixpath.normpath`. */
export function normPosix(path: string): string {
  if (path === '') return '.';
  const initial = path.startsWith('//') && !path.startsWith('///') ? 2 : path.startsWith('/') ? 1 : 0;
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..' || (initial === 0 && out.length === 0) || out[out.length - 1] === '..') out.push(part);
    else if (out.length > 0) out.pop();
  }
  const text = '/'.repeat(initial) + out.join('/');
  return text === '' ? '.' : text;
}

/** `posixpath.dirname`. */
export function dirnamePosix(path: string): string {
  const head = path.slice(0, path.lastIndexOf('/') + 1);
  return head !== '' && !/^\/+$/.test(head) ? head.replace(/\/+$/, '') : head;
}

/** `str(PurePosixPath(path))`: no empty or "." parts, no trailing slash, "." for nothing. */
function purePath(path: string): string {
  const absolute = path.startsWith('/');
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  return (absolute ? '/' : '') + parts.join('/') || '.';
}

const pathValue = (value: string): PyValue => ({ kind: 'path', value: purePath(value) });

/** A str or a path argument as text; undefined for anything else. */
function text(value: PyValue | undefined): string | undefined {
  if (value?.kind === 'path') return value.value;
  return value?.kind === 'str' ? value.value : undefined;
}

function texts(args: CallArguments): string[] | undefined {
  const all = args.positional.map((a) => text(a.value));
  return all.every((t): t is string => t !== undefined) ? all : undefined;
}

/** An absolute path from a possibly relative one: needs the worker's cwd unless already absolute. */
function absolute(path: string, node: Node, resolve: boolean): PyValue | string {
  if (!path.startsWith('/')) return unknown(node, `${node.text} depends on the Airflow worker's current directory`);
  return resolve ? normPosix(path) : path;
}

const OS_PATH: Record<string, (parts: string[], node: Node) => PyValue> = {
  join: ([first = '', ...rest]) => ({ kind: 'str', value: joinPosix(first, ...rest) }),
  dirname: ([p = '']) => ({ kind: 'str', value: dirnamePosix(p) }),
  basename: ([p = '']) => ({ kind: 'str', value: p.slice(p.lastIndexOf('/') + 1) }),
  normpath: ([p = '']) => ({ kind: 'str', value: normPosix(p) }),
  abspath: ([p = ''], node) => wrapStr(absolute(p, node, true)),
  // Symlinks are not followed statically: realpath is abspath here (docs/FIDELITY.md).
  realpath: ([p = ''], node) => wrapStr(absolute(p, node, true)),
};

function wrapStr(value: PyValue | string): PyValue {
  return typeof value === 'string' ? { kind: 'str', value } : value;
}

/** `os.path.*`, `pathlib.Path(...)`, `os.fspath`, `os.environ.get`, `os.getenv`; undefined for other names. */
export function callPathFunction(qualified: string, node: Node, args: CallArguments): PyValue | undefined {
  const name = qualified.replace(/^(os\.path|posixpath)\./, 'os.path.');
  if (name === 'os.environ.get' || name === 'os.getenv') {
    const fallback = args.positional[1]?.value ?? args.keywords.get('default')?.value;
    return fallback ?? unknown(node, `${node.text} reads the Airflow worker's environment, which is not known statically`);
  }
  if (args.positional.some((a) => a.value.kind === 'unknown')) return args.positional.find((a) => a.value.kind === 'unknown')!.value;
  const parts = texts(args);
  if (!parts) return undefined;
  if (name.startsWith('os.path.')) return OS_PATH[name.slice('os.path.'.length)]?.(parts, node);
  if (/^pathlib\.(Pure|Posix|PurePosix)?Path$/.test(name)) return pathValue(parts.length === 0 ? '.' : joinPosix('', ...parts));
  if (name === 'os.fspath') return { kind: 'str', value: parts[0] ?? '' };
  return undefined;
}

/** `path.parent`, `.name`, `.stem`, `.suffix`. */
export function pathAttribute(path: string, attribute: string, node: Node): PyValue {
  const name = path === '/' || path === '.' ? '' : path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  switch (attribute) {
    case 'parent':
      return pathValue(path === '/' ? '/' : dirnamePosix(path) || '.');
    case 'name':
      return { kind: 'str', value: name };
    case 'suffix':
      return { kind: 'str', value: dot > 0 ? name.slice(dot) : '' };
    case 'stem':
      return { kind: 'str', value: dot > 0 ? name.slice(0, dot) : name };
    default:
      return unknown(node, `${node.text} cannot be evaluated statically`);
  }
}

/** `path.resolve()`, `.absolute()`, `.joinpath(...)`, `.as_posix()`; undefined for other methods. */
export function callPathMethod(path: string, method: string, args: CallArguments, node: Node): PyValue | undefined {
  if (method === 'resolve' || method === 'absolute') {
    const result = absolute(path, node, method === 'resolve');
    return typeof result === 'string' ? pathValue(result) : result;
  }
  if (method === 'as_posix') return { kind: 'str', value: path };
  if (method === 'joinpath') {
    const parts = texts(args);
    return parts ? pathValue(joinPosix(path, ...parts)) : undefined;
  }
  return undefined;
}

/** `path / part` (and `str / path`, as PurePath.__rtruediv__). */
export function dividePath(left: PyValue, right: PyValue): PyValue | undefined {
  if (left.kind !== 'path' && right.kind !== 'path') return undefined;
  const [a, b] = [text(left), text(right)];
  return a !== undefined && b !== undefined ? pathValue(joinPosix(a, b)) : undefined;
}
