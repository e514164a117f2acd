import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKoeCore, type KoeCore } from '../../../src/main/core/koe-core';
import { typescriptSyncWorkerEntry } from '../../../src/main/core/sync/sync-worker-host';
import type { AgentState } from '../../../src/shared/agent-state/agent-state';
import { session as sessionSchema, type Session } from '../../../src/shared/protocol/auth';
import { agentStateList } from '../../../src/shared/protocol/agent-state';
import { connectWebSocket, type TestWebSocket } from '../cti/ws-test-client';
import { startFaultProxy, type FaultProxy } from '../sync/fault-proxy';
import {
  call,
  PASSWORD,
  signIn,
  startTestServer,
  TENANTS,
  type TestServer,
} from '../server/test-server';

/**
 * The agent's state from the desk to the retailer and the softphone: the core as the app starts
 * it (sync worker, CTI bridge), a real retailer API on loopback (SQLite), and a proxy between
 * them that can take the network away. SQLite, or PostgreSQL when KOE_TEST_DATABASE_URL is set.
 */
const A = TENANTS[0]!;
const agentUser = A.users.find((u) => u.role === 'agent' && u.centerId === A.centers[0])!;

let server: TestServer;
let proxy: FaultProxy;
let core: KoeCore;
let dataDir: string;
let ws: TestWebSocket;

