import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderTemplate } from './render-template.js';

const conf = { image: 'busybox:1.36', env: { A: '1' }, list: [1, 2], empty: [] };
const render = (template: string, native = false) => renderTemplate(template, { context: { dag_run: { conf: structuredClone(conf) } }, native });
const value = (template: string, native = false) => {
  const result = render(template, native);
  assert.ok(result.ok, `${template}: ${JSON.stringify(!result.ok && result.error)}`);
  return result.value;
};

test('StrictUndefined: a missing name or key raises with Jinja2\'s message, located', () => {
  assert.deepEqual(render('a\n  {{ missing }}'), { ok: false, error: { type: 'UndefinedError', message: "'missing' is undefined", line: 2, column: 3 } });
  const key = render("{{ dag_run.conf['nope'] }}");
  assert.equal(!key.ok && key.error.message, "'dict object' has no attribute 'nope'");
  assert.equal(!render('{% if dag_run.conf.nope %}x{% endif %}').ok, true);
});

test('default, "is defined" and dict.get work on what is missing', () => {
  assert.equal(value("{{ missing | default('d') }} {{ missing is defined }} {{ dag_run.conf.get('nope', 'fb') }}"), 'd False fb');
});

test('Python semantics: truthiness of empty containers, str() of values, int vs float division', () => {
  assert.equal(value("{{ 'y' if dag_run.conf.empty else 'n' }} {{ 'y' if {} else 'n' }}"), 'n n');
  assert.equal(value('{{ dag_run.conf.env }} {{ [1, none, true] }} {{ 4 / 2 }} {{ 7 // 2 }} {{ 2.0 }}'), "{'A': '1'} [1, None, True] 2.0 3 2.0");
});

test('string and dict methods behave as in Python', () => {
  assert.equal(value("{{ ' a b '.split() }} {{ 'x-y'.replace('-', '_').upper() }} {{ '{}={k}'.format(1, k=2) }} {{ '%05.1f' % 3.14159 }}"), "['a', 'b'] X_Y 1=2 003.1");
  assert.equal(value('{% for k, v in dag_run.conf.env.items() %}{{ k }}:{{ v }}{% endfor %}'), 'A:1');
});

test('syntax errors and unknown filters fail at Jinja\'s line', () => {
  const syntax = render('ok\n{{ 1 + }}');
  assert.equal(!syntax.ok && syntax.error.type, 'TemplateSyntaxError');
  assert.equal(!syntax.ok && syntax.error.line, 2);
  const filter = render('{% if false %}{{ x | nope }}{% endif %}');
  assert.equal(!filter.ok && filter.error.message, "No filter named 'nope'.");
});

test('behaviours KubeTasks does not reproduce are reported as Unsupported, never guessed', () => {
  const include = render("{% include 'other.j2' %}");
  assert.equal(!include.ok && include.error.type, 'Unsupported');
  const method = render("{{ 'abc'.center(9) }}");
  assert.equal(!method.ok && method.error.type, 'Unsupported');
});

test('one trailing newline is dropped (keep_trailing_newline=False), {% do %} works', () => {
  assert.equal(value('line\n'), 'line');
  assert.equal(value('{% do dag_run.conf.list.append(3) %}{{ dag_run.conf.list }}'), '[1, 2, 3]');
});

test('native mode returns Python values as NativeEnvironment does', () => {
  assert.deepEqual(value("{{ dag_run.conf['env'] }}", true), { A: '1' });
  assert.equal(value("{{ '5' }}", true), 5);
  assert.equal(value("x{{ '5' }}", true), 'x5');
});
