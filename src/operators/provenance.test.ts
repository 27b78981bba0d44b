import assert from 'node:assert/strict';
import { test } from 'node:test';
import { locateFindings, toCheckFindings } from './check-findings.js';
import { seededRandom } from './naming.js';
import { buildProvenance, parseFieldPath, type FieldPath } from './provenance.js';
import { renderTask } from './render-task.js';
import { parseTaskFile } from './task-file.js';

/** Renders the one task of `text` and returns the line each rendered path is located at. */
function linesOf(text: string, files: Record<string, string> = {}) {
  const parsed = parseTaskFile(text, '/w/x.task.yaml');
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems));
  const task = parsed.value.tasks[0];
  assert.ok(task);
  const readFile = (name: string): string | undefined => files[name];
  const rendered = renderTask(task, { format: 'api', random: seededRandom(3), readFile });
  assert.ok(rendered.ok, JSON.stringify(!rendered.ok && rendered.problems));
  assert.ok(rendered.value.manifest.format === 'api' && rendered.value.manifest.output.kind === 'object');
  const body = rendered.value.manifest.output.body as Record<string, unknown>;
  const provenance = buildProvenance(task, body, { readFile, templatePath: (name) => `/w/${name}` });
  return {
    body,
    provenance,
    at: (path: FieldPath | string) => {
      const origin = provenance.originOf(typeof path === 'string' ? parseFieldPath(path) : path);
      return `${origin.file ?? 'task'}:${origin.range.start.line} ${origin.source}`;
    },
  };
}

const pod = `operator: KubernetesPodOperator
task_id: t
image: debian
container_resources:
  limits:
    cpu: "2"
priority_class_name: high
env_vars:
  A: "1"
  B: "2"
security_context: {runAsUser: 1000}
`;

test('a field a parameter wrote is located at that parameter, as deep as it was written', () => {
  const { at } = linesOf(pod);
  assert.equal(at('spec.containers[0].image'), 'task:3 image');
  assert.equal(at('spec.containers[0].resources.limits[cpu]'), 'task:6 container_resources');
  assert.equal(at('spec.containers[0].resources'), 'task:4 container_resources');
  assert.equal(at('spec.priorityClassName'), 'task:7 priority_class_name');
  assert.equal(at('spec.containers[0].env[1].value'), 'task:10 env_vars');
  assert.equal(at('spec.securityContext.runAsUser'), 'task:11 security_context');
});

test('a field no parameter or template wrote points at the operator: line', () => {
  const { at } = linesOf(pod);
  assert.equal(at('spec.restartPolicy'), 'task:1 operator');
  assert.equal(at('metadata.namespace'), 'task:1 operator');
  assert.equal(at([]), 'task:1 operator');
});

const template = `apiVersion: v1
kind: Pod
metadata:
  name: x
spec:
  containers:
    - name: base
      image: from-template
      resources:
        limits: {cpu: "1"}
    - name: sidecar
      image: busybox
`;

test('a field from pod_template_file is located in the template, containers by position as Airflow merges them', () => {
  const { at } = linesOf('operator: KubernetesPodOperator\ntask_id: t\nimage: debian\npod_template_file: pod.yaml\n', { 'pod.yaml': template });
  assert.equal(at('spec.containers[0].resources.limits.cpu'), '/w/pod.yaml:10 pod_template_file');
  assert.equal(at('spec.containers[1].image'), '/w/pod.yaml:12 pod_template_file');
  assert.equal(at('metadata.name'), '/w/pod.yaml:4 pod_template_file');
  // the operator's image replaces the template's: the parameter is where it came from
  assert.equal(at('spec.containers[0].image'), 'task:3 image');
  // a field below a container the template wrote, but not the field itself: the container
  assert.equal(at('spec.containers[1].securityContext'), '/w/pod.yaml:11 pod_template_file');
});

test('a Job: pod fields under spec.template, Job fields from their parameters', () => {
  const { at } = linesOf('operator: KubernetesJobOperator\ntask_id: j\nimage: debian\nbackoff_limit: 2\nservice_account_name: runner\n');
  assert.equal(at('spec.template.spec.containers[0].image'), 'task:3 image');
  assert.equal(at('spec.backoffLimit'), 'task:4 backoff_limit');
  assert.equal(at('spec.template.spec.serviceAccountName'), 'task:5 service_account_name');
});

