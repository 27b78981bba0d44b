import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findJinja, maskJinja } from './index.js';

test('masking keeps every offset: same length, same newlines', () => {
  const text = 'name: job-{{ ds_nodash }}\n{% if x %}\nargs: ["{{ params.a }}"]\n{% endif %}\n{# note #}\n';
  const masked = maskJinja(text);
  assert.equal(masked.text.length, text.length);
  assert.deepEqual(masked.text.split('\n').map((l) => l.length), text.split('\n').map((l) => l.length));
  assert.equal(masked.text, 'name: job-xxxxxxxxxxxxxxx\n#         \nargs: ["xxxxxxxxxxxxxx"]\n#          \n#         \n');
});

test('findJinja reports each construct with its type; an unclosed one stops at the end of its line', () => {
  assert.deepEqual(findJinja('a: {{ b }} {% c %}\nd: {# e #}').map((r) => r.type), ['expression', 'statement', 'comment']);
  assert.deepEqual(findJinja('a: {{ b\nc: 1\n'), [{ start: 3, end: 7, type: 'expression' }]);
  assert.deepEqual(findJinja('a: {b: 1}\nc: "{"\n'), []);
});
