import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadPythonParser } from '../edge/index.js';
import { findUnrenderedReferences, scanDag, toTaskSpec, type PythonParser } from './index.js';

let parser: PythonParser;
before(async () => {
  parser = await loadPythonParser();
});

const DAG = `from airflow import DAG
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator

with DAG("etl"):
    a = KubernetesPodOperator(task_id="a", image="busybox", do_xcom_push=True)
    b = KubernetesPodOperator(
        task_id="b",
        image="busybox",
        arguments=[a.output, "{{ ds }}", "plain"],
        env_vars={"X": "{{ ti.xcom_pull(task_ids='a') }}"},
        service_account_name="{{ literal }}",
    )
`;

function specOf(taskId: string) {
  const found = scanDag(parser, DAG).tasks.find((t) => t.taskId === taskId)!;
  const spec = toTaskSpec(found, 'etl.py');
  assert.ok(spec.ok);
  return spec.value.spec;
}

test('XComArgs and Jinja left in templated fields are KT4712 errors at their argument, naming each reference', () => {
  const spec = specOf('b');
  const lines = findUnrenderedReferences(spec, spec, false).map((p) => `${p.start?.line}:${p.start?.column} ${p.code} ${p.message}`);
  assert.equal(lines.length, 3, lines.join('\n'));
  assert.match(lines[0]!, /^9:9 KT4712 arguments\/0 holds the XCom reference \{\{ task_instance\.xcom_pull\(task_ids='a', key='return_value'\) \}\}/);
  assert.match(lines[1]!, /^9:9 KT4712 arguments\/1 holds the unrendered Jinja \{\{ ds \}\}, which renders only for a run: pass --conf/);
  assert.match(lines[2]!, /^10:9 KT4712 env_vars\/X holds the XCom reference \{\{ ti\.xcom_pull\(task_ids='a'\) \}\}/);
  // service_account_name is not a template field of the operator: Airflow passes its braces on as text
  assert.ok(!lines.some((l) => l.includes('literal')));
});

test('what templating rendered is no longer a reference; a task without references has none', () => {
  const spec = specOf('b');
  const rendered = { ...spec, params: { ...spec.params, arguments: [(spec.params['arguments'] as string[])[0]!, '2026-12-06', 'plain'] } };
  const problems = findUnrenderedReferences(spec, rendered, true);
  assert.deepEqual(problems.map((p) => p.message.split(' holds')[0]), ['arguments/0', 'env_vars/X']);
  assert.deepEqual(findUnrenderedReferences(specOf('a'), specOf('a'), false), []);
});
