import { afterAll, beforeAll, expect, it } from 'vitest';
import { uuidV7 } from '../../../../src/shared/uuid-v7';
import { agentStateList } from '../../../../src/shared/protocol/agent-state';
import {
  call,
  signIn,
  startTestServer,
  TENANTS,
  type TestServer,
} from '../../../fixtures/test-server';
import { describeEachDatabase } from '../../../fixtures/test-database';

const A = TENANTS[0]!;
const agent = A.users.find((u) => u.role === 'agent' && u.centerId === A.centers[0])!;
const T0 = Date.parse('2026-12-06T09:00:00.000Z');
const change = (ms: number, status: string, reason: string | null = null) => ({
  id: uuidV7(ms),
  status,
  reason,
  at: new Date(ms).toISOString(),
});

describeEachDatabase('agent states on $name', ({ postgres }) => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer({ postgres });
    token = await signIn(server.url, agent.email);
  });
  afterAll(() => server?.close());

  const current = async () => {
    const reply = await call(server.url, token, 'GET', '/v1/agent-states');
    return agentStateList.parse(reply.json).agents;
  };

  it('a change delivered late never undoes a newer one; the history keeps both', async () => {
    const newer = change(T0 + 60_000, 'not_ready', 'break');
    const older = change(T0, 'ready');
    expect(
      (await call(server.url, token, 'POST', '/v1/agent-state/changes', { changes: [newer] }))
        .status,
    ).toBe(200);
    const late = await call(server.url, token, 'POST', '/v1/agent-state/changes', {
      changes: [older],
    });
    expect(late.json).toEqual({ results: [{ id: older.id, status: 'accepted' }] });
    expect(await current()).toEqual([
      {
        agentId: agent.id,
        centerId: agent.centerId,
        status: 'not_ready',
        reason: 'break',
        since: newer.at,
      },
    ]);
    const history = await server.store.db
      .selectFrom('agent_state_changes')
      .select(['id', 'status'])
      .where('agent_id', '=', agent.id)
      .orderBy('id')
      .execute();
    expect(history).toEqual([
      { id: older.id, status: 'ready' },
      { id: newer.id, status: 'not_ready' },
    ]);
  });

  it('a replay is a duplicate and changes nothing; a reason without not_ready is refused', async () => {
    const first = change(T0 + 120_000, 'ready');
    await call(server.url, token, 'POST', '/v1/agent-state/changes', { changes: [first] });
    const replay = await call(server.url, token, 'POST', '/v1/agent-state/changes', {
      changes: [{ ...first, status: 'on_call' }],
    });
    expect(replay.json).toEqual({ results: [{ id: first.id, status: 'duplicate' }] });
    expect((await current())[0]).toMatchObject({ status: 'ready' });
    const bad = await call(server.url, token, 'POST', '/v1/agent-state/changes', {
      changes: [change(T0 + 180_000, 'ready', 'break')],
    });
    expect(bad.status).toBe(400);
    expect((await current())[0]).toMatchObject({ status: 'ready' });
  });
});
