import { afterAll, beforeAll, expect, it } from 'vitest';
import { uuidV7 } from '../../../../src/shared/uuid-v7';
import {
  accessList,
  accessPushResponse,
  type AccessPush,
} from '../../../../src/shared/protocol/access-audit';
import { call, signIn, startTestServer, type TestServer } from '../../../fixtures/test-server';
import {
  access,
  admin,
  agentX,
  agentY,
  bulkPolicy,
  supervisorX,
  supervisorY,
  trainerX,
  X,
  Y,
} from '../../../fixtures/floor-cast';
import { openFloorStream, type FloorStream } from '../../../fixtures/floor-stream-reader';
import { describeEachDatabase } from '../../../fixtures/test-database';

/**
 * The access audit on a real retailer API on loopback: append-only (a replayed or edited desk
 * cannot change a pushed row), scoped per center, exported streamed; the bulk-access policies
 * fire from the synced rows at their threshold and not below, on the floor's alert path.
 */
describeEachDatabase('access audit on $name', ({ postgres }) => {
  let server: TestServer;
  const tokens = new Map<string, string>();
  const streams: FloorStream[] = [];
  const token = (u: { email: string }) => tokens.get(u.email)!;
  const push = async (u: { email: string }, entries: AccessPush[]) => {
    const res = await call(server.url, token(u), 'POST', '/v1/audit/accesses', { entries });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return accessPushResponse.parse(res.json).results.map((r) => r.status);
  };
  const list = async (u: { email: string }, query = '') => {
    const res = await call(server.url, token(u), 'GET', `/v1/audit/accesses${query}`);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return accessList.parse(res.json);
  };

  beforeAll(async () => {
    server = await startTestServer({ postgres, alertEscalationMs: 60_000 });
    for (const u of [agentX, agentY, trainerX, supervisorX, supervisorY, admin])
      tokens.set(u.email, await signIn(server.url, u.email));
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await server?.close();
  });

  it('is append-only: a replay is a duplicate, an edited row under the same id is refused and counted', async () => {
    const first = access({ customerId: 'cust-append', detail: { field: 'address' } });
    expect(await push(agentX, [first])).toEqual(['accepted']);
    expect(await push(agentX, [first])).toEqual(['duplicate']);
    // An edited desk: same id, another customer, another time, another detail.
    const edited = [
      { ...first, customerId: 'cust-other' },
      { ...first, at: new Date(Date.parse(first.at) - 3_600_000).toISOString() },
      { ...first, detail: { field: 'phone' } },
    ];
    expect(await push(agentX, edited)).toEqual(['conflict', 'conflict', 'conflict']);
    // Another agent cannot claim the row either.
    expect(await push(agentY, [first])).toEqual(['conflict']);

    const { entries, conflicts } = await list(admin, `?customerId=cust-append`);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      id: first.id,
      agentId: agentX.id,
      centerId: X,
      customerId: 'cust-append',
      at: first.at,
      detail: { field: 'address' },
    });
    expect(conflicts).toBeGreaterThanOrEqual(4);
  });

  it('supervisors read their own center, admins the tenant; filters by agent, customer, kind, time', async () => {
    const t0 = new Date(Date.now() - 10 * 60_000).toISOString();
    await push(agentX, [
      access({
        kind: 'search',
        customerId: null,
        callId: null,
        detail: { results: 2, customerIds: 'c1,c2' },
        at: t0,
      }),
    ]);
    // Opened during a call: in the audit, but counted by no policy (agent Y is counted below).
    await push(agentY, [
      access({ kind: 'customer_opened', customerId: 'cust-y', detail: { duringCall: true } }),
    ]);
    const mine = await list(supervisorX);
    expect(mine.entries.length).toBeGreaterThan(0);
    expect(mine.entries.every((e) => e.centerId === X)).toBe(true);
    const denied = await call(
      server.url,
      token(supervisorX),
      'GET',
      `/v1/audit/accesses?centerId=${Y}`,
    );
    expect(denied.status).toBe(403);
    const agentRead = await call(server.url, token(agentX), 'GET', '/v1/audit/accesses');
    expect(agentRead.status).toBe(403);

    const all = await list(admin);
    expect(new Set(all.entries.map((e) => e.centerId))).toEqual(new Set([X, Y]));
    const byAgent = await list(admin, `?agentId=${agentY.id}`);
    expect(byAgent.entries.every((e) => e.agentId === agentY.id)).toBe(true);
    const searches = await list(
      admin,
      `?kind=search&from=${encodeURIComponent(t0)}&to=${encodeURIComponent(new Date(Date.parse(t0) + 1).toISOString())}`,
    );
    expect(searches.entries.map((e) => e.detail.customerIds)).toEqual(['c1,c2']);
  });

  it('exports streamed NDJSON and CSV in the scope, and records the export itself', async () => {
    const ndjson = await fetch(`${server.url}/v1/audit/export?format=ndjson`, {
      headers: { authorization: `Bearer ${token(supervisorX)}` },
    });
    expect(ndjson.status).toBe(200);
    expect(ndjson.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await ndjson.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { centerId: string });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.centerId === X)).toBe(true);
    const csv = await fetch(`${server.url}/v1/audit/export?format=csv&kind=search`, {
      headers: { authorization: `Bearer ${token(admin)}` },
    });
    const text = await csv.text();
    // (fetch's text() drops the byte-order mark the server writes first)
    expect(text.split('\r\n')[0]).toBe(
      'id,kind,agentId,centerId,customerId,callId,at,receivedAt,detail',
    );
    expect(text).toContain('c1,c2');
    const exports = await list(admin, '?kind=export');
    expect(exports.entries.map((e) => [e.agentId, e.detail.what])).toEqual(
      expect.arrayContaining([
        [supervisorX.id, 'access_audit'],
        [admin.id, 'access_audit'],
      ]),
    );
  });

  it('each bulk-access policy fires at its threshold and not below, once per window', async () => {
    const policies = [
      bulkPolicy('pol-open', {
        metric: 'opened_outside_call',
        threshold: 3,
        windowMinutes: 60,
        action: 'notify_supervisor',
      }),
      bulkPolicy('pol-reveal', {
        metric: 'reveals',
        threshold: 2,
        windowMinutes: 480,
        action: 'notify_admin',
      }),
      bulkPolicy('pol-sweep', {
        metric: 'search_sweep',
        threshold: 4,
        windowMinutes: 10,
        action: 'lock_desk',
      }),
    ];
    const set = await call(server.url, token(admin), 'POST', '/v1/data/batch', {
      records: policies.map((data) => ({ type: 'policy', data })),
    });
    expect(set.status, JSON.stringify(set.json)).toBe(200);
    const supervisorStream = await openFloorStream(server.url, token(supervisorY));
    streams.push(supervisorStream);
    const adminStream = await openFloorStream(server.url, token(admin));
    streams.push(adminStream);
    const agent = agentY; // a fresh agent for the counts: center Y
    const firings = () =>
      server.store.db
        .selectFrom('access_policy_firings')
        .selectAll()
        .where('agent_id', '=', agent.id)
        .execute();
    const opened = (duringCall: boolean) =>
      access({
        kind: 'customer_opened',
        callId: null,
        customerId: uuidV7(),
        detail: { duringCall },
      });

    // Opened during a call: never counted. Three outside: at the threshold, not past it.
    await push(agent, [
      opened(true),
      opened(true),
      opened(true),
      opened(false),
      opened(false),
      opened(false),
    ]);
    expect((await firings()).map((f) => f.policy_id)).toEqual([]);
    await push(agent, [opened(false)]);
    const alert = await supervisorStream.next(
      (e) => e.type === 'alert' && e.alert.kind === 'bulk_access' && e.stage === 'raised',
    );
    if (alert.type !== 'alert') throw new Error('not an alert');
    expect(alert.alert).toMatchObject({ agentId: agent.id, centerId: Y });
    expect(alert.alert.note).toContain('pol-open');
    // The floor reads the policy by its name and the count, not the id in the note.
    expect(alert.alert.policy).toEqual({
      policyId: 'pol-open',
      labelJa: '大量アクセス pol-open',
      labelEn: 'Bulk access pol-open',
      metric: 'opened_outside_call',
      count: 4,
      threshold: 3,
      windowMinutes: 60,
      action: 'notify_supervisor',
    });
    // Past the threshold again in the same window: no second alert.
    await push(agent, [opened(false)]);
    expect((await firings()).filter((f) => f.policy_id === 'pol-open')).toHaveLength(1);

    // Reveals: two is the threshold; the third notifies the admin (an escalated alert).
    await push(agent, [access(), access()]);
    expect((await firings()).some((f) => f.policy_id === 'pol-reveal')).toBe(false);
    await push(agent, [access()]);
    const escalated = await adminStream.next(
      (e) => e.type === 'alert' && e.alert.kind === 'bulk_access' && e.stage === 'escalated',
    );
    if (escalated.type !== 'alert') throw new Error('not an alert');
    expect(escalated.alert.note).toContain('pol-reveal');
    expect(escalated.alert.policy).toMatchObject({
      labelJa: '大量アクセス pol-reveal',
      count: 3,
      threshold: 2,
      action: 'notify_admin',
    });

    // A sweep: four distinct customers listed (one twice) is the threshold, the fifth fires.
    const search = (ids: string) =>
      access({
        kind: 'search',
        customerId: null,
        callId: null,
        detail: { results: 2, customerIds: ids },
      });
    await push(agent, [search('s1,s2'), search('s2,s3'), search('s4')]);
    expect((await firings()).some((f) => f.policy_id === 'pol-sweep')).toBe(false);
    await push(agent, [search('s5')]);
    const lock = await supervisorStream.next(
      (e) =>
        e.type === 'alert' &&
        e.alert.kind === 'bulk_access' &&
        e.alert.note.startsWith('[lock_desk]'),
    );
    expect(lock.type).toBe('alert');
    expect((await firings()).map((f) => [f.policy_id, f.count]).sort()).toEqual([
      ['pol-open', 4],
      ['pol-reveal', 3],
      ['pol-sweep', 5],
    ]);
  });

  it('records studio publications and VoC exports as accesses', async () => {
    const voc = await fetch(`${server.url}/v1/voc/export?format=ndjson`, {
      headers: { authorization: `Bearer ${token(trainerX)}` },
    });
    expect(voc.status).toBe(200);
    await voc.text();
    const exports = await list(supervisorX, '?kind=export');
    expect(exports.entries.some((e) => e.agentId === trainerX.id && e.detail.what === 'voc')).toBe(
      true,
    );
  });
});
