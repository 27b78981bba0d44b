/** Expands `kubetasks validate` arguments (files, folders, globs) into the files to check. */
import fs from 'node:fs';
import path from 'node:path';
import { Minimatch } from 'minimatch';

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

/**
 * A glob argument (`templates/**` + `/*.yaml`, `{pods,jobs}/*.yaml`, `[!_]*.yaml`), matched by minimatch (bash
 * rules): the folder before the first magic segment is walked, and each file found is matched against the pattern.
 */
function isMagic(pattern: string): boolean {
  return new Minimatch(pattern, { magicalBraces: true }).hasMagic();
}

function expandGlob(pattern: string, cwd: string, out: ExpandedPath[]): boolean {
  const normal = pattern.split(path.sep).join('/').replace(/^\.\//, '');
  const parts = normal.split('/');
  const firstMagic = parts.findIndex(isMagic);
  const base = parts.slice(0, firstMagic).join('/');
  const baseAbs = path.resolve(cwd, base || '.');
  if (!fs.existsSync(baseAbs) || !fs.statSync(baseAbs).isDirectory()) return false;
  const found: ExpandedPath[] = [];
  walkFolder(baseAbs, base || '.', found);
  const matcher = new Minimatch(normal);
  for (const item of found) {
    if (matcher.match(item.display.split(path.sep).join('/').replace(/^\.\//, ''))) out.push(item);
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
    else if (!isMagic(arg) || !expandGlob(arg, cwd, files)) missing.push(arg);
  }
  const seen = new Set<string>();
  return { files: files.filter((f) => !seen.has(f.absolute) && seen.add(f.absolute)), missing };
}
