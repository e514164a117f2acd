import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * The server side of RFC 6455, as much as the CTI bridge needs: the handshake, text messages
 * (fragmented or not), ping/pong and the closing handshake. No extensions (no compression), no
 * subprotocols; binary messages are refused (1003). Clients must mask their frames (1002).
 */

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export const OPCODE = {
  continuation: 0x0,
  text: 0x1,
  binary: 0x2,
  close: 0x8,
  ping: 0x9,
  pong: 0xa,
} as const;

export const CLOSE = {
  normal: 1000,
  goingAway: 1001,
  protocolError: 1002,
  unsupportedData: 1003,
  invalidPayload: 1007,
  policyViolation: 1008,
  messageTooBig: 1009,
} as const;

/** Sec-WebSocket-Accept for a client's Sec-WebSocket-Key (RFC 6455 §4.2.2). */
export function websocketAccept(key: string): string {
  return createHash('sha1')
    .update(key + GUID)
    .digest('base64');
}

export type UpgradeCheck =
  { ok: true; key: string } | { ok: false; status: number; message: string };

/** The protocol half of the handshake checks (authentication is the bridge's business). */
export function checkUpgradeRequest(req: IncomingMessage): UpgradeCheck {
  if (req.method !== 'GET')
    return { ok: false, status: 405, message: 'The WebSocket handshake is a GET.' };
  const upgrade = String(req.headers.upgrade ?? '').toLowerCase();
  const connection = String(req.headers.connection ?? '').toLowerCase();
  if (upgrade !== 'websocket' || !connection.split(/\s*,\s*/).includes('upgrade')) {
    return { ok: false, status: 400, message: 'Expected a WebSocket upgrade.' };
  }
  if (req.headers['sec-websocket-version'] !== '13') {
    return { ok: false, status: 426, message: 'Only WebSocket version 13 is supported.' };
  }
  const key = req.headers['sec-websocket-key'];
  if (typeof key !== 'string' || Buffer.from(key, 'base64').length !== 16) {
    return { ok: false, status: 400, message: 'Sec-WebSocket-Key must be 16 bytes in base64.' };
  }
  return { ok: true, key };
}

/** One frame's bytes. Servers send unmasked frames; a client (tests) passes a 4-byte mask. */
export function encodeFrame(
  opcode: number,
  payload: Buffer | string = Buffer.alloc(0),
  options: { fin?: boolean; mask?: Buffer } = {},
): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const fin = options.fin ?? true;
  const mask = options.mask;
  let header: Buffer;
  if (data.length < 126) {
    header = Buffer.alloc(2);
    header[1] = data.length;
  } else if (data.length < 0x10000) {
    header = Buffer.alloc(4);
    header[1] = 126;
    header.writeUInt16BE(data.length, 2);
  } else {
    header = Buffer.alloc(10);
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(data.length), 2);
  }
  header[0] = (fin ? 0x80 : 0) | opcode;
  if (!mask) return Buffer.concat([header, data]);
  header[1] = (header[1] as number) | 0x80;
  const masked = Buffer.alloc(data.length);
  for (let i = 0; i < data.length; i++) {
    masked[i] = (data[i] as number) ^ (mask[i % 4] as number);
  }
  return Buffer.concat([header, mask, masked]);
}

export interface Frame {
  fin: boolean;
  opcode: number;
  masked: boolean;
  payload: Buffer;
}

export type FrameResult =
  | { frame: Frame; rest: Buffer }
  | { incomplete: true }
  | { error: { code: number; reason: string } };

/** Reads the first frame from `buffer` (unmasking it), or says what is missing or wrong. */
export function decodeFrame(buffer: Buffer, maxPayload: number): FrameResult {
  if (buffer.length < 2) return { incomplete: true };
  const b0 = buffer[0] as number;
  const b1 = buffer[1] as number;
  if (b0 & 0x70) return { error: { code: CLOSE.protocolError, reason: 'Reserved bits set' } };
  const fin = (b0 & 0x80) !== 0;
  const opcode = b0 & 0x0f;
  const masked = (b1 & 0x80) !== 0;
  let length = b1 & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return { incomplete: true };
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return { incomplete: true };
    const big = buffer.readBigUInt64BE(2);
    if (big > BigInt(maxPayload)) {
      return { error: { code: CLOSE.messageTooBig, reason: 'Message too big' } };
    }
    length = Number(big);
    offset = 10;
  }
  if (opcode >= 0x8 && (length > 125 || !fin)) {
    return { error: { code: CLOSE.protocolError, reason: 'Bad control frame' } };
  }
  if (length > maxPayload) {
    return { error: { code: CLOSE.messageTooBig, reason: 'Message too big' } };
  }
  const maskLength = masked ? 4 : 0;
  if (buffer.length < offset + maskLength + length) return { incomplete: true };
  const payload = Buffer.from(buffer.subarray(offset + maskLength, offset + maskLength + length));
  if (masked) {
    const mask = buffer.subarray(offset, offset + 4);
    for (let i = 0; i < payload.length; i++) {
      payload[i] = (payload[i] as number) ^ (mask[i % 4] as number);
    }
  }
  return {
    frame: { fin, opcode, masked, payload },
    rest: buffer.subarray(offset + maskLength + length),
  };
}

export interface WebSocketHandlers {
  onText(text: string): void;
  onClose?(code: number): void;
  onPong?(): void;
}

