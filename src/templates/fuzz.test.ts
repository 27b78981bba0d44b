/**
 * Fuzz: 10,000+ mutated templates (seeded, so failures reproduce). Every input must validate without throwing,
 * every diagnostic must lie inside the text, and every input built to exceed a limit must get that limit's code.
 * The per-input time bound only catches hangs; speed is measured in bench/validate.ts, not here.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { validateTemplate, type ParseLimits } from './index.js';
import { templateFixturesDir, testValidators } from '../../test/harness/templates/validators.js';

const limits: ParseLimits = { maxSizeChars: 20_000, maxDepth: 40, maxNodes: 3_000, maxAliases: 30, maxDocuments: 8 };
const HANG_MS = 5_000;

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function corpus(): string[] {
  const dirs = [templateFixturesDir, path.join(templateFixturesDir, 'good')];
  return dirs.flatMap((dir) => fs.readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8')));
}

const TOKENS = ['{', '}', '[', ']', ':', '- ', '&a ', '*a', '!!str ', '|', '>', '#', '"', "'", '\t', '\n', '---\n',
  '{{ x }}', '{% if %}', '<<: *a\n', '\u0000', '\uffff', '😀', '  ', '? ', '%YAML 1.2\n', 'null', '0x1F', '1e999'];

function mutate(text: string, next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  let out = text;
  const rounds = 1 + Math.floor(next() * 4);
  for (let i = 0; i < rounds; i++) {
    const at = Math.floor(next() * (out.length + 1));
    const op = Math.floor(next() * 6);
    if (op === 0) out = out.slice(0, at) + pick(TOKENS) + out.slice(at);
    else if (op === 1) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 20));
    else if (op === 2) out = out.slice(0, at) + String.fromCharCode(Math.floor(next() * 0x3000)) + out.slice(at + 1);
    else if (op === 3) out = out.slice(0, at);
    else if (op === 4) out = out.slice(0, at) + out.slice(Math.floor(next() * out.length), Math.floor(next() * out.length)) + out.slice(at);
    else {
      const lines = out.split('\n');
      const line = Math.floor(next() * lines.length);
      lines.splice(line, 0, lines[Math.floor(next() * lines.length)] ?? '');
      out = lines.join('\n');
    }
  }
  return out;
}

/** Inputs built to exceed exactly one limit, with the code that must appear. */
function limitCase(base: string, kind: number, next: () => number): [string, string] {
  const n = 1 + Math.floor(next() * 3);
  if (kind === 0) return [`${base}\n#${'x'.repeat(limits.maxSizeChars * n)}\n`, 'KT1002'];
  if (kind === 1) return [`${base}\nextra: ${'['.repeat(limits.maxDepth * 2 * n)}\n`, 'KT1006'];
  if (kind === 2) {
    let bomb = 'x0: &x0 [a, a, a, a, a, a, a, a]\n';
    for (let i = 1; i < 8; i++) bomb += `x${i}: &x${i} [${Array(8).fill(`*x${i - 1}`).join(', ')}]\n`;
    return [`apiVersion: v1\nkind: Pod\n${bomb}`, 'KT1004'];
  }
  if (kind === 3) return [`apiVersion: v1\nkind: Pod\nspec:\n  x: [${Array(limits.maxNodes + n).fill('1').join(',')}]\n`, 'KT1005'];
  return [`${'apiVersion: v1\nkind: Pod\n---\n'.repeat(limits.maxDocuments + n)}`, 'KT1005'];
}

function check(text: string, label: string): string[] {
  const started = Date.now();
  const result = validateTemplate(text, { fileName: 'fuzz.pod.yaml', validators: testValidators, limits });
  assert.ok(Date.now() - started < HANG_MS, `${label}: took ${Date.now() - started} ms`);
  for (const d of result.diagnostics) {
    assert.ok(d.startOffset >= 0 && d.startOffset <= d.endOffset && d.endOffset <= text.length, `${label}: ${d.code} range`);
    assert.ok(d.start.line >= 1 && d.start.column >= 1 && d.message.length > 0, `${label}: ${d.code} position`);
  }
  return result.diagnostics.map((d) => d.code);
}

test('10,000 mutated templates validate without throwing, with every diagnostic inside the text', () => {
  const next = random(20261203);
  const seeds = corpus();
  for (let i = 0; i < 10_000; i++) {
    const base = seeds[i % seeds.length]!;
    const input = mutate(base, next);
    assert.doesNotThrow(() => check(input, `input ${i}`), `input ${i}: ${JSON.stringify(input.slice(0, 200))}`);
  }
});

test('500 inputs past a limit each get that limit\'s diagnostic', () => {
  const next = random(41562);
  const seeds = corpus();
  for (let i = 0; i < 500; i++) {
    const [input, code] = limitCase(seeds[i % seeds.length]!, i % 5, next);
    assert.ok(check(input, `limit ${i}`).includes(code), `limit case ${i} (${code}) not reported`);
  }
});
