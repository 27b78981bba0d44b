import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadPythonParser } from '../edge/index.js';
import { scanDag, toParamTable, toTaskParams, type PythonParser } from './index.js';
import { dirnamePosix, joinPosix, normPosix } from './path-idioms.js';

let parser: PythonParser;
before(async () => {
  parser = await loadPythonParser();
});

const HEADER = `import os
import pathlib
from os.path import join
from pathlib import Path
from airflow.providers.cncf.kubernetes.operators.spark_kubernetes import SparkKubernetesOperator
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
`;

function paramsOf(body: string, file = '/opt/airflow/dags/spark/pi.py'): Record<string, unknown> {
  const scan = scanDag(parser, `${HEADER}${body}`, { file });
  const task = scan.tasks[0]!;
  return toTaskParams(task, toParamTable(task.kind)).params;
}

test('the provider system test idiom: join(pathlib.Path(__file__).parent.resolve(), "x.yaml")', () => {
  const params = paramsOf('SparkKubernetesOperator(task_id="s", application_file=join(pathlib.Path(__file__).parent.resolve(), "pi.yaml"))\n');
  assert.equal(params.application_file, '/opt/airflow/dags/spark/pi.yaml');
});

test('os.path idioms, Path "/" and joinpath, str() of a path, os.environ.get default', () => {
  const params = paramsOf(`HERE = os.path.dirname(os.path.realpath(__file__))
BASE = Path(__file__).parent
KubernetesPodOperator(task_id="k",
    pod_template_file=os.path.join(HERE, "templates", "pod.yaml"),
    config_file=str(BASE / ".." / "kube" / "config"),
    namespace=os.environ.get("SPARK_NS", "spark"),
    cluster_context=os.getenv("CTX", "kind-" + BASE.name),
    image=str(BASE.joinpath("img", "x.txt").parent))
`);
  assert.equal(params.pod_template_file, '/opt/airflow/dags/spark/templates/pod.yaml');
  assert.equal(params.config_file, '/opt/airflow/dags/spark/../kube/config');
  assert.equal(params.namespace, 'spark');
  assert.equal(params.cluster_context, 'kind-spark');
  assert.equal(params.image, '/opt/airflow/dags/spark/img');
});

test('what needs the worker (its environment without a default, its cwd) stays unknown', () => {
  const scan = scanDag(parser, `${HEADER}KubernetesPodOperator(task_id="k", namespace=os.environ.get("NS"), pod_template_file=os.path.abspath("rel.yaml"))\n`, { file: '/d/x.py' });
  const notes = scan.tasks[0]!.unevaluated.map((u) => u.name).sort();
  assert.deepEqual(notes, ['namespace', 'pod_template_file']);
});

test('posixpath semantics', () => {
  assert.equal(joinPosix('a', '/b', 'c'), '/b/c');
  assert.equal(normPosix('/a/./b/../c//d/'), '/a/c/d');
  assert.equal(dirnamePosix('/a/b/'), '/a/b');
  assert.equal(dirnamePosix('file.py'), '');
});
