import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dumpPyYaml } from './pyyaml-dump.js';

test('dry-run YAML sorts keys, keeps empty collections and puts sequences at the parent column', () => {
  assert.equal(dumpPyYaml({ kind: 'Pod', spec: { b: [], a: {} }, list: [{ y: 1, x: 'v' }, ['n']] }), [
    'kind: Pod',
    'list:',
    '- x: v',
    '  y: 1',
    '- - n',
    'spec:',
    '  a: {}',
    '  b: []',
    '',
  ].join('\n'));
});

test('strings that would read back as something else are quoted as PyYAML quotes them', () => {
  assert.equal(dumpPyYaml({ a: 'True', b: '123', c: '', d: "it's", e: '- x', f: 'tab\there', g: 'é' }), [
    "a: 'True'",
    "b: '123'",
    "c: ''",
    "d: it's",
    "e: '- x'",
    'f: "tab\\there"',
    'g: "\\xE9"',
    '',
  ].join('\n'));
});

test('long plain strings fold at 80 columns with a continuation indent', () => {
  const words = Array.from({ length: 20 }, (_, i) => `word${i}`).join(' ');
  const lines = dumpPyYaml({ k: words }).split('\n');
  assert.equal(lines.length, 3);
  assert.ok((lines[0] ?? '').length > 80 && (lines[0] ?? '').length < 90);
  assert.ok((lines[1] ?? '').startsWith('  word'));
});
