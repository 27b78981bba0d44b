/** Expands `kubetasks validate` arguments (files, folders, globs) into the files to check. */
import fs from 'node:fs';
import path from 'node:path';

export interface ExpandedPath {
  /** The file to read (absolute). */
  absolute: string;
  /** The path to print: as given, joined to the walked folder. */
  display: string;
  /** True when the user named the file itself (not found by walking a folder or a glob). */
  explicit: boolean;
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'dist-test', 'test-results', '.venv', '__pycache__']);
const TEMPLATE_FILE = /\.(ya?ml|json)$/i;

function walkFolder(absolute: string, display: string, out: ExpandedPath[]): void {
  const entries = fs.readdirSync(absolute, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const childAbs = path.join(absolute, entry.name);
    const childDisplay = path.join(display, entry.name);
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) walkFolder(childAbs, childDisplay, out);
    else if (entry.isFile() && TEMPLATE_FILE.test(entry.name)) out.push({ absolute: childAbs, display: childDisplay, explicit: false });
  }
}

/** `**` any folders, `*` and `?` within one name, `[abc]` a class. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      out += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i);
      out += close > i ? glob.slice(i, close + 1) : '\\[';
      i = close > i ? close : i;
    } else out += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

function expandGlob(pattern: string, cwd: string, out: ExpandedPath[]): boolean {
  const normal = pattern.split(path.sep).join('/');
  const parts = normal.split('/');
  const firstMagic = parts.findIndex((p) => /[*?[]/.test(p));
  const base = parts.slice(0, firstMagic).join('/') || '.';
  const baseAbs = path.resolve(cwd, base);
  if (!fs.existsSync(baseAbs) || !fs.statSync(baseAbs).isDirectory()) return false;
  const found: ExpandedPath[] = [];
  walkFolder(baseAbs, base, found);
  const regex = globToRegExp(normal.replace(/^\.\//, ''));
  for (const item of found) {
    if (regex.test(item.display.split(path.sep).join('/').replace(/^\.\//, ''))) out.push(item);
  }
  return true;
}

/** Expands every argument; `missing` lists the ones that name nothing readable. */
export function expandPaths(args: readonly string[], cwd: string): { files: ExpandedPath[]; missing: string[] } {
  const files: ExpandedPath[] = [];
  const missing: string[] = [];
  for (const arg of args) {
    const absolute = path.resolve(cwd, arg);
    const stat = fs.existsSync(absolute) ? fs.statSync(absolute) : undefined;
    if (stat?.isDirectory()) walkFolder(absolute, arg, files);
    else if (stat?.isFile()) files.push({ absolute, display: arg, explicit: true });
    else if (!/[*?[]/.test(arg) || !expandGlob(arg, cwd, files)) missing.push(arg);
  }
  const seen = new Set<string>();
  return { files: files.filter((f) => !seen.has(f.absolute) && seen.add(f.absolute)), missing };
}
