import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadPythonParser } from '../edge/index.js';
import { scanDag, type DagScan, type DagTask, type PythonParser } from './index.js';

let parser: PythonParser;
before(async () => {
  parser = await loadPythonParser();
});

const HEADER = `from airflow import DAG
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from kubernetes.client import models as k8s
`;

function scan(body: string): DagScan {
  return scanDag(parser, HEADER + body);
}

function only(result: DagScan): DagTask {
  assert.equal(result.tasks.length, 1, JSON.stringify(result.tasks.map((t) => t.taskId)));
  return result.tasks[0]!;
}

test('a call in a with DAG block: task_id, dag_id, literal params and the call position', () => {
  const task = only(scan('with DAG("d1") as dag:\n    k = KubernetesPodOperator(task_id="t", image="debian", cmds=["a", "b"], labels={"x": 1})\n'));
  assert.equal(task.taskId, 't');
  assert.equal(task.dagId, 'd1');
  assert.equal(task.operator, 'KubernetesPodOperator');
  assert.deepEqual(task.range.start, { line: 5, column: 9 });
  assert.deepEqual(task.params, { task_id: 't', image: 'debian', cmds: ['a', 'b'], labels: { $dict: { x: 1 } } });
  assert.deepEqual(task.unevaluated, []);
});

test('aliases and module attributes resolve to the operator', () => {
  const result = scanDag(parser, [
    'from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator as KPO',
    'from airflow.providers.cncf.kubernetes.operators import job',
    'import airflow.providers.cncf.kubernetes.operators.spark_kubernetes as spark',
    'a = KPO(task_id="a")',
    'b = job.KubernetesJobOperator(task_id="b")',
    'c = spark.SparkKubernetesOperator(task_id="c")',
    'KubernetesPodOperator(task_id="not-imported")',
  ].join('\n'));
  assert.deepEqual(result.tasks.map((t) => [t.taskId, t.kind]), [
    ['a', 'KubernetesPodOperator'],
    ['b', 'KubernetesJobOperator'],
    ['c', 'SparkKubernetesOperator'],
  ]);
});

test('names, concatenation, f-strings, % and .format with known parts', () => {
  const task = only(scan([
    'NS = "team"',
    'ENV = NS + "-prod"',
    'with DAG("d"):',
    '    KubernetesPodOperator(task_id=f"run_{ENV}", namespace=ENV, name="%s-%d" % (NS, 3), image="{}:{tag}".format("img", tag="1"))',
  ].join('\n')));
  assert.deepEqual(task.params, { task_id: 'run_team-prod', namespace: 'team-prod', name: 'team-3', image: 'img:1' });
});

test('k8s models become API objects, positional arguments bind in __init__ order, None fields drop', () => {
  const task = only(scan([
    'vm = k8s.V1VolumeMount(name="v", mount_path="/m", sub_path=None, read_only=True)',
    'KubernetesPodOperator(task_id="t", volume_mounts=[vm], image_pull_secrets=[k8s.V1LocalObjectReference("quay")],',
    '    container_resources=k8s.V1ResourceRequirements(requests={"cpu": 1, "memory": "200Mi"}))',
  ].join('\n')));
  assert.deepEqual(task.params['volume_mounts'], [{ $model: 'V1VolumeMount', mountPath: '/m', name: 'v', readOnly: true }]);
  assert.deepEqual(task.params['image_pull_secrets'], [{ $model: 'V1LocalObjectReference', name: 'quay' }]);
  assert.deepEqual(task.params['container_resources'], { $model: 'V1ResourceRequirements', requests: { cpu: 1, memory: '200Mi' } });
});

test('Secret keeps its constructor arguments', () => {
  const task = only(scan([
    'from airflow.providers.cncf.kubernetes.secret import Secret',
    'KubernetesPodOperator(task_id="t", secrets=[Secret("env", None, "s2"), Secret("volume", "/etc/x", "s", "k")])',
  ].join('\n')));
  assert.deepEqual(task.params['secrets'], [
    { deploy_type: 'env', deploy_target: null, secret: 's2' },
    { deploy_type: 'volume', deploy_target: '/etc/x', secret: 's', key: 'k' },
  ]);
});

test('an unevaluable argument is a located note and the other arguments still evaluate', () => {
  const task = only(scan('import os\nKubernetesPodOperator(task_id="t", image="x", namespace=os.environ["NS"])\n'));
  assert.deepEqual(task.params, { task_id: 't', image: 'x' });
  assert.equal(task.unevaluated.length, 1);
  assert.equal(task.unevaluated[0]!.name, 'namespace');
  assert.deepEqual([task.unevaluated[0]!.line, task.unevaluated[0]!.column], [5, 57]);
  assert.match(task.unevaluated[0]!.reason, /cannot be evaluated statically/);
});

