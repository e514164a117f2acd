import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallDesk, type CallDesk } from '../../../src/main/core/calls/call-desk';
import { startCtiBridge, type CtiBridge } from '../../../src/main/core/cti/cti-bridge';
import { CLOSE, OPCODE } from '../../../src/main/core/cti/websocket';
import { connectWebSocket, type TestWebSocket } from '../../fixtures/ws-test-client';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: Record<string, unknown> & { error?: { code: string; message: string } };
}

let dataDir: string;
let bridge: CtiBridge;
let desk: CallDesk;
const opened: TestWebSocket[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'koe-cti-'));
  desk = createCallDesk();
  bridge = await startCtiBridge({ dataDir, port: 0, desk, log: () => {}, heartbeatMs: 150 });
});

afterAll(async () => {
  for (const ws of opened) ws.destroy();
  await bridge.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function http(
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string>; token?: string | null } = {},
): Promise<Answer> {
  const token = options.token === undefined ? bridge.token : options.token;
  return new Promise((resolve, reject) => {
    const req = request(`${bridge.url}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...options.headers,
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          json: text ? (JSON.parse(text) as Answer['json']) : {},
        }),
      );
    });
    req.end(options.body);
  });
}

const post = (body: unknown, options: Parameters<typeof http>[2] = {}) =>
  http('POST', '/v1/call-events', { body: JSON.stringify(body), ...options });

/**
 * A WebSocket client past the handshake and the welcome: the token in the Authorization header,
 * or (`tokenIn: 'message'`, clients that cannot set headers) as the first message.
 */
async function openWs(
  options: { autoPong?: boolean; tokenIn?: 'header' | 'message' } = {},
): Promise<TestWebSocket> {
  const byMessage = options.tokenIn === 'message';
  const outcome = await connectWebSocket(
    bridge.wsUrl,
    byMessage ? {} : { Authorization: `Bearer ${bridge.token}` },
    options,
  );
  if (!outcome.ok) throw new Error(`Upgrade refused: ${outcome.status} ${outcome.body}`);
  opened.push(outcome.ws);
  if (byMessage) outcome.ws.sendJson({ type: 'auth', token: bridge.token });
  const welcome = await outcome.ws.nextJson();
  expect(welcome).toMatchObject({ type: 'welcome', protocol: 1 });
  return outcome.ws;
}

/** Ends whatever a test left on the desk, so the next one starts with a free line. */
function clearDesk() {
  const current = desk.current();
  if (!current) return;
  desk.apply({ type: 'ended', callId: current.callId });
  if (desk.get(current.callId)?.state === 'wrap_up') {
    desk.apply({ type: 'wrapUpSaved', callId: current.callId });
  }
  clearDesk();
}

describe('CTI bridge over HTTP', () => {
  it('listens on loopback and exposes its URLs and token', () => {
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}`);
    expect(bridge.wsUrl).toBe(`ws://127.0.0.1:${bridge.port}/v1/ws`);
    expect(bridge.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('moves the desk through ringing → answered → ended and answers 202 with the call', async () => {
    const ring = await post({ event: 'ringing', callId: 'h-1', ani: '090-1234-5678' });
    expect(ring.status).toBe(202);
    expect(ring.headers['cache-control']).toBe('no-store');
    expect(ring.headers['access-control-allow-origin']).toBeUndefined();
    expect(ring.json).toMatchObject({
      call: { callId: 'h-1', state: 'ringing', e164: '+819012345678', origin: 'cti' },
    });
    expect(desk.isCallActive()).toBe(true);

    expect((await http('GET', '/v1/call')).json).toMatchObject({ call: { callId: 'h-1' } });
    expect((await post({ event: 'answered', callId: 'h-1' })).json).toMatchObject({
      call: { state: 'in_call' },
    });
    // A retry of the same event: accepted, nothing changes.
    expect(await post({ event: 'answered', callId: 'h-1' })).toMatchObject({
      status: 202,
      json: { call: { state: 'in_call' } },
    });
    expect((await post({ event: 'ended', callId: 'h-1' })).json).toMatchObject({
      call: { state: 'wrap_up' },
    });
    expect(desk.current()).toMatchObject({ callId: 'h-1', state: 'wrap_up' });
    clearDesk();
  });

  it('answers 409 when the desk refuses the event', async () => {
    expect(await post({ event: 'answered', callId: 'never-rang' })).toMatchObject({
      status: 409,
      json: { error: { code: 'unknown_call' } },
    });
    await post({ event: 'ringing', callId: 'h-2', ani: '0312345678' });
    expect(await post({ event: 'ringing', callId: 'h-3', ani: '0312345679' })).toMatchObject({
      status: 409,
      json: { error: { code: 'busy' } },
    });
    clearDesk();
  });

  it('refuses a missing or wrong token with 401', async () => {
    for (const token of [null, 'wrong', `${bridge.token}x`]) {
      const answer = await post({ event: 'ended', callId: 'x' }, { token });
      expect(answer.status).toBe(401);
      expect(answer.json.error?.code).toBe('unauthorized');
      expect(answer.headers['www-authenticate']).toContain('Bearer');
    }
    // A token in the URL is never taken (logs and proxies keep URLs).
    expect((await http('GET', `/v1/call?token=${bridge.token}`, { token: null })).status).toBe(401);
  });

  it('answers 400 with a clear error for bad JSON or a wrong shape', async () => {
    const bad = await http('POST', '/v1/call-events', { body: '{"event":' });
    expect(bad).toMatchObject({ status: 400, json: { error: { code: 'invalid_json' } } });
    const shape = await post({ event: 'ringing', callId: 'h-4' });
    expect(shape).toMatchObject({ status: 400, json: { error: { code: 'invalid_message' } } });
    expect(shape.json.error?.message).toContain('ani');
    const unknown = await post({ event: 'transfer', callId: 'h-4' });
    expect(unknown.json.error?.message).toContain('"ringing", "answered" or "ended"');
    expect(desk.get('h-4')).toBeNull();
  });

  it('refuses other content types, oversized bodies, other paths and methods', async () => {
    const form = await http('POST', '/v1/call-events', {
      body: 'event=ended',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(form).toMatchObject({
      status: 415,
      json: { error: { code: 'unsupported_media_type' } },
    });
    const big = await post({ event: 'ended', callId: 'x', pad: 'x'.repeat(20_000) });
    expect(big).toMatchObject({ status: 413, json: { error: { code: 'body_too_large' } } });
    expect((await http('GET', '/v1/nothing')).status).toBe(404);
    expect((await http('GET', '/v1/call-events')).status).toBe(405);
    expect((await http('GET', '/v1/ws')).status).toBe(426);
  });

  it('refuses a non-loopback Host (DNS rebinding) with 421', async () => {
    for (const host of ['evil.example', `evil.example:${bridge.port}`, '127.0.0.1:1', '10.0.0.1']) {
      const answer = await post({ event: 'ended', callId: 'x' }, { headers: { Host: host } });
      expect(answer, host).toMatchObject({
        status: 421,
        json: { error: { code: 'misdirected_host' } },
      });
    }
    const local = await http('GET', '/v1/call', { headers: { Host: `localhost:${bridge.port}` } });
    expect(local.status).toBe(200);
  });

  it('refuses any Origin with 403, "null" too (a sandboxed frame or file:// page)', async () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1:5173', 'file://', 'null']) {
      const answer = await post({ event: 'ended', callId: 'x' }, { headers: { Origin: origin } });
      expect(answer, origin).toMatchObject({
        status: 403,
        json: { error: { code: 'forbidden_origin' } },
      });
    }
    // A browser's CORS preflight is refused the same way.
    const preflight = await http('OPTIONS', '/v1/call-events', {
      token: null,
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect((await http('GET', '/v1/call')).status).toBe(200);
  });
});

describe('CTI bridge over WebSocket', () => {
  it('takes the token in the header or the first message, never in the URL', async () => {
    await openWs();
    await openWs({ tokenIn: 'message' });
    const bearer = { Authorization: `Bearer ${bridge.token}` };
    const wrong = await connectWebSocket(bridge.wsUrl, { Authorization: 'Bearer nope' });
    expect(wrong).toMatchObject({ ok: false, status: 401 });
    // Even the right token is refused in the URL: it would already sit in logs and history.
    for (const query of [`?token=${encodeURIComponent(bridge.token)}`, '?token=nope']) {
      const inUrl = await connectWebSocket(`${bridge.wsUrl}${query}`);
      expect(inUrl, query).toMatchObject({ ok: false, status: 401 });
      expect(inUrl.ok || inUrl.body).toContain('never in the URL');
    }
    for (const origin of ['https://evil.example', 'null']) {
      const refused = await connectWebSocket(bridge.wsUrl, { ...bearer, Origin: origin });
      expect(refused, origin).toMatchObject({ ok: false, status: 403 });
    }
    const host = await connectWebSocket(bridge.wsUrl, { ...bearer, Host: 'evil.example' });
    expect(host).toMatchObject({ ok: false, status: 421 });
    const version = await connectWebSocket(bridge.wsUrl, {
      ...bearer,
      'Sec-WebSocket-Version': '8',
    });
    expect(version).toMatchObject({ ok: false, status: 426 });
    const path = await connectWebSocket(`ws://127.0.0.1:${bridge.port}/v1/other`, bearer);
    expect(path).toMatchObject({ ok: false, status: 404 });
  });

  it('tells a client without the token nothing, and closes it at a wrong first message', async () => {
    const anonymous = await connectWebSocket(bridge.wsUrl);
    if (!anonymous.ok) throw new Error(`Upgrade refused: ${anonymous.status}`);
    opened.push(anonymous.ws);
    // A change on the desk while it has not presented the token: it must not hear of it.
    desk.apply({ type: 'ringing', callId: 'anon-1', ani: '0312345678' });
    anonymous.ws.sendJson({ type: 'auth', token: 'nope' });
    // The first thing it hears is the refusal: no welcome, no pushed call.
    expect(await anonymous.ws.nextJson()).toMatchObject({
      type: 'error',
      error: { code: 'unauthorized' },
    });
    expect(await anonymous.ws.next()).toMatchObject({
      kind: 'close',
      code: CLOSE.policyViolation,
    });
    expect(desk.get('anon-1')).toMatchObject({ state: 'ringing' });

    // A call event as the first message is refused the same way and changes nothing.
    const eager = await connectWebSocket(bridge.wsUrl);
    if (!eager.ok) throw new Error(`Upgrade refused: ${eager.status}`);
    opened.push(eager.ws);
    eager.ws.sendJson({ event: 'ended', callId: 'anon-1' });
    expect(await eager.ws.nextJson()).toMatchObject({ type: 'error' });
    expect(desk.get('anon-1')).toMatchObject({ state: 'ringing' });
    clearDesk();
  });

  it('closes a client that never sends its token', async () => {
    const quick = await startCtiBridge({
      dataDir,
      port: 0,
      desk,
      log: () => {},
      authTimeoutMs: 50,
    });
    try {
      const silent = await connectWebSocket(quick.wsUrl);
      if (!silent.ok) throw new Error(`Upgrade refused: ${silent.status}`);
      opened.push(silent.ws);
      expect(await silent.ws.next()).toMatchObject({ kind: 'close', code: CLOSE.policyViolation });
    } finally {
      await quick.close();
    }
  });

  it('takes a ringing message, answers it, and pushes the change to the other clients', async () => {
    const connector = await openWs();
    const watcher = await openWs();
    connector.sendJson({ event: 'ringing', callId: 'w-1', ani: '+81312345678', requestId: 'r1' });
    expect(await connector.nextJson()).toMatchObject({
      type: 'accepted',
      requestId: 'r1',
      call: { callId: 'w-1', state: 'ringing' },
    });
    expect(await watcher.nextJson()).toMatchObject({ type: 'call', call: { callId: 'w-1' } });
    expect(desk.current()?.callId).toBe('w-1');
    // Changes from elsewhere (here the agent's own desk) reach every client.
    desk.apply({ type: 'answered', callId: 'w-1' });
    for (const ws of [connector, watcher]) {
      expect(await ws.nextJson()).toMatchObject({ type: 'call', call: { state: 'in_call' } });
    }
    clearDesk();
  });

  it('answers a malformed message with an error and keeps the connection', async () => {
    const ws = await openWs();
    ws.sendText('not json');
    expect(await ws.nextJson()).toMatchObject({ type: 'error', error: { code: 'invalid_json' } });
    ws.sendJson({ event: 'ringing', callId: 'w-2' });
    expect(await ws.nextJson()).toMatchObject({
      type: 'error',
      error: { code: 'invalid_message', message: expect.stringContaining('ani') },
    });
    ws.sendJson({ event: 'answered', callId: 'w-unknown', requestId: 'r2' });
    expect(await ws.nextJson()).toMatchObject({
      type: 'error',
      requestId: 'r2',
      error: { code: 'unknown_call' },
    });
    // Still open: a fragmented valid message goes through.
    ws.sendFrame(OPCODE.text, '{"event":"ringing",', { fin: false });
    ws.sendFrame(OPCODE.continuation, '"callId":"w-2","ani":"0312345678"}');
    expect(await ws.nextJson()).toMatchObject({ type: 'accepted', call: { callId: 'w-2' } });
    clearDesk();
  });

  it('answers pings with pongs, and is pinged itself', async () => {
    const ws = await openWs({ autoPong: false });
    // A heartbeat may arrive before the answer; it is answered, or the server would (rightly)
    // drop this client at the next beat.
    const nextAnsweringPings = async () => {
      let frame = await ws.next();
      while (frame.kind === 'ping') {
        ws.sendFrame(OPCODE.pong, frame.data);
        frame = await ws.next();
      }
      return frame;
    };
    ws.sendFrame(OPCODE.ping, 'hello');
    expect(await nextAnsweringPings()).toEqual({ kind: 'pong', data: 'hello' });
    // The heartbeat (150 ms here) pings; answering keeps the connection through more beats.
    for (let beat = 0; beat < 3; beat++) {
      const ping = await ws.next(1000);
      expect(ping.kind).toBe('ping');
      ws.sendFrame(OPCODE.pong, ping.kind === 'ping' ? ping.data : '');
    }
    ws.sendJson({ event: 'ended', callId: 'nothing' });
    expect(await nextAnsweringPings()).toMatchObject({ kind: 'text', json: { type: 'error' } });
  });

  it('drops a client that stops answering pings', async () => {
    const ws = await openWs({ autoPong: false });
    await ws.ended; // never answers: dropped after one missed heartbeat
    expect(ws.socket.destroyed).toBe(true);
  });

  it('closes on protocol violations, and completes a clean close', async () => {
    const unmasked = await openWs();
    unmasked.sendFrame(OPCODE.text, '{}', { mask: false });
    expect(await unmasked.next()).toMatchObject({ kind: 'close', code: CLOSE.protocolError });
    await unmasked.ended;

    const binary = await openWs();
    binary.sendFrame(OPCODE.binary, Buffer.from([1, 2, 3]));
    expect(await binary.next()).toMatchObject({ kind: 'close', code: CLOSE.unsupportedData });

    const big = await openWs();
    big.sendText('x'.repeat(20_000));
    expect(await big.next()).toMatchObject({ kind: 'close', code: CLOSE.messageTooBig });

    const utf8 = await openWs();
    utf8.sendFrame(OPCODE.text, Buffer.from([0x7b, 0xff, 0x7d]));
    expect(await utf8.next()).toMatchObject({ kind: 'close', code: CLOSE.invalidPayload });

    const clean = await openWs();
    const code = Buffer.alloc(2);
    code.writeUInt16BE(CLOSE.normal);
    clean.sendFrame(OPCODE.close, code);
    expect(await clean.next()).toMatchObject({ kind: 'close', code: CLOSE.normal });
    await clean.ended;
  });

  it('carries a whole call from a fake softphone, through to the saved wrap-up', async () => {
    // Like a browser-style WebSocket client, which cannot set headers.
    const softphone = await openWs({ tokenIn: 'message' });
    const say = async (message: Record<string, unknown>) => {
      softphone.sendJson(message);
      return softphone.nextJson<{ type: string; call?: { state: string } }>();
    };
    expect((await say({ event: 'ringing', callId: 'sp-1', ani: '81312345678' })).call?.state).toBe(
      'ringing',
    );
    // The softphone also launches koe://call for the same caller: the same call, not a new one.
    expect(desk.startCall({ ani: '03-1234-5678', origin: 'link' })).toMatchObject({
      ok: true,
      changed: false,
      call: { callId: 'sp-1' },
    });
    expect((await say({ event: 'answered', callId: 'sp-1' })).call?.state).toBe('in_call');
    expect((await say({ event: 'ended', callId: 'sp-1' })).call?.state).toBe('wrap_up');
    expect(desk.isCallActive()).toBe(true);
    desk.apply({ type: 'wrapUpSaved', callId: 'sp-1' });
    // The connector hears the wrap-up was saved (e.g. to set the agent Ready again).
    expect(await softphone.nextJson()).toMatchObject({
      type: 'call',
      call: { callId: 'sp-1', state: 'done', afterCallWorkSeconds: expect.any(Number) },
    });
    expect(desk.isCallActive()).toBe(false);
  });
});

describe('CTI bridge port', () => {
  it('falls back to a free port when the preferred one is taken, keeping the same token', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const taken = (squatter.address() as AddressInfo).port;
    const second = await startCtiBridge({ dataDir, port: taken, desk, log: () => {} });
    try {
      expect(second.port).not.toBe(taken);
      expect(second.port).toBeGreaterThan(0);
      expect(second.token).toBe(bridge.token);
      // Quitting says goodbye to connected clients.
      const outcome = await connectWebSocket(second.wsUrl, {
        Authorization: `Bearer ${second.token}`,
      });
      if (!outcome.ok) throw new Error(`Upgrade refused: ${outcome.status}`);
      expect(await outcome.ws.nextJson()).toMatchObject({ type: 'welcome' });
      const closing = second.close();
      expect(await outcome.ws.next()).toMatchObject({ kind: 'close', code: CLOSE.goingAway });
      outcome.ws.destroy();
      await closing;
    } finally {
      await second.close().catch(() => {});
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});
