import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { parseSimpleYaml } from './fast-yaml.js';
import { templateFixturesDir } from '../../test/harness/templates/validators.js';

/** Values and the [start, end] ranges the engine reads, for every node. */
function shape(node: unknown): unknown {
  if (isMap(node) || isSeq(node)) {
    return { range: node.range?.slice(0, 2), flow: node.flow === true,
      items: node.items.map((item) => (isPair(item) ? [shape(item.key), shape(item.value)] : shape(item))) };
  }
  return isScalar(node) ? { value: node.value, range: node.range?.slice(0, 2) } : String(node);
}

function library(text: string) {
  return parseAllDocuments(text, { uniqueKeys: false, merge: true, prettyErrors: false })[0]!;
}

test('block templates take the fast path and match the yaml library node for node, range for range', () => {
  const dirs = [path.join(templateFixturesDir, 'good'), templateFixturesDir];
  let fast = 0;
  for (const dir of dirs) {
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const doc = parseSimpleYaml(text);
      if (!doc) continue;
      fast++;
      assert.deepEqual(shape(doc.contents), shape(library(text).contents), name);
      assert.deepEqual(doc.range, library(text).range, name);
    }
  }
  assert.ok(fast >= 8, `${fast} fixtures took the fast path`);
});

test('scalars resolve as YAML 1.2 core does: null, booleans, numbers, quoted strings, comments', () => {
  const text = 'a: ~\nb: True\nc: -12\nd: 1.5\ne: "x: \\"y\\""\nf: \'it\'\'s\'\ng: 3.5.0 # version\nh:\ni: [1, "two"]\nj: {k: v}\n';
  const doc = parseSimpleYaml(text)!;
  assert.deepEqual(doc.toJS(), { a: null, b: true, c: -12, d: 1.5, e: 'x: "y"', f: "it's", g: '3.5.0', h: null,
    i: [1, 'two'], j: { k: 'v' } });
  assert.deepEqual(shape(doc.contents), shape(library(text).contents));
});

test('anything outside the subset falls back to the library', () => {
  for (const text of ['a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: |\n  text\n', 'a: >\n  text\n', 'a: 1\n---\nb: 2\n',
    'a: b: c\n', 'a: "multi\n  line"\n', 'a: plain\n  continued\n', '? complex\n: key\n', 'a:\n\t- x\n', 'a: 0x1F\n',
    'a: [1,\n  2]\n', '- - nested\n', 'a: [[1]]\n', 'a: 1\r\nb: 2\r\n', 'plain scalar\n', 'a: .inf\n', 'a: 1e3\n']) {
    assert.equal(parseSimpleYaml(text), undefined, JSON.stringify(text));
  }
});