async function signInSession(url: string, email: string): Promise<Session> {
  const response = await fetch(`${url}/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  return sessionSchema.parse(await response.json());
}

/** The server's rows for the agent (current state and history), straight from its database. */
async function serverRows() {
  const current = await server.store.db
    .selectFrom('agent_states')
    .selectAll()
    .where('agent_id', '=', agentUser.id)
    .execute();
  const history = await server.store.db
    .selectFrom('agent_state_changes')
    .selectAll()
    .where('agent_id', '=', agentUser.id)
    .orderBy('id')
    .execute();
  return { current, history };
}

/** Resolves when the reporter has delivered `count` more changes to the retailer. */
function delivered(count: number): Promise<void> {
  let seen = 0;
  return new Promise((resolve) => {
    const off = core.agentStateReports!.onDelivered((ids) => {
      seen += ids.length;
      if (seen >= count) {
        off();
        resolve();
      }
    });
  });
}

/** The next agent state the softphone hears about. */
async function nextAgentStateFrame(): Promise<{ status: string; reason: string | null }> {
  for (;;) {
    const frame = await ws.nextJson<{ type: string; agentState?: AgentState }>();
    if (frame.type === 'agentState') return frame.agentState!;
  }
}

beforeAll(async () => {
  // On PostgreSQL when the CI provides one (the upsert's conflict rule differs by dialect).
  server = await startTestServer({ postgres: Boolean(process.env.KOE_TEST_DATABASE_URL) });
  proxy = await startFaultProxy({ target: server.url, seed: 1, rate: 0 });
  const stored = { current: (await signInSession(server.url, agentUser.email)) as Session | null };
  const sessions = {
    load: () => stored.current,
    save: (s: Session) => void (stored.current = s),
    clear: () => void (stored.current = null),
  };
  dataDir = mkdtempSync(join(tmpdir(), 'koe-agent-state-'));
  core = await startKoeCore({
    dataDir,
    appVersion: 'test',
    retailer: { baseUrl: proxy.url, sessions },
    syncWorkerEntry: typescriptSyncWorkerEntry,
    ctiPort: 0,
    predictions: false,
  });
  const outcome = await connectWebSocket(core.cti!.wsUrl, {
    Authorization: `Bearer ${core.cti!.token}`,
  });
  if (!outcome.ok) throw new Error(`CTI upgrade refused: ${outcome.status}`);
  ws = outcome.ws;
  expect(await ws.nextJson()).toMatchObject({
    type: 'welcome',
    agentState: { status: 'not_ready', reason: null },
  });
  // The state the desk started in goes to the retailer first.
  await core.agentStateReports!.flush();
  expect((await serverRows()).current[0]).toMatchObject({ status: 'not_ready', reason: null });
}, 60_000);

afterAll(async () => {
  ws?.destroy();
  await core?.close();
  await proxy?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('agent state from the desk', () => {
  it('reaches the retailer (current and history, in the agent’s tenant and center) and the softphone', async () => {
    const sent = delivered(1);
    const events: AgentState[] = [];
    const off = core.events.subscribe((event, payload) => {
      if (event === 'agentState:changed') events.push(payload as AgentState);
    });
    const chosen = await core.router.handle('agentState:choose', { status: 'ready' });
    expect(chosen).toMatchObject({ ok: true, value: { status: 'ready' } });
    expect(await nextAgentStateFrame()).toMatchObject({ status: 'ready', reason: null });
    await sent;
    off();
    expect(events.map((e) => e.status)).toEqual(['ready']);
    const { current, history } = await serverRows();
    expect(current).toEqual([
      expect.objectContaining({
        tenant_id: A.id,
        center_id: agentUser.centerId,
        status: 'ready',
        reason: null,
      }),
    ]);
    expect(history.map((h) => h.status)).toEqual(['not_ready', 'ready']);
  });

  it('follows a call: ring → ringing, answered → on call, ended → after-call work, saved → ready', async () => {
    const sent = delivered(4);
    core.desk.apply({ type: 'ringing', callId: 'as-1', ani: '090-1234-5678' });
    expect(await nextAgentStateFrame()).toMatchObject({ status: 'ringing' });
    core.desk.apply({ type: 'answered', callId: 'as-1' });
    expect(await nextAgentStateFrame()).toMatchObject({ status: 'on_call' });
    core.desk.apply({ type: 'ended', callId: 'as-1' });
    expect(await nextAgentStateFrame()).toMatchObject({ status: 'after_call_work' });
    core.desk.saveWrapUp('as-1', () => undefined);
    expect(await nextAgentStateFrame()).toMatchObject({ status: 'ready' });
    await sent;
    const { current, history } = await serverRows();
    expect(current[0]).toMatchObject({ status: 'ready' });
    expect(history.map((h) => h.status)).toEqual([
      'not_ready',
      'ready',
      'ringing',
      'on_call',
      'after_call_work',
      'ready',
    ]);
  });

  it('reports the desk lock with the state: the floor shows a locked desk as locked', async () => {
    expect(
      await core.router.handle('lock:setPin', { pin: '482615', currentPin: null }),
    ).toMatchObject({ ok: true });
    const locked = delivered(1);
    expect(await core.router.handle('lock:lockNow', {})).toMatchObject({
      ok: true,
      value: { locked: true },
    });
    await locked;
    expect((await serverRows()).current[0]).toMatchObject({ status: 'ready', desk_locked: 1 });
    const unlocked = delivered(1);
    expect(await core.router.handle('lock:unlock', { pin: '482615' })).toMatchObject({
      ok: true,
      value: { unlocked: true },
    });
    await unlocked;
    expect((await serverRows()).current[0]).toMatchObject({ status: 'ready', desk_locked: 0 });
  });

  it('keeps changes made offline and delivers them, in order, once the retailer is back', async () => {
    proxy.setOffline(true);
    await core.router.handle('agentState:choose', { status: 'not_ready', reason: 'meeting' });
    await core.router.handle('agentState:choose', { status: 'not_ready', reason: 'break' });
    expect(await nextAgentStateFrame()).toMatchObject({ status: 'not_ready', reason: 'meeting' });
    expect(await nextAgentStateFrame()).toMatchObject({ status: 'not_ready', reason: 'break' });
    // The attempt while offline delivers nothing; the changes wait in the cache.
    expect(await core.agentStateReports!.flush()).toBe(0);
    expect(core.agentStateReports!.pending()).toBe(2);
    expect((await serverRows()).current[0]).toMatchObject({ status: 'ready' });

    proxy.setOffline(false);
    const sent = delivered(2);
    void core.agentStateReports!.flush();
    await sent;
    expect(core.agentStateReports!.pending()).toBe(0);
    const { current, history } = await serverRows();
    expect(current[0]).toMatchObject({ status: 'not_ready', reason: 'break' });
    expect(history.slice(-2).map((h) => h.reason)).toEqual(['meeting', 'break']);
  });

  it('the floor reads it by role: own center for a supervisor, none across centers or tenants', async () => {
    const read = async (email: string) => {
      const reply = await call(
        server.url,
        await signIn(server.url, email),
        'GET',
        '/v1/agent-states',
      );
      expect(reply.status).toBe(200);
      return agentStateList.parse(reply.json).agents.map((a) => a.agentId);
    };
    const supervisor = (tenant: (typeof TENANTS)[number], center: number) =>
      tenant.users.find((u) => u.role === 'supervisor' && u.centerId === tenant.centers[center])!
        .email;
    expect(await read(supervisor(A, 0))).toEqual([agentUser.id]);
    expect(await read(supervisor(A, 1))).toEqual([]);
    expect(await read(`admin@${A.id}.example`)).toEqual([agentUser.id]);
    expect(await read(`admin@${TENANTS[1]!.id}.example`)).toEqual([]);
  });
});
