import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toXcomValue, xcomKillFallbackScript, xcomKillScript, xcomReadCommand } from './xcom.js';

test('the read and kill commands are the provider\'s, character for character', () => {
  assert.deepEqual(xcomReadCommand, [
    '/bin/sh',
    '-c',
    'if [ -s /airflow/xcom/return.json ]; then cat /airflow/xcom/return.json; else echo __airflow_xcom_result_empty__; fi',
  ]);
  assert.equal(xcomKillScript, "kill -2 $(pgrep -u $(id -u) -f 'sh')\n");
  assert.equal(xcomKillFallbackScript, 'for f in /proc/[0-9]*/comm; do [ -O $f ] && read c < $f && [ "$c" = "sh" ] && pid=${f%/comm} && kill -2 ${pid##*/}; done\n');
});

test('the empty marker is None; JSON is parsed; anything else fails like json.loads', () => {
  assert.deepEqual(toXcomValue('__airflow_xcom_result_empty__\n', ''), { ok: true, value: null });
  assert.deepEqual(toXcomValue('[1, 2, 3, 4]', ''), { ok: true, value: [1, 2, 3, 4] });
  assert.deepEqual(toXcomValue('{"a": "b"}\n', ''), { ok: true, value: { a: 'b' } });
  assert.deepEqual(toXcomValue('null', ''), { ok: true, value: null });
  const invalid = toXcomValue('{"a": 1', '');
  assert.equal(invalid.ok, false);
  assert.equal(!invalid.ok && invalid.exception, 'JSONDecodeError');
  assert.equal(toXcomValue('', '').ok, false, 'json.loads("") raises');
  assert.equal(toXcomValue('[1]', 'sh: warning\n').ok, false, 'read_all() holds stderr too');
});

test('Python\'s json.loads accepts NaN and Infinity, so they are valid (as null)', () => {
  assert.deepEqual(toXcomValue('[NaN, Infinity, -Infinity, "NaN"]', ''), { ok: true, value: [null, null, null, 'NaN'] });
  assert.equal(toXcomValue('[-NaN]', '').ok, false);
});
