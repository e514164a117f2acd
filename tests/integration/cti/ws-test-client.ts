import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Socket } from 'node:net';
import {
  OPCODE,
  decodeFrame,
  encodeFrame,
  websocketAccept,
} from '../../../src/main/core/cti/websocket';

/** What the server sent: a text message, a pong, or its close frame. */
export type ServerFrame =
  | { kind: 'text'; text: string; json: unknown }
  | { kind: 'pong'; data: string }
  | { kind: 'ping'; data: string }
  | { kind: 'close'; code: number | null; reason: string };

/**
 * A bare WebSocket client for tests (Node 20 has no global WebSocket): masks its frames as a
 * client must, and lets a test send broken ones on purpose.
 */
export interface TestWebSocket {
  sendText(text: string): void;
  sendJson(value: unknown): void;
  sendFrame(
    opcode: number,
    payload?: Buffer | string,
    options?: { fin?: boolean; mask?: boolean },
  ): void;
  /** The next frame from the server (in order). */
  next(timeoutMs?: number): Promise<ServerFrame>;
  /** The next text message, parsed. */
  nextJson<T = Record<string, unknown>>(timeoutMs?: number): Promise<T>;
  /** Resolves when the TCP connection ends. */
  ended: Promise<void>;
  socket: Socket;
  destroy(): void;
}

export type UpgradeOutcome =
  { ok: true; ws: TestWebSocket } | { ok: false; status: number; body: string };

export interface ConnectOptions {
  /** Answer server pings at once, like a real client (default), or leave them to the test. */
  autoPong?: boolean;
}

export function connectWebSocket(
  url: string,
  headers: Record<string, string> = {},
  options: ConnectOptions = {},
): Promise<UpgradeOutcome> {
  const key = randomBytes(16).toString('base64');
  return new Promise((resolve, reject) => {
    const req = request(url.replace(/^ws:/, 'http:'), {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': key,
        ...headers,
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ ok: false, status: res.statusCode ?? 0, body }));
    });
    req.on('upgrade', (res, socket, head) => {
      if (res.headers['sec-websocket-accept'] !== websocketAccept(key)) {
        reject(new Error('Bad Sec-WebSocket-Accept'));
        return;
      }
      resolve({ ok: true, ws: wrap(socket, head, options.autoPong ?? true) });
    });
    req.end();
  });
}

function wrap(socket: Socket, head: Buffer, autoPong: boolean): TestWebSocket {
  const frames: ServerFrame[] = [];
  const waiters: Array<(frame: ServerFrame) => void> = [];
  let buffer: Buffer = head;
  const push = (frame: ServerFrame) => {
    const waiter = waiters.shift();
    if (waiter) waiter(frame);
    else frames.push(frame);
  };
  const drain = () => {
    for (;;) {
      const result = decodeFrame(buffer, 1 << 20);
      if (!('frame' in result)) return;
      buffer = result.rest;
      const { opcode, payload, masked } = result.frame;
      if (masked) throw new Error('Server frames must not be masked');
      if (opcode === OPCODE.text) {
        const text = payload.toString('utf8');
        push({ kind: 'text', text, json: JSON.parse(text) as unknown });
      } else if (opcode === OPCODE.pong) push({ kind: 'pong', data: payload.toString() });
      else if (opcode === OPCODE.ping) {
        if (autoPong) socket.write(encodeFrame(OPCODE.pong, payload, { mask: randomBytes(4) }));
        else push({ kind: 'ping', data: payload.toString() });
      } else if (opcode === OPCODE.close) {
        push({
          kind: 'close',
          code: payload.length >= 2 ? payload.readUInt16BE(0) : null,
          reason: payload.subarray(2).toString('utf8'),
        });
      }
    }
  };
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    drain();
  });
  socket.on('error', () => {});
  const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  if (head.length) drain();

  const ws: TestWebSocket = {
    sendFrame(opcode, payload = Buffer.alloc(0), options = {}) {
      const mask = options.mask === false ? undefined : randomBytes(4);
      socket.write(
        encodeFrame(opcode, payload, { fin: options.fin ?? true, ...(mask ? { mask } : {}) }),
      );
    },
    sendText: (text) => ws.sendFrame(OPCODE.text, text),
    sendJson: (value) => ws.sendText(JSON.stringify(value)),
    next(timeoutMs = 2000) {
      const ready = frames.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('No frame from the server')), timeoutMs);
        waiters.push((frame) => {
          clearTimeout(timer);
          resolve(frame);
        });
      });
    },
    async nextJson<T>(timeoutMs?: number) {
      const frame = await ws.next(timeoutMs);
      if (frame.kind !== 'text') throw new Error(`Expected a text message, got ${frame.kind}`);
      return frame.json as T;
    },
    ended,
    socket,
    destroy: () => socket.destroy(),
  };
  return ws;
}
