import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toApiBody } from './k8s-model.js';
import { KubeObject } from './py-value.js';
import { toPythonKwargs } from './python-kwargs.js';

test('a mapping written for a model is deserialised: dict[str, str] values become strings', () => {
  const kwargs = toPythonKwargs('KubernetesPodOperator', { container_resources: { requests: { cpu: 1 } } });
  assert.deepEqual(toApiBody(kwargs.container_resources ?? null), { requests: { cpu: '1' } });
});

test('a $model-marked mapping is the model as its constructor built it: values keep their type', () => {
  const kwargs = toPythonKwargs('KubernetesPodOperator', {
    container_resources: { $model: 'V1ResourceRequirements', requests: { cpu: 1 } },
    volumes: [{ $model: 'V1Volume', name: 'v', configMap: { $model: 'V1ConfigMapVolumeSource', defaultMode: 420 } }],
  });
  const resources = kwargs.container_resources;
  assert.ok(resources instanceof KubeObject);
  assert.equal(resources.type, 'V1ResourceRequirements');
  assert.deepEqual(resources.get('requests'), { cpu: 1 });
  const volume = (kwargs.volumes as KubeObject[])[0];
  assert.equal((volume?.get('config_map') as KubeObject).get('default_mode'), 420);
});

test('a plain dict inside a built model stays a dict, as Python keeps it', () => {
  const kwargs = toPythonKwargs('KubernetesPodOperator', {
    affinity: { $model: 'V1Affinity', nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } },
  });
  const affinity = kwargs.affinity as KubeObject;
  assert.deepEqual(affinity.get('node_affinity'), { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } });
});
