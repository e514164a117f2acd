import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { uuidV7 } from '../../../../src/shared/uuid-v7';
import { DESK_LOCKED_BY_POLICY_CODE } from '../../../../src/shared/protocol/access-audit';
import type { AgentStateChange } from '../../../../src/shared/protocol/agent-state';
import {
  acknowledgeResponse,
  floorSummary,
  type FloorLiveEvent,
} from '../../../../src/shared/protocol/supervisor-alerts';
import {
  incidentWebhookPayload,
  type IncidentWebhookPayload,
} from '../../../../src/shared/protocol/webhooks';
import { call, signIn, startTestServer, type TestServer } from '../../../fixtures/test-server';
import {
  access,
  admin,
  agentX,
  agentY,
  bulkPolicy,
  supervisorX,
} from '../../../fixtures/floor-cast';
import { arrivals } from '../../../fixtures/arrivals';
import { openFloorStream, type FloorStream } from '../../../fixtures/floor-stream-reader';
import { describeEachDatabase } from '../../../fixtures/test-database';

/**
 * The retailer's watch over the floor, on a real retailer API on loopback (and on PostgreSQL
 * with the supervisor on a second server process):
 * - presence: a desk whose stream drops shows offline on the supervisor's live floor, back
 *   online when it reconnects, locked when it says so; a ring shows as ringing;
 * - a desk a `lock_desk` policy locked gets no customer data from the server (an edited desk
 *   that ignores its lock included) until a supervisor takes the alert;
 * - escalations (a `notify_admin` policy, an alert nobody took) reach the retailer's webhook.
 */
// Short, so a dropped stream shows offline within the test; long enough that a loaded machine's
// late heartbeat does not show a live desk offline.
const PRESENCE_EXPIRY_MS = 2_000;
/** Every wait is for an event: a long bound costs nothing when the event comes. */
const WAIT_MS = 15_000;

function stateChange(
  status: AgentStateChange['status'],
  overrides: Partial<AgentStateChange> = {},
): AgentStateChange {
  const at = new Date().toISOString();
  return { id: uuidV7(), status, reason: null, at, ...overrides };
}

