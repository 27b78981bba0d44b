import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadPythonParser } from '../edge/index.js';
import { scanDag, validateDagScan, type PythonParser } from './index.js';

let parser: PythonParser;
before(async () => {
  parser = await loadPythonParser();
});

test('unknown keyword arguments, wrong types and Airflow errors are located at the argument', () => {
  const text = `import os
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
KubernetesPodOperator(task_id="a", imagee="x")
KubernetesPodOperator(task_id="b", cmds="echo")
KubernetesPodOperator(task_id="c", on_finish_action="explode")
KubernetesPodOperator(task_id="d", namespace=os.environ["NS"])
`;
  const problems = validateDagScan(scanDag(parser, text), { file: '/dags/x.py' });
  const byLine = problems.map((p) => [p.start?.line, p.start?.column, p.severity, p.code]);
  assert.deepEqual(byLine, [
    [3, 36, 'error', 'KT4002'],
    [4, 36, 'error', 'KT4004'],
    [5, 36, 'error', 'KT4010'],
    [6, 46, 'info', 'KT4711'],
  ]);
  assert.match(problems[0]!.message, /Invalid arguments were passed to KubernetesPodOperator .*imagee/);
  assert.match(problems[2]!.message, /'explode' is not a valid OnFinishAction/);
});

test('a call in a loop reports its problem once', () => {
  const text = `from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
for i in range(3):
    KubernetesPodOperator(task_id=f"t{i}", bad_arg=1)
`;
  const problems = validateDagScan(scanDag(parser, text), { file: '/dags/x.py' });
  assert.equal(problems.filter((p) => p.code === 'KT4002').length, 1);
});
