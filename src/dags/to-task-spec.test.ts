import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadPythonParser } from '../edge/index.js';
import { renderTask, seededRandom } from '../operators/index.js';
import { findRenderableTasks, scanDag, toParamTable, toTaskParams, toTaskSpec, type PythonParser } from './index.js';

let parser: PythonParser;
before(async () => {
  parser = await loadPythonParser();
});

const HEADER = `from airflow import DAG
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.providers.cncf.kubernetes.operators.job import KubernetesJobOperator, KubernetesDeleteJobOperator
from kubernetes.client import models as k8s
`;

test('default_args fill only the parameters the operator accepts and the call did not set', () => {
  const scan = scanDag(parser, `${HEADER}with DAG("d", default_args={"namespace": "ns", "image": "x", "owner": "me", "nonsense": 1}):
    KubernetesPodOperator(task_id="t", image="mine")
`);
  const { params } = toTaskParams(scan.tasks[0]!, toParamTable('KubernetesPodOperator'));
  assert.deepEqual(params, { namespace: 'ns', image: 'mine', owner: 'me', task_id: 't' });
});

test('plain dicts keep their $dict mark only where the parameter also takes a model', () => {
  const scan = scanDag(parser, `${HEADER}KubernetesPodOperator(task_id="t", labels={"a": "b"}, security_context={"runAsUser": 1},
    tolerations=[{"key": "k"}, k8s.V1Toleration(key="m")], env_vars={"A": "1"})
`);
  const { params } = toTaskParams(scan.tasks[0]!, toParamTable('KubernetesPodOperator'));
  assert.deepEqual(params['labels'], { a: 'b' });
  assert.deepEqual(params['security_context'], { $dict: { runAsUser: 1 } });
  assert.deepEqual(params['tolerations'], [{ $dict: { key: 'k' } }, { $model: 'V1Toleration', key: 'm' }]);
  assert.deepEqual(params['env_vars'], { $dict: { A: '1' } });
});

test('a TaskSpec for the renderer: XComArgs become the Jinja pull, notes become warnings at the argument', () => {
  const scan = scanDag(parser, `${HEADER}import os
job = KubernetesJobOperator(task_id="job")
KubernetesDeleteJobOperator(task_id="del", name=job.output["job_name"], namespace=os.environ["NS"])
`);
  const converted = toTaskSpec(scan.tasks[1]!, '/dags/x.py');
  assert.ok(converted.ok);
  const { spec, notes } = converted.value;
  assert.equal(spec.operator, 'KubernetesDeleteJobOperator');
  assert.equal(spec.taskId, 'del');
  assert.deepEqual(spec.params, { name: "{{ task_instance.xcom_pull(task_ids='job', key='job_name') }}" });
  assert.deepEqual(spec.ranges['name']?.start, { line: 7, column: 44 });
  assert.equal(notes.length, 1);
  assert.match(notes[0]!.message, /^namespace: cannot be evaluated statically/);
  assert.deepEqual(notes[0]!.start, { line: 7, column: 83 });
});

test('a call whose task_id cannot be evaluated cannot be rendered, and says so at the call', () => {
  const scan = scanDag(parser, `${HEADER}import os\nKubernetesPodOperator(task_id=os.environ["T"])\n`);
  const converted = toTaskSpec(scan.tasks[0]!, '/dags/x.py');
  assert.equal(converted.ok, false);
  if (!converted.ok) assert.match(converted.problems[0]!.message, /task_id of this call cannot be evaluated statically/);
});

test('a call in an else branch not taken is not rendered next to the call of the branch taken', () => {
  const scan = scanDag(parser, `${HEADER}MODE = "a"
if MODE == "a":
    KubernetesPodOperator(task_id="t", image="taken")
else:
    KubernetesPodOperator(task_id="t", image="not-taken")
KubernetesPodOperator(task_id="u", image="x") if MODE == "b" else None
`);
  assert.deepEqual(scan.tasks.map((t) => [t.params['image'], t.reached]), [['taken', true], ['not-taken', false], ['x', false]]);
  assert.deepEqual(findRenderableTasks(scan).map((t) => t.params['image']), ['taken', 'x']);
});

test('a model built in the DAG keeps its values as given when rendered (cpu: 1 stays an int)', () => {
  const scan = scanDag(parser, `${HEADER}KubernetesPodOperator(task_id="t", image="x",
    container_resources=k8s.V1ResourceRequirements(requests={"cpu": 1}))
`);
  const converted = toTaskSpec(scan.tasks[0]!, '/dags/x.py');
  assert.ok(converted.ok);
  const rendered = renderTask(converted.value.spec, { format: 'api', random: seededRandom(1) });
  assert.ok(rendered.ok && rendered.value.manifest.format === 'api');
  assert.match(JSON.stringify(rendered.value.manifest.output), /"requests":\{"cpu":1\}/);
});
