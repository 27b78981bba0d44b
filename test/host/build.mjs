// Bundle the host suite (every test/host/suite/*.test.ts, plus Mocha) into dist-test/host/index.js, which the
// real extension host loads as extensionTestsPath. The entry is generated so that adding a test file is enough.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const suiteDir = path.join(import.meta.dirname, 'suite');
const outfile = path.join(import.meta.dirname, '..', '..', 'dist-test', 'host', 'index.js');
// HOST_SUITE_ONLY=<part of a file name> bundles only those files (a local run of one suite; npm test never sets it).
const only = process.env.HOST_SUITE_ONLY;
const tests = fs.readdirSync(suiteDir).filter((f) => f.endsWith('.test.ts') && (!only || f.includes(only))).sort();
const entry = [
  "import { runSuite } from './mocha-runner';",
  'export function run() {',
  '  return runSuite(() => {',
  ...tests.map((f) => `    require(${JSON.stringify(`./${f}`)});`),
  '  });',
  '}',
].join('\n');
await esbuild.build({
  stdin: { contents: entry, resolveDir: suiteDir, sourcefile: 'host-suite-entry.ts', loader: 'ts' },
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode'],
  logLevel: 'warning',
  // Mocha's parallel mode (unused here) resolves worker files at run time; the serial runner needs none.
  logOverride: { 'require-resolve-not-external': 'silent' },
});
console.log(`host suite: bundled ${tests.length} test files into ${path.relative(process.cwd(), outfile)}`);
