import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { main } from './main.js';
import { expandPaths } from './validate-paths.js';

const repo = path.join(import.meta.dirname, '..', '..');
const fixtures = path.join('test', 'fixtures', 'templates');

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['validate', ...argv], {
    stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd: repo,
  });
  return { code, stdout, stderr };
}

function expectedLines(name: string): string[] {
  const text = fs.readFileSync(path.join(repo, fixtures, `${name}.expected`), 'utf8');
  return text.split('\n').filter(Boolean).map((line) => {
    const match = /^(\d+):(\d+)-\d+:\d+ (\w+) (KT\d+) (.*)$/.exec(line)!;
    return `${path.join(fixtures, name)}:${match[1]}:${match[2]}: ${match[3]} ${match[4]} ${match[5]}`;
  });
}

test('a folder: only detected kinds are checked, lines match the fixtures exactly, sorted, exit 1', async () => {
  const { code, stdout, stderr } = await run(fixtures);
  const names = fs.readdirSync(path.join(repo, fixtures)).filter((f) => f.endsWith('.expected')).map((f) => f.replace(/\.expected$/, '')).sort();
  const expected = names.flatMap(expectedLines);
  assert.deepEqual(stdout.split('\n').filter(Boolean).filter((l) => !l.includes(`${path.sep}good${path.sep}`)), expected);
  assert.equal(code, 1);
  assert.match(stderr, /^kubetasks validate: 16 files checked, \d+ errors, \d+ warnings, \d+ infos; 1 file skipped \(no template kind detected\)\n$/);
});

test('json output has the documented fields; sarif is 2.1.0 with rule ids and regions', async () => {
  const json = JSON.parse((await run(path.join(fixtures, 'broken-job.yaml'), '--format', 'json')).stdout) as unknown[];
  assert.deepEqual(json[0], { file: path.join(fixtures, 'broken-job.yaml'), line: 6, column: 17, endLine: 6, endColumn: 20,
    severity: 'error', code: 'KT2003', message: 'spec.backoffLimit must be an integer, not a string' });
  const sarif = JSON.parse((await run(path.join(fixtures, 'broken-job.yaml'), '--format=sarif')).stdout) as {
    version: string; runs: [{ results: [{ ruleId: string; level: string; locations: [{ physicalLocation: { region: unknown } }] }] }] };
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0].results[0].ruleId, 'KT2003');
  assert.deepEqual(sarif.runs[0].results[0].locations[0].physicalLocation.region, { startLine: 6, startColumn: 17, endLine: 6, endColumn: 20 });
});

test('exit codes: 0 for warnings only, 2 for a missing path or a bad option, globs expand', async () => {
  const warningsOnly = await run(path.join(fixtures, 'jinja-pod-template.yaml'));
  assert.equal(warningsOnly.code, 0);
  assert.match(warningsOnly.stdout, /jinja-pod-template.yaml:8:43: warning KT3010 /);
  assert.equal((await run('no/such/file.yaml')).code, 2);
  assert.match((await run('no/such/file.yaml')).stderr, /cannot read no\/such\/file.yaml/);
  assert.equal((await run('--format', 'xml', fixtures)).code, 2);
  assert.equal((await run()).code, 2);
  const glob = await run(`${fixtures}/good/*.yaml`);
  assert.equal(glob.code, 0);
  assert.match(glob.stderr, /5 files checked, 0 errors/);
});

test('an explicit file that is not a template is skipped with a hint, not failed', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-validate-'));
  fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services: {web: {image: nginx}}\n');
  const result = await run(path.join(dir, 'compose.yaml'));
  assert.equal(result.code, 0);
  assert.match(result.stderr, /skipped .*compose.yaml: no template kind detected/);
  fs.rmSync(dir, { recursive: true });
});

test('globs: ** spans folders, * stays within a name, {a,b} alternatives, [!x] negated classes', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-glob-'));
  for (const file of ['a/d.yaml', 'a/b/c/d.yaml', 'pods/p.yaml', 'jobs/j.yaml', 'other/o.yaml', 'x1.yaml', '_x.yaml']) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), 'kind: Pod\n');
  }
  const found = (glob: string) => expandPaths([glob], dir).files.map((f) => f.display.split(path.sep).join('/')).sort();
  assert.deepEqual(found('a/**/*.yaml'), ['a/b/c/d.yaml', 'a/d.yaml']);
  assert.deepEqual(found('a/*.yaml'), ['a/d.yaml']);
  assert.deepEqual(found('{pods,jobs}/*.yaml'), ['jobs/j.yaml', 'pods/p.yaml']);
  assert.deepEqual(found('[!_]*.yaml'), ['x1.yaml']);
  assert.deepEqual(expandPaths(['nothing/*.yaml'], dir), { files: [], missing: ['nothing/*.yaml'] });
  fs.rmSync(dir, { recursive: true });
});

test('usage errors name the option: unknown flags and missing values exit 2', async () => {
  const unknown = await run('--bogus', fixtures);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /^kubetasks validate: Unknown option '--bogus'\./);
  const missing = await run(fixtures, '--format');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^kubetasks validate: Option '--format <value>' argument missing/);
  const wrong = await run('--format', 'xml', fixtures);
  assert.match(wrong.stderr, /^kubetasks validate: --format must be one of text, json, sarif \(got "xml"\)/);
});

test('kubetasks validate examples/ reports no errors (the examples workspace stays valid)', async () => {
  const result = await run('examples');
  assert.equal(result.code, 0, result.stdout);
  assert.doesNotMatch(result.stdout, /: error KT/);
  assert.match(result.stderr, / 0 errors,/);
});
