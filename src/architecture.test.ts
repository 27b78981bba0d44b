/**
 * The layering rule of STYLE.md, enforced on every source file so CI catches a violation even when lint does not
 * run: pure folders import no vscode, client-node, fs, network, child processes or timers; only kube/ imports
 * client-node; only the VS Code edges import vscode; the CLI imports no adapter; edge/ (the Node-side code both
 * edges share) imports only pure folders; airflow/ (the only Airflow I/O) imports only pure folders, so only the edges
 * reach it; providers/ do not import commands/ (commands use providers); imports
 * point one way; other folders reach a core folder or edge/ only through its index.ts.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const SRC = path.join(import.meta.dirname, '.');
const PURE = ['common', 'settings', 'operators', 'templates', 'dags', 'tasks'] as const;
const VSCODE_EDGES = ['extension.ts', 'providers', 'commands'];
const IO_MODULES = /^(node:)?(fs|fs\/promises|net|http|https|http2|tls|dgram|dns|child_process|worker_threads|timers|timers\/promises|cluster|readline)$|^(undici|ws|isomorphic-ws|node-fetch)$/;
/** Global I/O a pure module could reach without an import. */
const PURE_GLOBALS = /\b(setTimeout|setInterval|setImmediate|fetch)\s*\(|\bprocess\s*\.|\brequire\s*\(/;

interface Violation {
  file: string;
  message: string;
}

function topFolder(rel: string): string {
  return rel.split('/')[0] ?? rel;
}

function importsOf(text: string): string[] {
  const found: string[] = [];
  const pattern = /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of text.matchAll(pattern)) {
    const spec = match[1] ?? match[2] ?? match[3] ?? match[4];
    if (spec) found.push(spec);
  }
  return found;
}

/** The one editor module that loads dist/cluster.js (src/kube with client-node) on first use. */
const CLUSTER_LOADER = 'providers/cluster-loader.ts';

/** Imports of kube/ that are not type-only: they would pull client-node into dist/extension.js. */
function valueImportsOfKube(code: string): string[] {
  const pattern = /(?:^|[\s;])(import|export)\s+(?!type\b)[^'";]*?from\s*['"]([^'"]*\bkube\/[^'"]*)['"]|\bimport\s*\(\s*['"]([^'"]*\bkube\/[^'"]*)['"]\s*\)/g;
  return [...code.matchAll(pattern)].map((m) => m[2] ?? m[3] ?? '');
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** Checks one source file (path relative to src/, with '/' separators) and returns what it breaks. */
export function checkFile(rel: string, text: string): Violation[] {
  const out: Violation[] = [];
  const folder = topFolder(rel);
  const isPure = (PURE as readonly string[]).includes(folder);
  const code = stripComments(text);
  for (const spec of importsOf(code)) {
    const bad = (message: string) => out.push({ file: rel, message: `${message} (imports "${spec}")` });
    if (spec === 'vscode' && !VSCODE_EDGES.includes(folder)) bad('only extension.ts, providers/ and commands/ may import vscode');
    if (spec.startsWith('@kubernetes/client-node') && folder !== 'kube') bad('only kube/ may import client-node');
    if (isPure && IO_MODULES.test(spec)) bad(`pure folder ${folder}/ may not do I/O`);
    if (!spec.startsWith('.')) continue;
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec));
    if (target.startsWith('..')) continue; // package.json and other files outside src/
    const targetFolder = topFolder(target);
    if (targetFolder === folder) continue;
    if (isPure && !['common', ...(folder === 'common' ? [] : PURE)].includes(targetFolder)) bad(`pure folder ${folder}/ may only import pure folders`);
    if (folder === 'common' && targetFolder !== 'common') bad('common/ may not import other folders');
    if (folder === 'kube' && !(PURE as readonly string[]).includes(targetFolder)) bad('kube/ may only import pure folders');
    if (folder === 'airflow' && !(PURE as readonly string[]).includes(targetFolder)) bad('airflow/ may only import pure folders');
    if (folder === 'cli' && ['providers', 'commands', 'extension.ts', 'extension.js'].includes(targetFolder)) bad('the CLI may not import VS Code adapters');
    if (folder === 'edge' && !(PURE as readonly string[]).includes(targetFolder)) bad('edge/ may only import pure folders');
    if (folder === 'providers' && targetFolder === 'commands') bad('providers/ may not import commands/ (commands use providers)');
    const intoCore = (PURE as readonly string[]).includes(targetFolder) || ['kube', 'airflow', 'edge'].includes(targetFolder);
    if (intoCore && !/^[^/]+\/index(\.js|\.ts)?$/.test(target)) bad(`import ${targetFolder}/ through its index.ts`);
  }
  if (VSCODE_EDGES.includes(folder) && rel !== CLUSTER_LOADER) {
    for (const spec of valueImportsOfKube(code)) out.push({ file: rel, message: `the editor reaches kube/ only through its lazily loaded bundle (${CLUSTER_LOADER}); use \`import type\` (imports "${spec}")` });
  }
  if (isPure && PURE_GLOBALS.test(code)) out.push({ file: rel, message: `pure folder ${folder}/ uses a timer, process, fetch or require` });
  return out;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [full] : [];
  });
}

