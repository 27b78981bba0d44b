import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadPythonParser } from '../edge/index.js';
import { scanDag, toTaskSpec, type PythonParser } from './index.js';

let parser: PythonParser;
before(async () => {
  parser = await loadPythonParser();
});

function specOf(source: string, taskId: string) {
  const scan = scanDag(parser, source, { file: '/dags/x.py' });
  const task = scan.tasks.find((t) => t.taskId === taskId)!;
  const built = toTaskSpec(task, '/dags/x.py');
  assert.ok(built.ok);
  return built.value.spec;
}

const HEADER = `from typing import Sequence
from airflow.sdk import DAG, Param
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
`;

test('a subclass that extends template_fields adds its field to the operator\'s', () => {
  const spec = specOf(`${HEADER}class SaPod(KubernetesPodOperator):
    template_fields: Sequence[str] = (*KubernetesPodOperator.template_fields, "service_account_name")

class Child(SaPod):
    pass

class Only(KubernetesPodOperator):
    template_fields = ["image"]

with DAG("d"):
    SaPod(task_id="a", service_account_name="{{ dag_run.conf.sa }}")
    Child(task_id="b")
    Only(task_id="c")
    KubernetesPodOperator(task_id="plain")
`, 'a');
  const fields = spec.templating?.templateFields ?? [];
  assert.equal(fields.includes('service_account_name'), true);
  assert.equal(fields.includes('image'), true);
  const scan = scanDag(parser, `${HEADER}class SaPod(KubernetesPodOperator):\n    template_fields = KubernetesPodOperator.template_fields + ("service_account_name",)\nclass Child(SaPod):\n    pass\nclass Only(KubernetesPodOperator):\n    template_fields = ["image"]\nChild(task_id="b")\nOnly(task_id="c")\nKubernetesPodOperator(task_id="plain")\n`);
  const byId = Object.fromEntries(scan.tasks.map((t) => [t.taskId, toTaskSpec(t, '/dags/x.py')]));
  const templating = (id: string) => (byId[id]?.ok ? byId[id].value.spec.templating : undefined);
  assert.equal(templating('b')?.templateFields?.includes('service_account_name'), true);
  assert.deepEqual(templating('c')?.templateFields, ['image']);
  assert.equal(templating('plain'), undefined);
});

test('render_template_as_native_obj and params= of the DAG reach its tasks (Param gives its default)', () => {
  const spec = specOf(`${HEADER}with DAG("d", render_template_as_native_obj=True, params={"env": {"A": "1"}, "n": Param(5, type="integer")}):
    KubernetesPodOperator(task_id="t", env_vars="{{ params.env }}")
`, 't');
  assert.deepEqual(spec.templating, { native: true, dagParams: { env: { A: '1' }, n: 5 }, dagId: 'd' });
});
