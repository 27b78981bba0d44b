import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { loadTaskFile, readBeside } from './index.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-edge-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('readBeside resolves against the naming file; an open document wins; unreadable is "does not exist"', () => {
  fs.mkdirSync(path.join(dir, 'templates'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'templates', 'pod.yaml'), 'on: disk\n');
  const taskFile = path.join(dir, 'a.task.yaml');
  assert.equal(readBeside(taskFile)('templates/pod.yaml'), 'on: disk\n');
  const overlay = (absolute: string) => (absolute === path.join(dir, 'templates', 'pod.yaml') ? 'unsaved: edit\n' : undefined);
  assert.equal(readBeside(taskFile, overlay)('templates/pod.yaml'), 'unsaved: edit\n');
  assert.equal(readBeside(taskFile, overlay)('missing.yaml'), undefined);
  assert.equal(readBeside(taskFile)('templates'), undefined, 'a folder is not a template file');
});

const HEADER = 'from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator\n';

test('one severity policy for DAG files: a Python error fails the file; an unnamed call is skipped with a warning', async () => {
  const dag = path.join(dir, 'etl.py');
  const broken = await loadTaskFile(`${HEADER}KubernetesPodOperator(task_id="a", image="x"\n`, dag);
  assert.equal(broken.ok, false);
  assert.ok(!broken.ok && broken.problems.every((p) => p.severity === 'error'));
  const text = `${HEADER}import random\nKubernetesPodOperator(task_id="a", image="x")\nKubernetesPodOperator(task_id=random.choice("xy"))\n`;
  const loaded = await loadTaskFile(text, dag);
  assert.ok(loaded.ok);
  assert.deepEqual(loaded.value.tasks.map((t) => [t.taskId, t.file]), [['a', dag]]);
  const skipped = loaded.value.warnings.find((w) => w.code === 'KT4710');
  assert.equal(skipped?.severity, 'warning');
  assert.equal(skipped?.start?.line, 4);
});

test('a task file goes to the task-file parser, whatever the scanner', async () => {
  const loaded = await loadTaskFile('operator: KubernetesPodOperator\ntask_id: t\n', path.join(dir, 'b.task.yaml'), () => {
    throw new Error('a task file is never scanned as Python');
  });
  assert.ok(loaded.ok);
  assert.deepEqual(loaded.value.tasks.map((t) => t.operator), ['KubernetesPodOperator']);
});
