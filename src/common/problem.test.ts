import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatProblem } from './problem.js';
import { toPosition } from './text-position.js';

test('formatProblem uses the shared line grammar with 1-based positions', () => {
  const line = formatProblem('a.task.yaml', { severity: 'error', code: 'KT4001', message: 'bad', start: { line: 3, column: 5 } });
  assert.equal(line, 'a.task.yaml:3:5: error KT4001 bad');
});

test('formatProblem reports whole-file problems at 1:1 and honours a problem in another file', () => {
  assert.equal(formatProblem('a.yaml', { severity: 'warning', code: 'KT1001', message: 'm' }), 'a.yaml:1:1: warning KT1001 m');
  assert.equal(formatProblem('a.yaml', { severity: 'info', code: 'KT3001', message: 'm', file: 'pod.yaml' }), 'pod.yaml:1:1: info KT3001 m');
});

test('toPosition counts lines and UTF-16 units (the column unit of VS Code and LSP), not bytes or code points', () => {
  const text = 'ab\nçé😀x\n';
  assert.deepEqual(toPosition(text, 0), { line: 1, column: 1 });
  assert.deepEqual(toPosition(text, 3), { line: 2, column: 1 });
  assert.deepEqual(toPosition(text, text.indexOf('x')), { line: 2, column: 5 });
  assert.deepEqual(toPosition(text, text.length + 5), { line: 3, column: 1 });
});
