import { afterAll, describe, expect, it } from 'vitest';
import type { AgentState } from '../../../src/shared/agent-state/agent-state';
import { agentStateList } from '../../../src/shared/protocol/agent-state';
import { connectWebSocket, type TestWebSocket } from '../../fixtures/ws-test-client';
import { useDeskWithRetailer } from '../../fixtures/desk-with-retailer';
import { call, signIn, TENANTS } from '../../fixtures/test-server';

/**
 * The agent's state from the desk to the retailer and the softphone: the core as the app starts
 * it (sync worker, CTI bridge), a real retailer API on loopback (SQLite), and a proxy between
 * them that can take the network away. SQLite, or PostgreSQL when KOE_TEST_DATABASE_URL is set
 * (the upsert's conflict rule differs by dialect).
 */
const A = TENANTS[0]!;
const agentUser = A.users.find((u) => u.role === 'agent' && u.centerId === A.centers[0])!;

let ws: TestWebSocket;
const desk = useDeskWithRetailer({
  agentEmail: agentUser.email,
  tempPrefix: 'koe-agent-state-',
  core: { ctiPort: 0 },
  afterStart: async ({ core }) => {
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
  },
});

/** The server's rows for the agent (current state and history), straight from its database. */
async function serverRows() {
  const { db } = desk.server.store;
  const current = await db
    .selectFrom('agent_states')
    .selectAll()
    .where('agent_id', '=', agentUser.id)
    .execute();
  const history = await db
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
    const off = desk.core.agentStateReports!.onDelivered((ids) => {
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

afterAll(() => ws?.destroy());

describe('agent state from the desk', () => {
  it('reaches the retailer (current and history, in the agent’s tenant and center) and the softphone', async () => {
    const sent = delivered(1);
    const events: AgentState[] = [];
    const off = desk.core.events.subscribe((event, payload) => {
      if (event === 'agentState:changed') events.push(payload as AgentState);
    });
    const chosen = await desk.core.router.handle('agentState:choose', { status: 'ready' });
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
    desk.core.desk.apply({ type: 'ringing', callId: 'as-1', ani: '090-1234-5678' });
    expect(await nextAgentStateFrame()).toMatchObject({ status: 'ringing' });
    desk.core.desk.apply({ type: 'answered', callId: 'as-1' });
    expect(await nextAgentStateFrame()).toMatchObject({ status: 'on_call' });
    desk.core.desk.apply({ type: 'ended', callId: 'as-1' });
    expect(await nextAgentStateFrame()).toMatchObject({ status: 'after_call_work' });
    desk.core.desk.saveWrapUp('as-1', () => undefined);
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
      await desk.core.router.handle('lock:setPin', { pin: '482615', currentPin: null }),
    ).toMatchObject({ ok: true });
    const locked = delivered(1);
    expect(await desk.core.router.handle('lock:lockNow', {})).toMatchObject({
      ok: true,
      value: { locked: true },
    });
    await locked;
    expect((await serverRows()).current[0]).toMatchObject({ status: 'ready', desk_locked: 1 });
    const unlocked = delivered(1);
    expect(await desk.core.router.handle('lock:unlock', { pin: '482615' })).toMatchObject({
      ok: true,
      value: { unlocked: true },
    });
    await unlocked;
    expect((await serverRows()).current[0]).toMatchObject({ status: 'ready', desk_locked: 0 });
  });

  it('keeps changes made offline and delivers them, in order, once the retailer is back', async () => {
    desk.proxy.setOffline(true);
    await desk.core.router.handle('agentState:choose', { status: 'not_ready', reason: 'meeting' });
    await desk.core.router.handle('agentState:choose', { status: 'not_ready', reason: 'break' });
    expect(await nextAgentStateFrame()).toMatchObject({ status: 'not_ready', reason: 'meeting' });
    expect(await nextAgentStateFrame()).toMatchObject({ status: 'not_ready', reason: 'break' });
    // The attempt while offline delivers nothing; the changes wait in the cache.
    expect(await desk.core.agentStateReports!.flush()).toBe(0);
    expect(desk.core.agentStateReports!.pending()).toBe(2);
    expect((await serverRows()).current[0]).toMatchObject({ status: 'ready' });

    desk.proxy.setOffline(false);
    const sent = delivered(2);
    void desk.core.agentStateReports!.flush();
    await sent;
    expect(desk.core.agentStateReports!.pending()).toBe(0);
    const { current, history } = await serverRows();
    expect(current[0]).toMatchObject({ status: 'not_ready', reason: 'break' });
    expect(history.slice(-2).map((h) => h.reason)).toEqual(['meeting', 'break']);
  });

  it('the floor reads it by role: own center for a supervisor, none across centers or tenants', async () => {
    const read = async (email: string) => {
      const reply = await call(
        desk.server.url,
        await signIn(desk.server.url, email),
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
