import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateTemplate, type ParseLimits } from './index.js';
import { testValidators } from '../../test/harness/templates/validators.js';

function codes(text: string, limits?: Partial<ParseLimits>): string[] {
  return validateTemplate(text, { fileName: 'x.pod.yaml', validators: testValidators, limits }).diagnostics.map((d) => d.code);
}

function bomb(levels: number): string {
  let text = 'apiVersion: v1\nkind: Pod\na: &a ["x","x","x","x","x","x","x","x","x"]\n';
  let previous = 'a';
  for (let i = 0; i < levels; i++) {
    text += `l${i}: &l${i} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
    previous = `l${i}`;
  }
  return text;
}

test('a billion-laughs YAML bomb is refused with KT1004 at the first alias, quickly', () => {
  const started = Date.now();
  const result = validateTemplate(bomb(9), { fileName: 'x.pod.yaml', validators: testValidators });
  assert.ok(Date.now() - started < 5000);
  const d = result.diagnostics.find((x) => x.code === 'KT1004')!;
  assert.deepEqual(d.start, { line: 4, column: 10 }); // l0: &l0 [*a, …
});

test('a file over the size limit is reported at 1:1 and not parsed', () => {
  assert.deepEqual(codes(`apiVersion: v1\nkind: Pod\n#${'x'.repeat(2000)}\n`, { maxSizeChars: 1000 }), ['KT1002']);
  const big = `apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n${'    k: v\n'.repeat(1_300_000)}`;
  assert.deepEqual(codes(big), ['KT1002']);
});

test('deep nesting, flow or block, is reported with KT1006 before the parser recurses', () => {
  assert.deepEqual(codes(`apiVersion: v1\nkind: Pod\nspec: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`), ['KT1006']);
  const block = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
  assert.deepEqual(codes(`# kubetasks: pod\n${block}\n`), ['KT1006']);
  assert.deepEqual(codes(`# kubetasks: pod\nspec:\n  ${'- '.repeat(500)}x\n`), ['KT1006']);
});

test('binary junk is one KT1003 at the first NUL, and too many nodes or documents are reported', () => {
  const junk = `apiVersion: v1\nkind: Pod\n${String.fromCharCode(0, 1, 2, 255)}`;
  const [d] = validateTemplate(junk, { fileName: 'x.pod.yaml', validators: testValidators }).diagnostics;
  assert.deepEqual([d?.code, d?.start], ['KT1003', { line: 3, column: 1 }]);
  assert.ok(codes(`apiVersion: v1\nkind: Pod\nmetadata:\n  labels: {${Array.from({ length: 50 }, (_, i) => `k${i}: v`).join(', ')}}\n`,
    { maxNodes: 40 }).includes('KT1005'));
  assert.ok(codes('apiVersion: v1\nkind: Pod\n---\n'.repeat(5), { maxDocuments: 3 }).includes('KT1005'));
});

test('syntax errors and duplicate keys are located', () => {
  const result = validateTemplate('apiVersion: v1\nkind: Pod\nkind: Pod\nspec: {containers: [}\n',
    { fileName: 'x.pod.yaml', validators: testValidators });
  assert.deepEqual(result.diagnostics.map((d) => [d.code, d.severity, d.start.line]),
    [['KT1007', 'warning', 3], ['KT1001', 'error', 4], ['KT1001', 'error', 4]]);
});
