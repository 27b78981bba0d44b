import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { applyEdits, validateTemplate } from './index.js';
import { templateFixturesDir, testValidators, toExpectedLine } from '../../test/harness/templates/validators.js';

function validate(text: string, fileName = 'x.yaml') {
  return validateTemplate(text, { fileName, validators: testValidators });
}

const fixtures = fs.readdirSync(templateFixturesDir).filter((f) => f.endsWith('.expected')).map((f) => f.replace(/\.expected$/, ''));

test('every broken fixture gives exactly its expected diagnostics', () => {
  assert.ok(fixtures.length >= 10);
  for (const name of fixtures) {
    const text = fs.readFileSync(path.join(templateFixturesDir, name), 'utf8');
    const expected = fs.readFileSync(path.join(templateFixturesDir, `${name}.expected`), 'utf8');
    const actual = validate(text, name).diagnostics.map((d) => `${toExpectedLine(d)}\n`).join('');
    assert.equal(actual, expected, name);
  }
});

test('good templates (pod, job, Spark wrapper, plain SparkApplication, Kueue) give no error', () => {
  const dir = path.join(templateFixturesDir, 'good');
  for (const name of fs.readdirSync(dir)) {
    const result = validate(fs.readFileSync(path.join(dir, name), 'utf8'), name);
    assert.equal(result.claimed, true, name);
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), [], name);
  }
});

test('unrelated YAML is not claimed and gets no diagnostics', () => {
  const result = validate(fs.readFileSync(path.join(templateFixturesDir, 'unrelated.yaml'), 'utf8'), 'unrelated.yaml');
  assert.deepEqual(result, { claimed: false, diagnostics: [] });
  assert.equal(validate('apiVersion: v1\nkind: ConfigMap\ndata: {a: b}\n').claimed, false);
});

test('the issue example: an unknown field in spec.driver names the key and suggests the right one', () => {
  const text = 'apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nmetadata: {name: etl}\nspec:\n' +
    '  type: Python\n  mode: cluster\n  sparkVersion: 3.5.0\n  mainApplicationFile: local:///a.py\n' +
    '  imagePullPolicyy: Always\n  driver: {cores: 1}\n  executor: {instances: 1}\n';
  const [d] = validate(text).diagnostics;
  assert.equal(d?.message, 'unknown field "imagePullPolicyy" in spec; did you mean "imagePullPolicy"?');
  assert.deepEqual([d?.code, d?.severity, d?.start, d?.end], ['KT2001', 'error', { line: 9, column: 3 }, { line: 9, column: 19 }]);
  assert.equal(applyEdits(text, d!.fixes![0]!.edits).includes('  imagePullPolicy: Always\n'), true);
});

test('multi-document files validate each document against its own kind', () => {
  const text = 'apiVersion: kueue.x-k8s.io/v1beta2\nkind: LocalQueue\nmetadata: {name: q}\nspec: {clusterQueue: c}\n---\n' +
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n---\napiVersion: v1\nkind: Pod\nspec:\n  containers:\n' +
    '    - name: base\n      imagee: alpine\n';
  const result = validate(text);
  assert.deepEqual(result.diagnostics.map((d) => [d.code, d.start.line, d.message]), [
    ['KT2001', 15, 'unknown field "imagee" in spec.containers[0]; did you mean "image"?'],
  ]);
});

test('columns count UTF-16 units, as VS Code and LSP do, so the CLI and the editor name the same column', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata: {annotations: {note: "😀"}, name: "Bad_Name"}\n';
  const d = validate(text).diagnostics.find((x) => x.code === 'KT3008')!;
  assert.equal(d.start.column, 45); // the emoji is two UTF-16 units
  assert.equal(d.start.column - 1, d.startOffset - text.lastIndexOf('\n', d.startOffset - 1) - 1);
  assert.equal(text.slice(d.startOffset, d.endOffset), '"Bad_Name"');
});

test('a modeline claims a file without apiVersion, and `# kubetasks: none` opts out', () => {
  assert.equal(validate('# kubetasks: job-template\nspec: {template: {spec: {restartPolicy: Always}}}\n').kind, 'job');
  assert.equal(validate('# kubetasks: none\napiVersion: v1\nkind: Pod\nspec: {bogus: 1}\n').claimed, false);
  const unknown = validate('# kubetasks: pod-templat\napiVersion: v1\nkind: Pod\n');
  assert.deepEqual(unknown.diagnostics.map((d) => [d.code, d.message]), [['KT2005', 'unknown kind "pod-templat" in the kubetasks modeline']]);
});

test('an unsupported apiVersion of a known kind is a warning on apiVersion, not a wall of schema errors', () => {
  const result = validate('apiVersion: sparkoperator.k8s.io/v1beta1\nkind: SparkApplication\nspec: {x: 1}\n');
  assert.deepEqual(result.diagnostics.map((d) => [d.severity, d.code, d.start.line]), [['warning', 'KT2005', 1]]);
});

test('null values count as unset, as the API server reads them', () => {
  const result = validate('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: null\nspec:\n  containers:\n' +
    '    - name: base\n      image: alpine\n      command: null\n');
  assert.deepEqual(result.diagnostics, []);
});

test('each document of a multi-kind file reports its own schema (for per-document completion)', () => {
  const text = 'apiVersion: kueue.x-k8s.io/v1beta2\nkind: ResourceFlavor\nmetadata: {name: f}\n---\napiVersion: v1\n' +
    'kind: ConfigMap\n---\napiVersion: kueue.x-k8s.io/v1beta1\nkind: LocalQueue\nmetadata: {name: q}\n';
  const result = validate(text);
  assert.equal(result.schemaId, 'kueue-resource-flavor-v1beta2');
  assert.deepEqual(result.documentSchemaIds, ['kueue-resource-flavor-v1beta2', undefined, 'kueue-local-queue-v1beta1']);
});
