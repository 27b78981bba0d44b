import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addUniqueSuffix, createUniqueId, seededRandom, setName, slugify } from './naming.js';
import { OperatorError } from './operator-error.js';

const fixed = { alphanumeric: (n: number) => 'x'.repeat(n), uuid4: () => '00000000-0000-4000-8000-000000000000' };

test('slugify turns task ids into DNS-safe pod names as python-slugify does', () => {
  assert.equal(slugify('.hi.-_09HI'), 'hi-09hi');
  assert.equal(slugify('a_very_reasonable_task_name'), 'a-very-reasonable-task-name');
  assert.equal(slugify('My.Task__1'), 'my-task-1');
  assert.equal(slugify("it's 1,000 ok"), 'it-s-1000-ok');
});

test('a suffixed name keeps at most 54 characters and drops dashes or dots left at the cut', () => {
  assert.equal(addUniqueSuffix('pod-name-with-hyphen-', fixed), 'pod-name-with-hyphen-xxxxxxxx');
  assert.equal(addUniqueSuffix('pod-name-with-double-dot..', fixed), 'pod-name-with-double-dot-xxxxxxxx');
  const long = addUniqueSuffix('a'.repeat(253), fixed);
  assert.equal(long, `${'a'.repeat(54)}-xxxxxxxx`);
  assert.equal(long.length, 63);
});

test('a pod named after its task uses the slug, cut to the limit', () => {
  assert.equal(createUniqueId('.hi.-_09HI', { unique: false, maxLength: 63, random: fixed }), 'hi-09hi');
  assert.equal(createUniqueId('x'.repeat(80), { unique: true, maxLength: 59, random: fixed }), `${'x'.repeat(50)}-xxxxxxxx`);
});

test('names are validated and normalised at execute time', () => {
  assert.equal(setName('test_extra-123'), 'test-extra-123');
  assert.equal(setName('My.Pod_Name'), 'my-pod-name');
  assert.throws(() => setName('name@extra'), (error: unknown) => error instanceof OperatorError && /alphanumeric/.test(error.message));
  assert.throws(() => setName('a'.repeat(221)), /less than 220 characters/);
  assert.throws(() => setName('a..b'), /consecutive dots/);
});

test('a seeded random source repeats itself and draws from [a-z0-9]', () => {
  const a = seededRandom(7).alphanumeric(8);
  assert.equal(a, seededRandom(7).alphanumeric(8));
  assert.match(a, /^[a-z0-9]{8}$/);
  assert.match(seededRandom(7).uuid4(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});
