// Static checks in one suite: type-check (the sources and the host suite; unused locals are errors), ESLint (layering
// + promises) and knip (unused files, exports and dependencies; its reviewed ignore list is in knip.jsonc).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** dist/extension.js is loaded on every YAML, JSON and Python file: it must stay small (issue 2: 2 MB). */
const EXTENSION_BUDGET_BYTES = 2 * 1024 * 1024;

const checks = [
  ['typecheck src', ['npx', '--no-install', 'tsc', '-p', '.', '--noEmit']],
  ['typecheck host suite', ['npx', '--no-install', 'tsc', '-p', 'test/host', '--noEmit']],
  ['eslint', ['npx', '--no-install', 'eslint', '--max-warnings', '0', 'src']],
  ['knip: unused files, exports, dependencies', ['npx', '--no-install', 'knip', '--no-progress']],
];
let passed = 0;
let failed = 0;
for (const [name, [cmd, ...args]] of checks) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  const ok = r.status === 0;
  console.log(`${ok ? '✔' : '✖'} ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (ok) passed++;
  else failed++;
}
const size = fs.existsSync('dist/extension.js') ? fs.statSync('dist/extension.js').size : undefined;
if (size !== undefined && size <= EXTENSION_BUDGET_BYTES) {
  passed++;
  console.log(`✔ dist/extension.js is ${(size / 1024).toFixed(0)} KiB (budget ${EXTENSION_BUDGET_BYTES / 1024} KiB)`);
} else {
  failed++;
  console.log(`✖ dist/extension.js ${size === undefined ? 'is missing (run the build first)' : `is ${size} bytes, over the ${EXTENSION_BUDGET_BYTES}-byte budget`}`);
}
console.log(`static: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
