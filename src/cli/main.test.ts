import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { buildSync } from 'esbuild';
import { kubetasksVersion } from '../common/index.js';
import { main } from './main.js';

function capture() {
  const out = { stdout: '', stderr: '' };
  const io = { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) } };
  return { out, io };
}

test('--version prints the package version', async () => {
  const { out, io } = capture();
  assert.equal(await main(['--version'], io), 0);
  assert.equal(out.stdout, `${kubetasksVersion}\n`);
  assert.match(kubetasksVersion, /^\d+\.\d+\.\d+/);
});

test('--help lists usage and every subcommand', async () => {
  const { out, io } = capture();
  assert.equal(await main(['--help'], io), 0);
  assert.match(out.stdout, /Usage: kubetasks <command>/);
  assert.match(out.stdout, /--version/);
});

test('no arguments prints help and exits 2', async () => {
  const { out, io } = capture();
  assert.equal(await main([], io), 2);
  assert.match(out.stdout, /Usage:/);
});

test('an unknown command is a usage error on stderr', async () => {
  const { out, io } = capture();
  assert.equal(await main(['rendr'], io), 2);
  assert.equal(out.stdout, '');
  assert.match(out.stderr, /unknown command "rendr"/);
});

test('node dist/cli.js runs the CLI like bin/kubetasks.js (exit code and output), not silently nothing', () => {
  const repo = path.join(import.meta.dirname, '..', '..');
  const bundle = path.join(os.tmpdir(), `kubetasks-cli-${process.pid}.js`);
  // The same bundle options as esbuild.mjs's dist/cli.js.
  buildSync({ entryPoints: [path.join(repo, 'src', 'cli', 'main.ts')], outfile: bundle, bundle: true, platform: 'node',
    format: 'cjs', target: 'node20', logLevel: 'warning',
    alias: { 'web-tree-sitter': path.join(repo, 'node_modules', 'web-tree-sitter', 'tree-sitter.cjs') } });
  try {
    const version = spawnSync(process.execPath, [bundle, '--version'], { encoding: 'utf8' });
    assert.deepEqual([version.status, version.stdout], [0, `${kubetasksVersion}\n`]);
    const unknown = spawnSync(process.execPath, [bundle, 'rendr'], { encoding: 'utf8' });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command "rendr"/);
  } finally {
    fs.rmSync(bundle, { force: true });
  }
});
