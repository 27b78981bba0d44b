import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLogLine, ResumePoint, resumeSinceTime, stampKey } from './log-resume.js';

test('stamps sort as instants even when the kubelet trims trailing zeros', () => {
  const a = stampKey('2026-12-06T10:00:00.5Z');
  const b = stampKey('2026-12-06T10:00:00.123456789Z');
  assert.ok(a && b && a > b);
  assert.equal(stampKey('2026-12-06T11:00:00.1+01:00'), stampKey('2026-12-06T10:00:00.100Z'));
  assert.equal(stampKey('not-a-stamp'), undefined);
  assert.equal(resumeSinceTime('2026-12-06T10:00:07.999Z'), '2026-12-06T10:00:07Z');
});

test('a stamped line splits into stamp and text; an unstamped one keeps its text', () => {
  assert.deepEqual(parseLogLine('2026-12-06T10:00:00.1Z hello world', true), { timestamp: '2026-12-06T10:00:00.1Z', text: 'hello world' });
  assert.deepEqual(parseLogLine('hello world', true), { timestamp: undefined, text: 'hello world' });
  assert.deepEqual(parseLogLine('2026-12-06T10:00:00.1Z hi', false), { timestamp: undefined, text: '2026-12-06T10:00:00.1Z hi' });
});

test('a resumed stream skips what was delivered, including same-stamp lines, and keeps the rest', () => {
  const p = new ResumePoint();
  const s = (t: string) => `2026-12-06T10:00:0${t}Z`;
  for (const [ts, text] of [[s('1.1'), 'a'], [s('2.5'), 'b'], [s('2.5'), 'c']] as const) p.delivered({ timestamp: ts, text });
  assert.equal(p.resume(), '2026-12-06T10:00:02Z');
  const replay = [[s('2.1'), 'older in the same second'], [s('2.5'), 'b'], [s('2.5'), 'c'], [s('2.5'), 'd (same stamp, new)'], [s('3.0'), 'e'], [s('3.0'), 'e']] as const;
  const fresh = replay.filter(([ts, text]) => {
    const line = { timestamp: ts, text };
    if (p.seen(line)) return false;
    p.delivered(line);
    return true;
  });
  assert.deepEqual(fresh.map(([, t]) => t), ['d (same stamp, new)', 'e', 'e']);
});

test('a resume before any stamped line asks for no sinceTime and skips nothing', () => {
  const p = new ResumePoint();
  assert.equal(p.resume(), undefined);
  assert.equal(p.seen({ timestamp: '2026-12-06T10:00:00Z', text: 'x' }), false);
});