/** A retailer's receiver on loopback: checks each delivery's signature, wakes its waiters. */
async function startReceiver(secret: () => string) {
  const received = arrivals<{
    event: string;
    signatureOk: boolean;
    payload: IncidentWebhookPayload;
  }>('delivery');
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const header = String(req.headers['koe-signature']);
      const parts = Object.fromEntries(
        header.split(',').map((p) => p.split('=') as [string, string]),
      );
      const expected = createHmac('sha256', secret()).update(`${parts.t}.${body}`).digest();
      const actual = Buffer.from(parts.v1 ?? '', 'hex');
      received.add({
        event: String(req.headers['koe-event']),
        signatureOk: actual.length === expected.length && timingSafeEqual(actual, expected),
        payload: incidentWebhookPayload.parse(JSON.parse(body)),
      });
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/koe`,
    received: received.seen,
    /** Resolves with the first delivery that matches (from the start), or fails after `ms`. */
    next: (match: Parameters<typeof received.next>[0], ms = WAIT_MS) => received.next(match, ms),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describeEachDatabase("the retailer's watch over the floor on $name", ({ postgres }) => {
  let server: TestServer;
  /** Where supervisors listen and act: another process on PostgreSQL, the same one on SQLite. */
  let floorUrl: string;
  const tokens = new Map<string, string>();
  const streams: FloorStream[] = [];
  const token = (u: { email: string }) => tokens.get(u.email)!;
  const listen = async (url: string, u: { email: string }): Promise<FloorStream> => {
    const stream = await openFloorStream(url, token(u));
    streams.push(stream);
    return { ...stream, next: (match, ms = WAIT_MS) => stream.next(match, ms) };
  };
  const pushStates = async (u: { email: string }, changes: AgentStateChange[]) => {
    const res = await call(server.url, token(u), 'POST', '/v1/agent-state/changes', { changes });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
  };
  const agentEvent =
    (
      agentId: string,
      match: (a: Extract<FloorLiveEvent, { type: 'agent_state' }>['agent']) => boolean,
    ) =>
    (e: FloorLiveEvent) =>
      e.type === 'agent_state' && e.agent.agentId === agentId && match(e.agent);

  beforeAll(async () => {
    server = await startTestServer({
      postgres,
      alertEscalationMs: 1_500,
      presenceExpiryMs: PRESENCE_EXPIRY_MS,
      events: { heartbeatMs: 200 },
    });
    floorUrl = postgres ? (await server.startPeer()).url : server.url;
    for (const u of [agentX, agentY, supervisorX, admin])
      tokens.set(u.email, await signIn(server.url, u.email));
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await server?.close();
  });

  it('shows a desk whose stream dropped as offline, back online when it reconnects, and locked when it says so', async () => {
    const supervisor = await listen(floorUrl, supervisorX);
    const desk = await listen(server.url, agentX);
    await pushStates(agentX, [stateChange('ready')]);
    await supervisor.next(
      agentEvent(agentX.id, (a) => a.presence === 'online' && a.status === 'ready'),
    );

    // A ring is ringing, not a call; the call's time starts when it is answered.
    const rang = stateChange('ringing');
    await pushStates(agentX, [rang]);
    await supervisor.next(agentEvent(agentX.id, (a) => a.status === 'ringing'));
    const answered = stateChange('on_call', {
      at: new Date(Date.parse(rang.at) + 4_000).toISOString(),
    });
    await pushStates(agentX, [answered]);
    const onCall = await supervisor.next(agentEvent(agentX.id, (a) => a.status === 'on_call'));
    if (onCall.type !== 'agent_state') throw new Error('not an agent');
    expect(onCall.agent.since).toBe(answered.at);

    // The desk's stream drops without a word (the computer slept, the network went).
    desk.close();
    const gone = await supervisor.next(agentEvent(agentX.id, (a) => a.presence === 'offline'));
    if (gone.type !== 'agent_state') throw new Error('not an agent');
    // The last reported state is kept beside it: what the agent was doing when it went.
    expect(gone.agent.status).toBe('on_call');
    const summary = await call(floorUrl, token(supervisorX), 'GET', '/v1/floor/summary');
    expect(
      floorSummary.parse(summary.json).agents.find((a) => a.agentId === agentX.id)?.presence,
    ).toBe('offline');

    // Back: its stream opens again.
    const seenBefore = supervisor.events().length;
    await listen(server.url, agentX);
    await supervisor.next(
      (e) =>
        supervisor.events().indexOf(e) >= seenBefore &&
        agentEvent(agentX.id, (a) => a.presence === 'online')(e),
    );

    // The desk locks (idle, the computer locked): reported with its state.
    await pushStates(agentX, [stateChange('ready', { deskLocked: true })]);
    await supervisor.next(agentEvent(agentX.id, (a) => a.presence === 'locked'));
    await pushStates(agentX, [stateChange('ready', { deskLocked: false })]);
    const unlocked = await supervisor.next(
      (e) =>
        supervisor.events().indexOf(e) >
          supervisor.events().findIndex(agentEvent(agentX.id, (a) => a.presence === 'locked')) &&
        agentEvent(agentX.id, (a) => a.presence === 'online')(e),
    );
    expect(unlocked.type).toBe('agent_state');
  });

  it("refuses a policy-locked agent's customer data until a supervisor takes the alert", async () => {
    const set = await call(server.url, token(admin), 'POST', '/v1/data/batch', {
      records: [
        {
          type: 'policy',
          data: bulkPolicy('lock-reveals', {
            metric: 'reveals',
            threshold: 2,
            windowMinutes: 60,
            action: 'lock_desk',
          }),
        },
      ],
    });
    expect(set.status, JSON.stringify(set.json)).toBe(200);
    const supervisor = await listen(floorUrl, supervisorX);
    const pull = (u: { email: string }) => call(server.url, token(u), 'GET', '/v1/sync/pull');
    expect((await pull(agentX)).status).toBe(200);

    // An edited desk: it never locks itself, it only pushes its reveals (it must, or the
    // audit is missing them) and pulls on.
    const pushed = await call(server.url, token(agentX), 'POST', '/v1/audit/accesses', {
      entries: [access(), access(), access()],
    });
    expect(pushed.status).toBe(200);
    const raised = await supervisor.next(
      (e) => e.type === 'alert' && e.alert.kind === 'bulk_access' && e.alert.agentId === agentX.id,
    );
    if (raised.type !== 'alert') throw new Error('not an alert');

    const refused = await pull(agentX);
    expect(refused.status).toBe(423);
    expect(refused.json).toMatchObject({ error: { code: DESK_LOCKED_BY_POLICY_CODE } });
    const records = await call(server.url, token(agentX), 'GET', '/v1/voc');
    expect(records.status).toBe(423);
    // Another agent is not held by this agent's lock.
    expect((await pull(agentY)).status).toBe(200);
    // The floor shows the agent locked, whatever the desk says: live, and when read.
    await supervisor.next(agentEvent(agentX.id, (a) => a.presence === 'locked'));
    const summary = floorSummary.parse(
      (await call(floorUrl, token(supervisorX), 'GET', '/v1/floor/summary')).json,
    );
    expect(summary.agents.find((a) => a.agentId === agentX.id)?.presence).toBe('locked');

    // Counted before the take: its events may arrive before its answer does.
    const seen = supervisor.events().length;
    const ack = await call(floorUrl, token(supervisorX), 'POST', '/v1/floor/alerts/acknowledge', {
      alertId: raised.alert.id,
    });
    expect(acknowledgeResponse.parse(ack.json).taken).toBe(true);
    await supervisor.next(
      (e) =>
        supervisor.events().indexOf(e) >= seen &&
        agentEvent(agentX.id, (a) => a.presence === 'online')(e),
    );
    expect((await pull(agentX)).status).toBe(200);
    expect((await call(server.url, token(agentX), 'GET', '/v1/voc')).status).toBe(200);
  });

  it("tells the retailer's webhook of escalations: a notify_admin policy, and an alert nobody took", async () => {
    let secret = '';
    const receiver = await startReceiver(() => secret);
    try {
      const created = await call(server.url, token(admin), 'POST', '/v1/webhooks', {
        url: receiver.url,
        events: ['incident.escalated'],
      });
      expect(created.status, JSON.stringify(created.json)).toBe(200);
      secret = (created.json as { secret: string }).secret;
      const set = await call(server.url, token(admin), 'POST', '/v1/data/batch', {
        records: [
          {
            type: 'policy',
            data: bulkPolicy('opened-admin', {
              metric: 'opened_outside_call',
              threshold: 1,
              windowMinutes: 60,
              action: 'notify_admin',
            }),
          },
        ],
      });
      expect(set.status).toBe(200);
      const opened = () =>
        access({ kind: 'customer_opened', callId: null, detail: { duringCall: false } });
      await call(server.url, token(agentY), 'POST', '/v1/audit/accesses', {
        entries: [opened(), opened()],
      });
      const policyHook = await receiver.next(
        (r) =>
          r.payload.data.alert.kind === 'bulk_access' && r.payload.data.alert.agentId === agentY.id,
      );
      expect(policyHook).toMatchObject({ event: 'incident.escalated', signatureOk: true });
      expect(policyHook.payload.data.alert.escalatedAt).not.toBeNull();
      expect(policyHook.payload.data.alert.note).toContain('opened-admin');

      // A raised hand nobody takes escalates after the set time, and the webhook hears it.
      const hand = uuidV7();
      const raised = await call(server.url, token(agentY), 'POST', '/v1/floor/alerts', {
        alerts: [
          {
            id: hand,
            kind: 'help',
            protocolStage: null,
            callId: null,
            customerId: null,
            note: 'card 4111 1111 1111 1111',
            raisedAt: new Date().toISOString(),
          },
        ],
      });
      expect(raised.status).toBe(200);
      const handHook = await receiver.next((r) => r.payload.data.alert.id === hand);
      expect(handHook).toMatchObject({ event: 'incident.escalated', signatureOk: true });
      expect(handHook.payload.data.alert.note).not.toContain('4111');
      // Listed with the webhook's deliveries, where the admin view shows them.
      const webhookId = (created.json as { webhook: { id: string } }).webhook.id;
      const list = await call(
        server.url,
        token(admin),
        'GET',
        `/v1/webhooks/${webhookId}/deliveries`,
      );
      const deliveries = (list.json as { deliveries: { event: string; vocId: string }[] })
        .deliveries;
      expect(deliveries.filter((d) => d.vocId === hand).map((d) => d.event)).toEqual([
        'incident.escalated',
      ]);
    } finally {
      await receiver.close();
    }
  });
});
