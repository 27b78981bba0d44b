/** The YAML and JSON snippets expand (with their default values) to templates the engine accepts without errors. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateTemplate } from './index.js';
import { testValidators } from '../../test/harness/templates/validators.js';
import { expandSnippet, fragmentSnippets, loadSnippets as load } from '../../test/harness/templates/snippets.js';

test('every snippet has a kt- prefix, a description, and expands without leftover placeholders', () => {
  for (const file of ['yaml.json', 'json.json', 'python.json'] as const) {
    for (const [name, snippet] of load(file)) {
      assert.match(snippet.prefix, /^kt-[a-z0-9-]+$/, name);
      assert.ok(snippet.description.length > 10, name);
      assert.doesNotMatch(expandSnippet(snippet.body), /\$\{|\$\d/, name);
    }
  }
});

test('YAML and JSON template snippets expand to documents with no error diagnostics', () => {
  const whole = [...load('yaml.json'), ...load('json.json')].filter(([, s]) => !fragmentSnippets.includes(s.prefix));
  assert.ok(whole.length >= 7);
  for (const [name, snippet] of whole) {
    const result = validateTemplate(expandSnippet(snippet.body), { validators: testValidators,
      fileName: snippet.prefix.endsWith('json') ? 'snippet.json' : 'snippet.yaml' });
    assert.equal(result.claimed, true, name);
    assert.deepEqual(result.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.code} ${d.message}`), [], name);
  }
});

test('the provider docs\' operators each have a Python snippet, including Secret, callbacks and Kueue', () => {
  const bodies = load('python.json').map(([, s]) => s.body.join('\n'));
  for (const word of ['KubernetesPodOperator(', 'SparkKubernetesOperator(', 'KubernetesJobOperator(', 'KubernetesDeleteJobOperator(',
    'KubernetesPatchJobOperator(', 'KubernetesInstallKueueOperator(', 'KubernetesStartKueueJobOperator(', 'Secret(',
    'KubernetesPodOperatorCallback', '.dry_run()', 'do_xcom_push=True', 'deferrable=True', 'image_pull_secrets=']) {
    assert.ok(bodies.some((b) => b.includes(word)), word);
  }
});
