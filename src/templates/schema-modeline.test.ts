import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, hasSchemaModeline, planSchemaModeline, parseModeline } from './index.js';

const uri = 'file:///home/u/.vscode/extensions/kubetasks/schemas/pod.schema.json';

test('the modeline goes on the first line, and our own detection reads it back as the same kind', () => {
  const text = 'apiVersion: v1\nkind: Pod\n';
  const edit = planSchemaModeline(text, uri, false)!;
  const out = applyEdits(text, [edit]);
  assert.equal(out, `# yaml-language-server: $schema=${uri}\napiVersion: v1\nkind: Pod\n`);
  assert.equal(parseModeline(out)?.kind, 'pod');
});

test('a schema the user chose wins: no modeline is added over an existing one (either syntax)', () => {
  assert.equal(planSchemaModeline('# yaml-language-server: $schema=none\nkind: Pod\n', uri, false), undefined);
  assert.equal(planSchemaModeline('# $schema: https://example.com/s.json\nkind: Pod\n', uri, false), undefined);
  assert.equal(hasSchemaModeline('a: 1\n'), false);
});

test('JSON files get no comment; a %YAML directive stays first', () => {
  assert.equal(planSchemaModeline('{"spark": {}}', uri, true), undefined);
  const out = applyEdits('%YAML 1.2\n---\nkind: Pod\n', [planSchemaModeline('%YAML 1.2\n---\nkind: Pod\n', uri, false)!]);
  assert.equal(out.startsWith('%YAML 1.2\n# yaml-language-server: $schema='), true);
});
