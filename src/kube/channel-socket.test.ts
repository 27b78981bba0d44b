import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeFrames, encodeFrame } from './channel-socket.js';

test('client frames are masked and decode back, for short, 16-bit and 64-bit lengths', () => {
  for (const size of [0, 5, 125, 126, 300, 65535, 70000]) {
    const payload = Buffer.alloc(size, 7);
    const frame = encodeFrame(2, payload);
    assert.equal((frame[1] ?? 0) & 0x80, 0x80, 'masked');
    const { frames, rest } = decodeFrames(frame);
    assert.equal(rest.length, 0);
    assert.equal(frames.length, 1);
    assert.deepEqual(frames[0]?.payload, payload, `size ${size}`);
    assert.equal(frames[0]?.opcode, 2);
  }
});

test('a frame split across reads waits for the rest', () => {
  const frame = Buffer.concat([encodeFrame(2, Buffer.from('hello')), encodeFrame(1, Buffer.from('x'))]);
  const first = decodeFrames(frame.subarray(0, 9));
  assert.equal(first.frames.length, 0);
  const second = decodeFrames(Buffer.concat([first.rest, frame.subarray(9)]));
  assert.deepEqual(second.frames.map((f) => f.payload.toString()), ['hello', 'x']);
});
