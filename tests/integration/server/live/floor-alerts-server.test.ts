import { afterAll, beforeAll, expect, it } from 'vitest';
import { uuidV7 } from '../../../../src/shared/uuid-v7';
import { APP_VERSION_HEADER, DESK_ID_HEADER } from '../../../../src/shared/protocol/update-feed';
import {
  acknowledgeResponse,
  floorAlertList,
  floorSummary,
  type AlertPush,
} from '../../../../src/shared/protocol/supervisor-alerts';
import { call, signIn, startTestServer, type TestServer } from '../../../fixtures/test-server';
import {
  admin,
  agentX,
  agentY,
  supervisorX,
  supervisorY,
  X,
  Y,
} from '../../../fixtures/floor-cast';
import { openFloorStream, type FloorStream } from '../../../fixtures/floor-stream-reader';
import { describeEachDatabase } from '../../../fixtures/test-database';

/**
 * Alerts through a real retailer API on loopback: the agent's push reaches the center's
 * supervisors' event streams, a supervisor takes it and the agent's stream hears who; an alert
 * nobody takes escalates to the retailer admin; every stage is an incident row. On PostgreSQL
 * the supervisor listens on one server process and the agent on another (LISTEN/NOTIFY).
 */
function alert(overrides: Partial<AlertPush> = {}): AlertPush {
  return {
    id: uuidV7(),
    kind: 'harassment',
    protocolStage: 'warn',
    callId: 'call-1',
    customerId: 'cust-1',
    note: 'Shouting; read out card 4111 1111 1111 1111',
    raisedAt: new Date().toISOString(),
    ...overrides,
  };
}

