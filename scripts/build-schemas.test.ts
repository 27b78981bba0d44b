import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { buildSchemas, findStaleSchemas, schemasDir, toSchemaText } from './build-schemas.js';
import { listSchemaIds } from '../src/templates/index.js';

const built = buildSchemas();

test('the committed schemas/ are exactly what build-schemas generates from ../shared/data/k8s', () => {
  assert.deepEqual(findStaleSchemas(), [], 'run: node --import tsx scripts/build-schemas.ts');
  for (const [id, schema] of built) {
    assert.equal(fs.readFileSync(path.join(schemasDir, `${id}.schema.json`), 'utf8'), toSchemaText(schema), id);
  }
});

test('one schema per catalogued kind (task.schema.json comes from the renderer)', () => {
  assert.deepEqual([...built.keys()].sort(), listSchemaIds().filter((id) => id !== 'task').sort());
});

type Node = Record<string, unknown>;
const defs = (id: string) => built.get(id)!.definitions as Record<string, Node>;

test('Pod: strict objects, IntOrString and Quantity accept numbers, enums from the 1.28 overlay, pinned kind', () => {
  const pod = built.get('pod')!;
  const container = defs('pod')['io.k8s.api.core.v1.Container']!;
  assert.equal(container.additionalProperties, false);
  assert.deepEqual((defs('pod')['io.k8s.apimachinery.pkg.util.intstr.IntOrString'] as Node).anyOf,
    [{ type: 'string' }, { type: 'integer' }]);
  assert.deepEqual((defs('pod')['io.k8s.apimachinery.pkg.api.resource.Quantity'] as Node).anyOf,
    [{ type: 'string' }, { type: 'number' }]);
  assert.deepEqual(((container.properties as Node).imagePullPolicy as Node).enum, ['Always', 'IfNotPresent', 'Never']);
  assert.equal(((pod.properties as Node).kind as Node).const, 'Pod');
  assert.equal(JSON.stringify(pod).includes('x-kubernetes-'), false);
  assert.equal(JSON.stringify(pod).includes('"format"'), false);
});

test('CRDs keep preserve-unknown-fields objects open and type metadata as ObjectMeta', () => {
  const spark = built.get('spark-application')!;
  const props = spark.properties as Node;
  assert.equal(((props.apiVersion as Node).const), 'sparkoperator.k8s.io/v1beta2');
  assert.deepEqual(props.metadata, { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' });
  assert.equal(((props.spec as Node).additionalProperties), false);
  assert.equal((built.get('kueue-workload-v1beta1')!.properties as Node).apiVersion !== undefined, true);
});

test('the Airflow Spark-template schema: wrapper, kubernetes keys, container_resources, overwrite notes', () => {
  const wrapper = built.get('spark-template')!;
  const props = wrapper.properties as Node;
  assert.deepEqual(wrapper.required, ['spark']);
  const kubernetes = props.kubernetes as Node;
  assert.equal(Object.keys(kubernetes.properties as Node).length, 15);
  assert.match(String(kubernetes.description), /airflow#41562/);
  const spec = ((props.spark as Node).properties as Node).spec as Node;
  const driver = (spec.properties as Node).driver as Node;
  assert.ok((driver.properties as Node).container_resources);
  assert.match(String(((driver.properties as Node).env as Node).description), /^Airflow overwrites this value/);
  assert.equal(((props.spark as Node).required as string[]).includes('metadata'), false);
});
