/** Task files are refused where Airflow's constructors refuse them, each value located (issue 9). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTaskConstruction, parseTaskFile, type TaskSpec } from './index.js';

function firstTask(text: string): TaskSpec {
  const parsed = parseTaskFile(text, 'x.task.yaml');
  assert.ok(parsed.ok);
  return parsed.value.tasks[0]!;
}

const lines = (task: TaskSpec): string[] =>
  checkTaskConstruction(task).map((p) => `${p.start?.line}:${p.start?.column} ${p.code} ${p.message.replace(/ \(raised when.*$/, '')}`);

test('every value a constructor refuses is one located KT3017, in Airflow\'s words and __init__ order', () => {
  const task = firstTask('operator: KubernetesPodOperator\ntask_id: "a b"\non_finish_action: delete_everything\n' +
    'on_kill_action: x\npool_slots: 0\ntrigger_rule: sometimes\n');
  assert.deepEqual(lines(task), [
    "2:1 KT3017 ValueError: The key 'a b' has to be made of alphanumeric characters, dashes, dots, and underscores exclusively",
    '5:1 KT3017 ValueError: pool slots for a_b cannot be less than 1',
    "6:1 KT3017 ValueError: The trigger_rule must be one of ['all_success', 'all_failed', 'all_done', " +
      "'all_done_min_one_success', 'all_done_setup_success', 'one_success', 'one_failed', 'one_done', 'none_failed', " +
      "'none_skipped', 'always', 'none_failed_min_one_success', 'all_skipped'],'.a_b'; received 'sometimes'.",
    "3:1 KT3017 ValueError: 'delete_everything' is not a valid OnFinishAction",
    "4:1 KT3017 ValueError: 'x' is not a valid OnKillAction",
  ]);
});

test('operator-specific checks: Kueue refuses suspend: false, a Secret needs a target for its key', () => {
  assert.deepEqual(lines(firstTask('operator: KubernetesStartKueueJobOperator\ntask_id: t\nqueue_name: q\nsuspend: false\n')), [
    "4:1 KT3017 AirflowException: The `suspend` parameter can't be False. If you want to use Kueue for running Job in a " +
      'Kubernetes cluster, set the `suspend` parameter to True.',
  ]);
  const secret = firstTask('operator: KubernetesPodOperator\ntask_id: t\nsecrets:\n  - {deploy_type: env, deploy_target: null, secret: s, key: k}\n');
  assert.deepEqual(lines(secret).map((l) => l.replace(/^\d+:\d+ /, '')), ['KT3017 AirflowConfigException: If `key` is set, `deploy_target` should not be None']);
});

test('what the constructors accept gives nothing, including execute-time problems and the store-only operators', () => {
  assert.deepEqual(lines(firstTask('operator: KubernetesPodOperator\ntask_id: t\nname: "bad@name"\non_finish_action: keep_pod\n')), []);
  assert.deepEqual(lines(firstTask('operator: KubernetesDeleteJobOperator\ntask_id: t\nname: j\nnamespace: n\ndelete_on_status: x\n')), []);
  // An unknown argument is Python's TypeError, which the parameter checks report (KT4002), not a constructor check.
  assert.deepEqual(lines(firstTask('operator: KubernetesPodOperator\ntask_id: t\non_finish_action: nope\nnot_a_param: 1\n')), []);
});