test('callbacks are noted by name and not run; Jinja strings are kept', () => {
  const task = only(scan([
    'class MyCallback:',
    '    pass',
    'KubernetesPodOperator(task_id="t", arguments=["{{ ds }}"], callbacks=MyCallback)',
  ].join('\n')));
  assert.deepEqual(task.params['arguments'], ['{{ ds }}']);
  assert.equal(task.unevaluated[0]!.name, 'callbacks');
  assert.match(task.unevaluated[0]!.reason, /callbacks are noted, not run: MyCallback/);
});

test('loops over literal lists and comprehensions make one task each', () => {
  const result = scan([
    'with DAG("d"):',
    '    for region in ["eu", "us"]:',
    '        KubernetesPodOperator(task_id=f"run_{region}", arguments=[region])',
    '    more = [KubernetesPodOperator(task_id=f"n{i}") for i in range(2)]',
  ].join('\n'));
  assert.deepEqual(result.tasks.map((t) => t.taskId), ['run_eu', 'run_us', 'n0', 'n1']);
  assert.deepEqual(result.tasks[1]!.params['arguments'], ['us']);
});

test('dependencies: >>, <<, lists, chain and set_downstream', () => {
  const result = scanDag(parser, HEADER + [
    'from airflow.sdk import chain',
    'with DAG("d"):',
    '    a, b, c, d, e = [KubernetesPodOperator(task_id=x) for x in "abcde"]',
    '    a >> [b, c] >> d',
    '    e << d',
    '    chain(a, e)',
    '    b.set_downstream(e)',
  ].join('\n'));
  const byId = new Map(result.tasks.map((t) => [t.taskId, t]));
  assert.deepEqual(byId.get('a')!.downstream, ['b', 'c', 'e']);
  assert.deepEqual(byId.get('d')!.upstream, ['b', 'c']);
  assert.deepEqual(byId.get('e')!.upstream, ['a', 'b', 'd']);
});

test('XComArg references point at the upstream task and add the dependency', () => {
  const result = scanDag(parser, [
    'from airflow.providers.cncf.kubernetes.operators.job import KubernetesJobOperator, KubernetesDeleteJobOperator',
    'job = KubernetesJobOperator(task_id="job-task")',
    'delete = KubernetesDeleteJobOperator(task_id="delete", name=job.output["job_name"])',
  ].join('\n'));
  const del = result.tasks[1]!;
  assert.deepEqual(del.params['name'], { xcom: { task_id: 'job-task', key: 'job_name' } });
  assert.deepEqual(del.upstream, ['job-task']);
});

test('@dag functions, @task TaskFlow calls, default_args and task groups', () => {
  const result = scanDag(parser, HEADER + [
    'from airflow.sdk import dag, task, TaskGroup',
    'shared = {"namespace": "ns", "retries": 2}',
    '@dag(dag_id="flow", default_args=shared)',
    'def my_flow():',
    '    @task',
    '    def pick():',
    '        return "x"',
    '    picked = pick()',
    '    with TaskGroup("grp"):',
    '        k = KubernetesPodOperator(task_id="run", arguments=[picked])',
    'my_flow()',
  ].join('\n'));
  const task = only(result);
  assert.equal(task.taskId, 'grp.run');
  assert.equal(task.dagId, 'flow');
  assert.deepEqual(task.params['arguments'], [{ xcom: { task_id: 'pick', key: 'return_value' } }]);
  assert.deepEqual(task.defaultArgs, { namespace: 'ns', retries: 2 });
  assert.deepEqual(task.upstream, ['pick']);
});

test('factory functions run with their arguments; unknown if-branches are reported, not dropped', () => {
  const result = scan([
    'import os',
    'def make(name, image="busybox"):',
    '    return KubernetesPodOperator(task_id=name, image=image)',
    'with DAG("d"):',
    '    make("one")',
    '    make("two", image="alpine")',
    '    if os.environ.get("X"):',
    '        KubernetesPodOperator(task_id="maybe")',
  ].join('\n'));
  assert.deepEqual(result.tasks.map((t) => [t.taskId, t.params['image'], t.reached]), [
    ['one', 'busybox', true],
    ['two', 'alpine', true],
    ['maybe', undefined, false],
  ]);
  assert.match(result.tasks[2]!.unevaluated[0]!.reason, /not reached statically: the condition/);
});

