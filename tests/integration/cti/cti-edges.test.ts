import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallDesk, type CallDesk } from '../../../src/main/core/calls/call-desk';
import { startCtiBridge, type CtiBridge } from '../../../src/main/core/cti/cti-bridge';
import { connectWebSocket } from '../../fixtures/ws-test-client';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'koe-cti-edges-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function post(bridge: CtiBridge, body: unknown) {
  const response = await fetch(`${bridge.url}/v1/call-events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bridge.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    json: (await response.json()) as {
      call: { state: string; e164: string | null };
      error: { code: string; message: string };
    },
  };
}

describe('the caller number (ani) at the edges', () => {
  let bridge: CtiBridge;
  let desk: CallDesk;
  beforeAll(async () => {
    desk = createCallDesk();
    bridge = await startCtiBridge({ dataDir: tempDir(), port: 0, desk, log: () => {} });
  });
  afterAll(() => bridge.close());

  it.each([['abc'], ['📞'], ['call me'], ['sip:alice@example.com'], ['+']])(
    'refuses %j with 400 invalid_message, and nothing rings',
    async (ani) => {
      const answer = await post(bridge, { event: 'ringing', callId: 'bad-1', ani });
      expect(answer.status).toBe(400);
      expect(answer.json.error.code).toBe('invalid_message');
      expect(answer.json.error.message).toContain('ani is not a phone number');
      expect(desk.current()).toBeNull();
    },
  );

  it('refuses it over the WebSocket too, and the connection stays open', async () => {
    const outcome = await connectWebSocket(bridge.wsUrl, {
      Authorization: `Bearer ${bridge.token}`,
    });
    if (!outcome.ok) throw new Error(`Upgrade refused: ${outcome.status}`);
    expect(await outcome.ws.nextJson()).toMatchObject({ type: 'welcome' });
    outcome.ws.sendText(JSON.stringify({ event: 'ringing', callId: 'ws-1', ani: 'abc' }));
    expect(await outcome.ws.nextJson()).toMatchObject({
      type: 'error',
      error: { code: 'invalid_message' },
    });
    outcome.ws.destroy();
    expect(desk.current()).toBeNull();
  });

  it.each([
    [''],
    ['anonymous'],
    ['Anonymous'],
    ['非通知'],
    ['公衆電話'],
    ['通知不可能'],
    ['private'],
  ])('rings a withheld number (%j) as an unknown caller', async (ani) => {
    const callId = `withheld-${encodeURIComponent(ani)}`;
    const rang = await post(bridge, { event: 'ringing', callId, ani });
    expect(rang.status).toBe(202);
    expect(rang.json.call).toMatchObject({ state: 'ringing', e164: null });
    expect((await post(bridge, { event: 'ended', callId })).json.call.state).toBe('missed');
  });

  it.each([
    ['090ー1234ー5678', 'dash-1'],
    ['０９０−１２３４−５６７８', 'dash-2'],
    ['090–1234–5678', 'dash-3'],
  ])(
    'reads %j (dash look-alikes, full-width digits) as the number it spells',
    async (ani, callId) => {
      const rang = await post(bridge, { event: 'ringing', callId, ani });
      expect(rang.status, JSON.stringify(rang.json)).toBe(202);
      expect(rang.json.call.e164).toBe('+819012345678');
      await post(bridge, { event: 'ended', callId });
    },
  );
});

/** A program holding a loopback port, as another user's Koe on a shared host would. */
async function squat(port = 0): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return { port: (server.address() as { port: number }).port, server };
}
const release = (s: { server: Server }) => new Promise((resolve) => s.server.close(resolve));

describe('the CTI port is stable per install', () => {
  it('keeps the port chosen at the first start, and never moves for good', async () => {
    const dataDir = tempDir();
    const desk = createCallDesk();
    const logged: string[] = [];
    const start = () =>
      startCtiBridge({
        dataDir,
        desk,
        installDefaultPort: other.port,
        log: (message) => logged.push(message),
      });
    const kept = () => Number(readFileSync(join(dataDir, 'cti-port'), 'utf8'));
    // The default port belongs to someone else (another user's Koe) at the first start.
    const other = await squat();
    try {
      const first = await start();
      const chosen = first.port;
      expect(chosen).not.toBe(other.port);
      expect(first.wantedPort).toBeNull();
      expect(kept()).toBe(chosen);
      await first.close();

      // Every later start: the same port, though the default is still taken.
      const second = await start();
      expect(second.port).toBe(chosen);
      expect(second.wantedPort).toBeNull();
      await second.close();

      // The kept port is taken at a start: Koe says so, listens elsewhere for this run only.
      const thief = await squat(chosen);
      const third = await start();
      try {
        expect(third.port).not.toBe(chosen);
        expect(third.wantedPort).toBe(chosen);
        expect(kept()).toBe(chosen);
        expect(logged.at(-1)).toContain(`CTI port ${chosen} is taken by another program`);
        // It still works on the temporary port.
        const rang = await post(third, { event: 'ringing', callId: 'p-1', ani: '0312345678' });
        expect(rang.status).toBe(202);
      } finally {
        await third.close();
        await release(thief);
      }

      // Once the port is free again, the next start is back on it.
      const fourth = await start();
      expect(fourth.port).toBe(chosen);
      expect(fourth.wantedPort).toBeNull();
      await fourth.close();
    } finally {
      await release(other);
    }
  });

  it('takes the default port at the first start when it is free, and keeps it', async () => {
    const dataDir = tempDir();
    const free = await squat();
    await release(free);
    const bridge = await startCtiBridge({
      dataDir,
      desk: createCallDesk(),
      installDefaultPort: free.port,
      log: () => {},
    });
    try {
      expect(bridge.port).toBe(free.port);
      expect(readFileSync(join(dataDir, 'cti-port'), 'utf8')).toBe(`${free.port}\n`);
    } finally {
      await bridge.close();
    }
  });
});
