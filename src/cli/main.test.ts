import assert from 'node:assert/strict';
import { test } from 'node:test';
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