describeEachDatabase('floor alerts on $name', ({ postgres }) => {
  let server: TestServer;
  /** Where supervisors listen and act: another process on PostgreSQL, the same one on SQLite. */
  let floorUrl: string;
  const tokens = new Map<string, string>();
  const streams: FloorStream[] = [];
  const token = (u: { email: string }) => tokens.get(u.email)!;
  const listen = async (url: string, u: { email: string }) => {
    const stream = await openFloorStream(url, token(u));
    streams.push(stream);
    return stream;
  };

  beforeAll(async () => {
    server = await startTestServer({ postgres, alertEscalationMs: 2_000 });
    floorUrl = postgres ? (await server.startPeer()).url : server.url;
    for (const u of [agentX, agentY, supervisorX, supervisorY, admin])
      tokens.set(u.email, await signIn(server.url, u.email));
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await server?.close();
  });

  it("reaches the center's supervisor, who takes it; the agent's stream hears who and when", async () => {
    const supervisorStream = await listen(floorUrl, supervisorX);
    const otherCenter = await listen(floorUrl, supervisorY);
    const agentStream = await listen(server.url, agentX);
    const raised = alert();

    const pushed = await call(server.url, token(agentX), 'POST', '/v1/floor/alerts', {
      alerts: [raised],
    });
    expect(pushed.status, JSON.stringify(pushed.json)).toBe(200);
    const seen = await supervisorStream.next(
      (e) => e.type === 'alert' && e.alert.id === raised.id && e.stage === 'raised',
    );
    if (seen.type !== 'alert') throw new Error('not an alert');
    expect(seen.alert).toMatchObject({
      agentId: agentX.id,
      agentName: agentX.displayName,
      centerId: X,
      kind: 'harassment',
      protocolStage: 'warn',
      acknowledged: null,
    });
    // Redacted with the payment redaction: the incident record never holds the card number.
    expect(seen.alert.note).not.toContain('4111');

    const ack = await call(floorUrl, token(supervisorX), 'POST', '/v1/floor/alerts/acknowledge', {
      alertId: raised.id,
    });
    expect(ack.status, JSON.stringify(ack.json)).toBe(200);
    expect(acknowledgeResponse.parse(ack.json).taken).toBe(true);
    const heard = await agentStream.next(
      (e) => e.type === 'alert' && e.alert.id === raised.id && e.stage === 'acknowledged',
    );
    if (heard.type !== 'alert') throw new Error('not an alert');
    expect(heard.alert.acknowledged).toMatchObject({
      by: supervisorX.id,
      byName: supervisorX.displayName,
    });

    // A second taker changes nothing: the first one stays recorded.
    const again = await call(server.url, token(admin), 'POST', '/v1/floor/alerts/acknowledge', {
      alertId: raised.id,
    });
    expect(acknowledgeResponse.parse(again.json)).toMatchObject({
      taken: false,
      alert: { acknowledged: { by: supervisorX.id } },
    });

    // The other center's supervisor: the first alert they hear of is their own center's.
    const theirs = alert({ kind: 'help', protocolStage: null, callId: null, customerId: null });
    await call(server.url, token(agentY), 'POST', '/v1/floor/alerts', { alerts: [theirs] });
    await otherCenter.next((e) => e.type === 'alert' && e.alert.id === theirs.id);
    expect(
      otherCenter.events().filter((e) => e.type === 'alert' && e.alert.centerId !== Y),
    ).toEqual([]);

    // Every stage is a row, and a replayed push adds none.
    const replay = await call(server.url, token(agentX), 'POST', '/v1/floor/alerts', {
      alerts: [raised],
    });
    expect((replay.json as { results: { status: string }[] }).results[0]!.status).toBe('duplicate');
    const rows = await server.store.db
      .selectFrom('incident_events')
      .selectAll()
      .where('alert_id', '=', raised.id)
      .orderBy('at')
      .execute();
    expect(rows.map((r) => [r.stage, r.actor_id])).toEqual([
      ['raised', null],
      ['acknowledged', supervisorX.id],
    ]);
    expect(rows[0]!.note).not.toContain('4111');
  });

  it('an alert nobody takes escalates to the retailer admin, recorded as a stage', async () => {
    const adminStream = await listen(floorUrl, admin);
    const agentStream = await listen(server.url, agentX);
    const raised = alert({ kind: 'help', protocolStage: null, note: 'Need help with a refund' });
    await call(server.url, token(agentX), 'POST', '/v1/floor/alerts', { alerts: [raised] });

    const escalated = await adminStream.next(
      (e) => e.type === 'alert' && e.alert.id === raised.id && e.stage === 'escalated',
    );
    if (escalated.type !== 'alert') throw new Error('not an alert');
    expect(escalated.alert.acknowledged).toBeNull();
    expect(Date.parse(escalated.alert.escalatedAt!)).toBeGreaterThanOrEqual(
      Date.parse(escalated.alert.receivedAt) + 2_000,
    );
    await agentStream.next(
      (e) => e.type === 'alert' && e.alert.id === raised.id && e.stage === 'escalated',
    );
    const listed = floorAlertList
      .parse((await call(server.url, token(agentX), 'GET', '/v1/floor/alerts')).json)
      .alerts.find((a) => a.id === raised.id)!;
    expect(listed.stages.map((s) => s.stage)).toEqual(['raised', 'escalated']);
  });

  it("a harassment alert's later protocol stage is an update of the same incident", async () => {
    const stream = await listen(floorUrl, supervisorX);
    const first = alert();
    await call(server.url, token(agentX), 'POST', '/v1/floor/alerts', { alerts: [first] });
    await call(server.url, token(agentX), 'POST', '/v1/floor/alerts', {
      alerts: [{ ...first, protocolStage: 'terminated', note: 'Ended under the protocol' }],
    });
    const updated = await stream.next(
      (e) => e.type === 'alert' && e.alert.id === first.id && e.stage === 'updated',
    );
    if (updated.type !== 'alert') throw new Error('not an alert');
    expect(updated.alert).toMatchObject({
      protocolStage: 'terminated',
      note: 'Ended under the protocol',
    });
  });

  it("agents read only their own alerts; another agent's id is not a stage of their incident", async () => {
    const mine = alert();
    await call(server.url, token(agentX), 'POST', '/v1/floor/alerts', { alerts: [mine] });
    const hijack = await call(server.url, token(agentY), 'POST', '/v1/floor/alerts', {
      alerts: [{ ...mine, protocolStage: 'terminated', note: 'not mine' }],
    });
    expect((hijack.json as { results: { status: string }[] }).results[0]!.status).toBe('duplicate');
    const theirs = floorAlertList.parse(
      (await call(server.url, token(agentY), 'GET', '/v1/floor/alerts')).json,
    ).alerts;
    expect(theirs.every((a) => a.agentId === agentY.id)).toBe(true);
    const forbidden = await call(
      server.url,
      token(supervisorY),
      'POST',
      '/v1/floor/alerts/acknowledge',
      { alertId: mine.id },
    );
    expect(forbidden.status).toBe(404);
  });
  it('shows each agent’s Koe version as their desk last reported it, in the summary and live', async () => {
    const supervisorStream = await listen(floorUrl, supervisorX);
    // The agent's desk reports who it is and what it runs (as every sync and update check does).
    const policy = await fetch(`${server.url}/v1/updates/policy`, {
      headers: {
        authorization: `Bearer ${token(agentX)}`,
        [DESK_ID_HEADER]: 'desk-00000000-0000-4000-8000-0000000000aa',
        [APP_VERSION_HEADER]: '1.3.7',
      },
    });
    expect(policy.status).toBe(200);
    await policy.body?.cancel();
    const changed = await call(server.url, token(agentX), 'POST', '/v1/agent-state/changes', {
      changes: [{ id: uuidV7(), status: 'ready', reason: null, at: new Date().toISOString() }],
    });
    expect(changed.status, JSON.stringify(changed.json)).toBe(200);
    const live = await supervisorStream.next(
      (e) => e.type === 'agent_state' && e.agent.agentId === agentX.id,
    );
    if (live.type !== 'agent_state') throw new Error('not an agent state');
    expect(live.agent.version).toBe('1.3.7');
    const summary = floorSummary.parse(
      (await call(floorUrl, token(supervisorX), 'GET', '/v1/floor/summary')).json,
    );
    expect(summary.agents.find((a) => a.agentId === agentX.id)?.version).toBe('1.3.7');
  });
});