const spark = `spark:
  apiVersion: sparkoperator.k8s.io/v1beta2
  kind: SparkApplication
  spec:
    type: Python
    driver:
      cores: one
      coreLimit: 1200m
    executor:
      cores: 1
kubernetes:
  env_vars: {}
  env_from: []
  volumes: []
  volume_mounts: []
  config_map_mounts: {}
  from_env_config_map: []
  from_env_secret: []
  image_pull_secrets: []
  affinity: {}
  tolerations: []
  node_selector: {}
`;

test('a SparkApplication field is located in application_file, under its spark: key', () => {
  const { at } = linesOf('operator: SparkKubernetesOperator\ntask_id: s\nimage: spark:3\napplication_file: app.yaml\n', { 'app.yaml': spark });
  assert.equal(at('spec.driver.cores'), '/w/app.yaml:7 application_file');
  assert.equal(at('spec.image'), 'task:3 image');
  assert.equal(at('apiVersion'), '/w/app.yaml:2 application_file');
});

test('server field paths parse, keys with dots in brackets included', () => {
  assert.deepEqual(parseFieldPath('spec.containers[0].image'), ['spec', 'containers', 0, 'image']);
  assert.deepEqual(parseFieldPath('metadata.labels[kueue.x-k8s.io/queue-name]'), ['metadata', 'labels', 'kueue.x-k8s.io/queue-name']);
});

test('admission refusals are read onto the field they are about', () => {
  const { body, provenance } = linesOf(pod);
  const located = (message: string, reason = 'Forbidden') =>
    locateFindings(toCheckFindings({ reason, message, causes: [] }, body), provenance).map((p) => `${p.code}@${p.start?.line}`);
  assert.deepEqual(located('pods "t-x" is forbidden: exceeded quota: q, requested: limits.cpu=2, used: limits.cpu=0, limited: limits.cpu=1'), ['KT5003@4']);
  assert.deepEqual(located('pods "t-x" is forbidden: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1'), ['KT5003@1']);
  assert.deepEqual(located('pods "t-x" is forbidden: no PriorityClass with name high was found'), ['KT5006@7']);
  assert.deepEqual(located('pods "t-x" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "base" must set securityContext.allowPrivilegeEscalation=false)'), ['KT5005@1']);
  assert.deepEqual(located('namespaces "nope" not found', 'NotFound'), ['KT5008@1']);
  const invalid = toCheckFindings({ reason: 'Invalid', message: 'Pod "t" is invalid', causes: [{ reason: 'FieldValueRequired', field: 'spec.containers[0].image', message: 'Required value' }] }, body);
  assert.deepEqual(locateFindings(invalid, provenance).map((p) => `${p.code}@${p.start?.line}: ${p.message}`), ['KT5001@3: the server refuses the Pod: spec.containers[0].image: Required value']);
});

test('a label the server refuses is traced through its value to the parameter that set it', () => {
  const { body, provenance } = linesOf('operator: KubernetesStartKueueJobOperator\ntask_id: k\nimage: debian\nsuspend: true\nqueue_name: "Bad!"\n');
  const message = 'Invalid value: "Bad!": a valid label must be an empty string or consist of alphanumeric characters';
  const refusal = { reason: 'Invalid', message: 'Job.batch "k" is invalid', causes: [{ field: 'metadata.labels', message }, { field: 'spec.template.labels', message }] };
  const located = locateFindings(toCheckFindings(refusal, body), provenance);
  assert.deepEqual(located.map((p) => `${p.code}@${p.start?.line}`), ['KT5001@5', 'KT5001@5']);
});

test('a field from an inline pod_template_dict is located at its line in the task file', () => {
  const { at } = linesOf(`operator: KubernetesPodOperator
task_id: t
image: debian
pod_template_dict:
  spec:
    priorityClassName: batch-low
    containers:
      - name: base
        resources:
          limits: {cpu: "4"}
`);
  assert.equal(at('spec.priorityClassName'), 'task:6 pod_template_dict');
  assert.equal(at('spec.containers[0].resources.limits.cpu'), 'task:10 pod_template_dict');
  assert.equal(at('spec.containers[0].image'), 'task:3 image');
});