test('Python import errors in model arguments are located problems', () => {
  const result = scan('KubernetesPodOperator(task_id="t", volumes=[k8s.V1Volume(nme="v")])\n');
  const codes = result.problems.map((p) => [p.code, p.message, p.start?.line]);
  assert.deepEqual(codes, [
    ['KT4701', "V1Volume() got an unexpected keyword argument 'nme'", 4],
    ['KT4702', 'V1Volume: invalid value for `name`, must not be `None`', 4],
  ]);
});

test('a syntax error is reported and the calls before it are still found', () => {
  const result = scan('KubernetesPodOperator(task_id="t")\nx = (\n');
  assert.equal(result.tasks[0]?.taskId, 't');
  assert.equal(result.problems[0]?.code, 'KT1701');
});

test('GKE and EKS variants render as their base operator and name their cluster arguments', () => {
  const task = only(scanDag(parser, [
    'from airflow.providers.google.cloud.operators.kubernetes_engine import GKEStartPodOperator',
    'GKEStartPodOperator(task_id="g", project_id="p", location="l", cluster_name="c", image="x")',
  ].join('\n')));
  assert.equal(task.operator, 'GKEStartPodOperator');
  assert.equal(task.kind, 'KubernetesPodOperator');
  assert.ok(task.variantParams.includes('cluster_name'));
});

test('dynamic task mapping and operator subclasses are found, with what is not evaluated said', () => {
  const result = scan([
    'class MyPod(KubernetesPodOperator):',
    '    pass',
    'with DAG("d"):',
    '    KubernetesPodOperator.partial(task_id="mapped", image="x").expand(arguments=[["a"], ["b"]])',
    '    MyPod(task_id="custom", image="y")',
  ].join('\n'));
  const [mapped, custom] = result.tasks;
  assert.deepEqual(mapped!.params, { task_id: 'mapped', image: 'x' });
  assert.deepEqual(mapped!.unevaluated.map((u) => u.name), ['expand', 'arguments']);
  assert.equal(custom!.operator, 'MyPod');
  assert.equal(custom!.kind, 'KubernetesPodOperator');
  assert.match(custom!.unevaluated[0]!.reason, /MyPod subclasses KubernetesPodOperator; its overrides are not evaluated/);
});

test('string literals: escapes, raw strings, implicit concatenation, f-string conversions and {{ }}', () => {
  const task = only(scan([
    'name = "it\'s"',
    String.raw`KubernetesPodOperator(task_id="t", cmds=["a\tb\x41\u00e9", r"\d+", "x" "y", f"{name!r}-{{ds}}"])`,
  ].join('\n')));
  assert.deepEqual(task.params['cmds'], ['a\tbAé', '\\d+', 'xy', `"it's"-{ds}`]);
});

test('columns count characters, so a non-ASCII line locates arguments where the editor shows them', () => {
  const task = only(scan('x = "é"; KubernetesPodOperator(task_id="t", image=y)\n'));
  assert.deepEqual(task.range.start, { line: 4, column: 10 });
  assert.equal(task.unevaluated[0]?.column, 51);
});

test('edge labels, cross_downstream and @task_group functions keep the dependencies Airflow records', () => {
  const result = scanDag(parser, HEADER + [
    'from airflow.sdk import task_group, cross_downstream, Label',
    'from airflow.providers.cncf.kubernetes.operators.pod import *',
    '@task_group',
    'def prepare():',
    '    first = KubernetesPodOperator(task_id="first")',
    '    first >> KubernetesPodOperator(task_id="second")',
    'with DAG("d"):',
    '    group = prepare()',
    '    a, b = KubernetesPodOperator(task_id="a"), KubernetesPodOperator(task_id="b")',
    '    group >> Label("when ready") >> a',
    '    cross_downstream([a], [b])',
    '    if "x" in ["x", "y"]:',
    '        KubernetesPodOperator(task_id="taken")',
    '    else:',
    '        KubernetesPodOperator(task_id="not_taken")',
  ].join('\n'));
  const byId = new Map(result.tasks.map((t) => [t.taskId, t]));
  assert.deepEqual(byId.get('a')!.upstream, ['prepare.second']);
  assert.deepEqual(byId.get('a')!.downstream, ['b']);
  assert.deepEqual(byId.get('prepare.first')!.downstream, ['prepare.second']);
  assert.equal(byId.get('taken')!.reached, true);
  assert.equal(byId.get('not_taken')!.reached, false);
  assert.match(byId.get('not_taken')!.unevaluated[0]!.reason, /not reached statically: the branch is not taken \("x" in \["x", "y"\] is true\)/);
});