export interface WebSocketConnection {
  send(text: string): void;
  ping(data?: Buffer): void;
  /** Starts the closing handshake; the socket ends when the client answers (or after a delay). */
  close(code?: number, reason?: string): void;
  /** Drops the connection without a closing handshake. */
  terminate(): void;
  readonly isOpen: boolean;
}

export interface AcceptOptions {
  /** The largest message (after reassembly) a client may send. */
  maxMessageBytes: number;
  /** How long to wait for the client's close frame before dropping the socket. */
  closeTimeoutMs?: number;
}

/**
 * Completes a handshake that passed `checkUpgradeRequest` (and the caller's own checks) and
 * runs the connection.
 */
export function acceptWebSocket(
  key: string,
  socket: Duplex,
  head: Buffer,
  handlers: WebSocketHandlers,
  options: AcceptOptions,
): WebSocketConnection {
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\n' +
      'Upgrade: websocket\r\n' +
      'Connection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${websocketAccept(key)}\r\n\r\n`,
  );
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let buffer: Buffer = Buffer.alloc(0);
  let fragments: Buffer[] | null = null;
  let fragmentBytes = 0;
  let open = true;
  let closeSent = false;
  let closed = false;
  let closeTimer: NodeJS.Timeout | null = null;

  const write = (frame: Buffer) => {
    if (!socket.destroyed && socket.writable) socket.write(frame);
  };

  const closeTimeoutMs = options.closeTimeoutMs ?? 1000;

  /** The connection is over: flush what was written, end the socket, tell the owner once. */
  const finish = (code: number) => {
    if (closed) return;
    closed = true;
    open = false;
    if (closeTimer) clearTimeout(closeTimer);
    socket.end();
    const destroyTimer = setTimeout(() => socket.destroy(), closeTimeoutMs);
    destroyTimer.unref();
    socket.once('close', () => clearTimeout(destroyTimer));
    handlers.onClose?.(code);
  };

  const sendClose = (code: number, reason = '') => {
    if (closeSent) return;
    closeSent = true;
    open = false;
    const body = Buffer.alloc(2 + Buffer.byteLength(reason));
    body.writeUInt16BE(code, 0);
    body.write(reason, 2);
    write(encodeFrame(OPCODE.close, body.subarray(0, 125)));
  };

  /** A protocol violation: say why, and hang up without waiting for an answer. */
  const fail = (code: number, reason: string) => {
    sendClose(code, reason);
    finish(code);
  };

  const handle = (frame: Frame): boolean => {
    if (!frame.masked) {
      fail(CLOSE.protocolError, 'Client frames must be masked');
      return false;
    }
    // After our close frame, only the client's answering close frame matters.
    if (closeSent && frame.opcode !== OPCODE.close) return true;
    switch (frame.opcode) {
      case OPCODE.ping:
        write(encodeFrame(OPCODE.pong, frame.payload));
        return true;
      case OPCODE.pong:
        handlers.onPong?.();
        return true;
      case OPCODE.close: {
        const code = frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : CLOSE.normal;
        sendClose(code === 1005 || code === 1006 || code === 1015 ? CLOSE.normal : code);
        finish(code);
        return false;
      }
      case OPCODE.binary:
        fail(CLOSE.unsupportedData, 'Send JSON as text messages');
        return false;
      case OPCODE.text:
      case OPCODE.continuation: {
        if ((frame.opcode === OPCODE.text) === (fragments !== null)) {
          fail(CLOSE.protocolError, 'Unexpected continuation');
          return false;
        }
        fragments = [...(fragments ?? []), frame.payload];
        fragmentBytes += frame.payload.length;
        if (fragmentBytes > options.maxMessageBytes) {
          fail(CLOSE.messageTooBig, 'Message too big');
          return false;
        }
        if (!frame.fin) return true;
        const message = Buffer.concat(fragments);
        fragments = null;
        fragmentBytes = 0;
        let text: string;
        try {
          text = decoder.decode(message);
        } catch {
          fail(CLOSE.invalidPayload, 'Text must be UTF-8');
          return false;
        }
        handlers.onText(text);
        return true;
      }
      default:
        fail(CLOSE.protocolError, 'Unknown opcode');
        return false;
    }
  };

  const onData = (chunk: Buffer) => {
    if (closed) return;
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    for (;;) {
      const result = decodeFrame(buffer, options.maxMessageBytes);
      if ('incomplete' in result) return;
      if ('error' in result) {
        fail(result.error.code, result.error.reason);
        return;
      }
      buffer = result.rest;
      if (!handle(result.frame)) return;
    }
  };

  socket.on('data', onData);
  socket.on('error', () => finish(1006));
  socket.on('close', () => finish(1006));
  if (head.length) onData(head);

  return {
    send(text) {
      if (open) write(encodeFrame(OPCODE.text, text));
    },
    ping(data = randomBytes(4)) {
      if (open) write(encodeFrame(OPCODE.ping, data));
    },
    close(code = CLOSE.normal, reason = '') {
      if (closed || closeSent) return;
      sendClose(code, reason);
      closeTimer = setTimeout(() => finish(code), closeTimeoutMs);
      closeTimer.unref();
    },
    terminate() {
      finish(1006);
      socket.destroy();
    },
    get isOpen() {
      return open;
    },
  };
}