test('every source file under src/ follows the layering rule', () => {
  const files = sourceFiles(SRC);
  assert.ok(files.length > 5, 'expected to find the source files');
  const violations = files.flatMap((file) => checkFile(path.relative(SRC, file).split(path.sep).join('/'), fs.readFileSync(file, 'utf8')));
  assert.deepEqual(violations, []);
});

test('the checker catches each kind of violation', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['operators/x.ts', "import * as vscode from 'vscode';", /only extension.ts/],
    ['templates/x.ts', "import fs from 'node:fs';", /may not do I\/O/],
    ['dags/x.ts', "import { KubeConfig } from '@kubernetes/client-node';", /only kube/],
    ['cli/x.ts', "import { registerCommands } from '../commands/index.js';", /CLI may not import/],
    ['tasks/x.ts', "import { createKubeClient } from '../kube/index.js';", /may only import pure folders/],
    ['cli/y.ts', "import { renderPod } from '../operators/pod-operator.js';", /through its index/],
    ['settings/x.ts', 'const t = setTimeout(() => 1, 5);', /timer, process/],
    ['common/x.ts', "export { x } from '../operators/index.js';", /common\/ may not import/],
    ['edge/x.ts', "import * as vscode from 'vscode';", /only extension.ts/],
    ['edge/y.ts', "import { main } from '../cli/main.js';", /edge\/ may only import pure folders/],
    ['providers/x.ts', "import { CommandIds } from '../commands/command-ids.js';", /providers\/ may not import commands/],
    ['cli/z.ts', "import { readBeside } from '../edge/read-beside.js';", /through its index/],
    ['airflow/x.ts', "import { createKubeClient } from '../kube/index.js';", /airflow\/ may only import pure folders/],
    ['kube/x.ts', "import { triggerDagRun } from '../airflow/index.js';", /kube\/ may only import pure folders/],
    ['cli/w.ts', "import { triggerDagRun } from '../airflow/dag-runs.js';", /through its index/],
    ['commands/x.ts', "import { runTask } from '../kube/index.js';", /lazily loaded bundle/],
  ];
  for (const [file, text, expected] of cases) {
    const found = checkFile(file, text);
    assert.ok(found.some((v) => expected.test(v.message)), `${file}: ${text} → ${JSON.stringify(found)}`);
  }
  assert.deepEqual(checkFile('providers/x.ts', "import * as vscode from 'vscode';\nimport { ok } from '../common/index.js';"), []);
  assert.deepEqual(checkFile('providers/y.ts', "import type { KubeClient } from '../kube/index.js';"), []);
});
