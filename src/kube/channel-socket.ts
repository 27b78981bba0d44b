/**
 * The WebSocket that pods/exec speaks (RFC 6455 with the `v5.channel.k8s.io` / `v4.channel.k8s.io` subprotocols:
 * every binary message starts with a channel byte: 0 stdin, 1 stdout, 2 stderr, 3 status, 255 close-a-stream).
 * Our own small client over node:https instead of client-node's `Exec`, which resolves when the socket opens, never
 * calls back when it drops without a status, drops the Status body of a refused upgrade, and ends process.stdout on
 * a v5 close frame. Only what exec needs: binary messages, fragmentation, ping/pong and close.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import { errorFromResponse, KubeError } from './errors.js';
import type { QueryValue, Transport } from './transport.js';
import { toUrlPath } from './transport.js';

const wsGuid = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
export const channelProtocols = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

/** One masked client frame (RFC 6455 §5.2). */
export function encodeFrame(opcode: number, payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const len = payload.length;
  const header = len < 126 ? Buffer.from([0x80 | opcode, 0x80 | len]) : len < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (len >= 126 && len < 65536) {
    header.writeUInt8(0x80 | opcode, 0);
    header.writeUInt8(0x80 | 126, 1);
    header.writeUInt16BE(len, 2);
  } else if (len >= 65536) {
    header.writeUInt8(0x80 | opcode, 0);
    header.writeUInt8(0x80 | 127, 1);
    header.writeBigUInt64BE(BigInt(len), 2);
  }
  const body = Buffer.alloc(len);
  for (let i = 0; i < len; i++) body[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return Buffer.concat([header, mask, body]);
}

export interface Frame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
}

/** Parses whole frames off the front of `buf`; returns them and the unparsed rest. */
export function decodeFrames(buf: Buffer): { frames: Frame[]; rest: Buffer } {
  const frames: Frame[] = [];
  let off = 0;
  for (;;) {
    if (buf.length - off < 2) break;
    const b0 = buf.readUInt8(off);
    const b1 = buf.readUInt8(off + 1);
    let len = b1 & 0x7f;
    let p = off + 2;
    if (len === 126) {
      if (buf.length - p < 2) break;
      len = buf.readUInt16BE(p);
      p += 2;
    } else if (len === 127) {
      if (buf.length - p < 8) break;
      len = Number(buf.readBigUInt64BE(p));
      p += 8;
    }
    const masked = (b1 & 0x80) !== 0;
    const mask = masked ? buf.subarray(p, p + 4) : undefined;
    if (masked) p += 4;
    if (buf.length - p < len) break;
    const payload = Buffer.from(buf.subarray(p, p + len));
    if (mask) for (let i = 0; i < len; i++) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
    frames.push({ fin: (b0 & 0x80) !== 0, opcode: b0 & 0x0f, payload });
    off = p + len;
  }
  return { frames, rest: buf.subarray(off) };
}

export interface ChannelSocket {
  protocol: string;
  /** Sends one binary message on `channel`. */
  send(channel: number, data: Buffer): void;
  /** Sends a close frame and ends the socket. */
  close(): void;
  /** Drops the connection at once. */
  destroy(): void;
}

export interface ChannelHandlers {
  onMessage: (channel: number, data: Buffer) => void;
  /** The connection ended (after a close frame, or broken). */
  onClose: (error?: Error) => void;
}

function attach(socket: Duplex, head: Buffer, protocol: string, handlers: ChannelHandlers): ChannelSocket {
  let buf = head;
  let parts: Buffer[] = [];
  let closed = false;
  const write = (opcode: number, data: Buffer): void => {
    if (!socket.destroyed && socket.writable) socket.write(encodeFrame(opcode, data));
  };
  const finish = (error?: Error): void => {
    if (closed) return;
    closed = true;
    handlers.onClose(error);
  };
  const onData = (chunk: Buffer): void => {
    const { frames, rest } = decodeFrames(Buffer.concat([buf, chunk]));
    buf = rest;
    for (const f of frames) {
      if (f.opcode === 9) write(10, f.payload);
      else if (f.opcode === 8) {
        write(8, f.payload.subarray(0, 2));
        socket.end();
        finish();
      } else if (f.opcode === 0 || f.opcode === 1 || f.opcode === 2) {
        parts.push(f.payload);
        if (!f.fin) continue;
        const message = Buffer.concat(parts);
        parts = [];
        if (message.length > 0) handlers.onMessage(message.readUInt8(0), message.subarray(1));
      }
    }
  };
  socket.on('data', onData);
  socket.on('error', (e: Error) => finish(e));
  socket.on('close', () => finish());
  if (head.length > 0) queueMicrotask(() => onData(Buffer.alloc(0)));
  return {
    protocol,
    send: (channel, data) => write(2, Buffer.concat([Buffer.from([channel]), data])),
    close: () => {
      write(8, Buffer.from([0x03, 0xe8])); // 1000 normal closure
      socket.end();
    },
    destroy: () => socket.destroy(),
  };
}

/** Opens a channel WebSocket to `path`; a refused upgrade rejects with the server's Status as a KubeError. */
export async function openChannelSocket(transport: Transport, path: string, query: Record<string, QueryValue>, what: string, handlers: ChannelHandlers, signal?: AbortSignal): Promise<ChannelSocket> {
  const key = randomBytes(16).toString('base64');
  const opts = await transport.requestOptions('GET', {
    // the kubelet (go-restful) answers 406 to `Accept: application/json` on exec: ask for any representation
    Accept: '*/*',
    Connection: 'Upgrade',
    Upgrade: 'websocket',
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Key': key,
    'Sec-WebSocket-Protocol': channelProtocols.join(', '),
  });
  const url = new URL(transport.target.server.replace(/\/+$/, '') + toUrlPath(path, query));
  const request = url.protocol === 'http:' ? http.request : https.request;
  return new Promise((resolve, reject) => {
    // an upgraded socket leaves the pool: a one-off agent with the same TLS options
    const req = request(url, { ...opts, agent: false, signal });
    req.on('upgrade', (res, socket, head) => {
      const accept = createHash('sha1').update(key + wsGuid).digest('base64');
      const protocol = String(res.headers['sec-websocket-protocol'] ?? '');
      if (res.headers['sec-websocket-accept'] !== accept || !channelProtocols.includes(protocol)) {
        socket.destroy();
        reject(new KubeError('ServerError', `${what}: the server answered the WebSocket upgrade with protocol "${protocol}", not one of ${channelProtocols.join(', ')}`, { cause: res.headers }));
        return;
      }
      resolve(attach(socket, head, protocol, handlers));
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => reject(errorFromResponse(what, res.statusCode ?? 0, text)));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
