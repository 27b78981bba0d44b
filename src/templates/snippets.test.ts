/** The YAML and JSON snippets expand (with their default values) to templates the engine accepts without errors. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { validateTemplate } from './index.js';
import { repoRoot, testValidators } from '../../test/harness/templates/validators.js';

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

function load(name: string): [string, Snippet][] {
  return Object.entries(JSON.parse(fs.readFileSync(path.join(repoRoot, 'snippets', name), 'utf8')) as Record<string, Snippet>);
}

/** What VS Code inserts when the user accepts every default: ${1:x} → x, ${1|a,b|} → a, $0 → nothing. */
export function expandSnippet(body: readonly string[]): string {
  let text = body.join('\n');
  for (let i = 0; i < 5; i++) text = text.replace(/\$\{\d+:((?:[^{}\\]|\\.)*)\}/g, '$1');
  return text.replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1').replace(/\$\d+/g, '').replace(/\\([$}\\])/g, '$1');
}

test('every snippet has a kt- prefix, a description, and expands without leftover placeholders', () => {
  for (const file of ['yaml.json', 'json.json', 'python.json']) {
    for (const [name, snippet] of load(file)) {
      assert.match(snippet.prefix, /^kt-[a-z0-9-]+$/, name);
      assert.ok(snippet.description.length > 10, name);
      assert.doesNotMatch(expandSnippet(snippet.body), /\$\{|\$\d/, name);
    }
  }
});

test('YAML and JSON template snippets expand to documents with no error diagnostics', () => {
  const whole = [...load('yaml.json'), ...load('json.json')].filter(([, s]) => !['kt-kueue-label', 'kt-env-secret', 'kt-xcom-container'].includes(s.prefix));
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
