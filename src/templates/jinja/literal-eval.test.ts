import assert from 'node:assert/strict';
import { test } from 'node:test';
import { literalEval, nativeConcat } from './literal-eval.js';
import { PyFloat, PyTuple } from './py-value.js';

test('literal_eval accepts Python literals and returns other text unchanged', () => {
  assert.deepEqual(literalEval("{'a': [1, -2.5, None, True], 'b': 'x\\ny'}"), { a: [1, -2.5, null, true], b: 'x\ny' });
  assert.deepEqual(literalEval('(1, 2)'), new PyTuple([1, 2]));
  assert.deepEqual(literalEval('1, 2'), new PyTuple([1, 2]));
  assert.deepEqual(literalEval('2.0'), new PyFloat(2));
  assert.equal(literalEval('hello'), 'hello');
  assert.equal(literalEval(' 1'), ' 1', 'leading whitespace is an IndentationError in ast.parse');
  assert.equal(literalEval('1 + 2'), '1 + 2');
});

test('native_concat: one non-string part is returned as is; no output is None', () => {
  const value = { k: 1 };
  assert.equal(nativeConcat([value]), value);
  assert.equal(nativeConcat([]), null);
  assert.equal(nativeConcat(['[', 1, ']']) instanceof Array, true);
});
