import { afterAll, beforeAll, expect, it } from 'vitest';
import { DESK_ID_HEADER } from '../../../../src/shared/protocol/update-feed';
import type { VocRecord } from '../../../../src/shared/domain/voc';
import type { PullPage } from '../../../../src/shared/protocol/sync';
import { outreachNoticeId } from '../../../../src/shared/outreach/outreach-notice';
import { uuidV7 } from '../../../../src/shared/uuid-v7';
import {
  customerRecord,
  orderRecord,
  PROACTIVE_STARTED as STARTED,
  proactiveOutcome,
  vocFor,
} from '../../../fixtures/retailer-records';
import {
  call,
  PASSWORD,
  reportOutreachCalls,
  signIn,
  startTestServer,
  type TestServer,
} from '../../../fixtures/test-server';
import { describeEachDatabase } from '../../../fixtures/test-database';

const AGENT = { id: 'retailer-a-center-x-agent', center: 'retailer-a-center-x' };
const AGENT_EMAIL = 'agent@retailer-a-center-x.example';

/** Signs the agent in on a named desk: its tokens carry the desk's id. */
async function signInOnDesk(url: string, deskId: string): Promise<string> {
  const response = await fetch(`${url}/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [DESK_ID_HEADER]: deskId },
    body: JSON.stringify({ email: AGENT_EMAIL, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/**
 * A proactive call's outcome (and the "customer was told" notice it publishes) is taken only
 * for an outreach call the same agent on the same desk reported with its on_call state.
 */
describeEachDatabase('proactive outcomes need the desk’s own call on $name', ({ postgres }) => {
  let server: TestServer;
  let deskA: string;
  let deskB: string;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer({ postgres });
    admin = await signIn(server.url, 'admin@retailer-a.example');
    deskA = await signInOnDesk(server.url, 'desk-a');
    deskB = await signInOnDesk(server.url, 'desk-b');
    const pushed = await call(server.url, admin, 'POST', '/v1/data/batch', {
      records: [
        customerRecord({ id: 'cus-called' }),
        customerRecord({ id: 'cus-else' }),
        orderRecord({ id: 'ord-called', customerId: 'cus-called' }),
      ],
      deletions: [],
    });
    expect(pushed.status).toBe(200);
  }, 60_000);
  afterAll(() => server?.close());

  const outcome = (callId: string) => proactiveOutcome(callId, { orderId: 'ord-called' });
  const reportCall = async (
    token: string,
    callId: string,
    customerId = 'cus-called',
    startedAt = STARTED,
  ) =>
    expect(await reportOutreachCalls(server.url, token, [{ callId, customerId, startedAt }])).toBe(
      200,
    );
  const push = async (token: string, records: VocRecord[]) => {
    const reply = await call(server.url, token, 'POST', '/v1/voc/batch', { records });
    expect(reply.status).toBe(200);
    return (reply.json as { results: { id: string; status: string; code?: string }[] }).results;
  };
  const noticeIds = async () => {
    const page = (await call(server.url, deskA, 'GET', '/v1/sync/pull?since=0&limit=10000'))
      .json as PullPage;
    return page.records
      .filter((r) => r.type === 'notice')
      .map((r) => (r.data as { id: string }).id);
  };
  const refused = { status: 'rejected', code: 'outreach_call_not_reported' };

  it('refuses an outcome for a call nobody reported, and publishes no notice', async () => {
    const record = outcome('call-never');
    expect(await push(deskA, [record])).toEqual([expect.objectContaining(refused)]);
    expect(await noticeIds()).not.toContain(outreachNoticeId(record.id));
    // Not stored either: the agent's own records do not hold it.
    const mine = (await call(server.url, deskA, 'GET', '/v1/voc?limit=1000')).json as {
      records: VocRecord[];
    };
    expect(mine.records.map((r) => r.id)).not.toContain(record.id);
  });

  it('accepts the outcome of a call this desk reported, with its notice', async () => {
    await reportCall(deskA, 'call-made');
    const record = outcome('call-made');
    // An inbound record in the same push is untouched by the check.
    const inbound = vocFor(AGENT.id, AGENT.center, { callId: 'call-in' });
    expect(await push(deskA, [inbound, record])).toEqual([
      expect.objectContaining({ id: inbound.id, status: 'accepted' }),
      expect.objectContaining({ id: record.id, status: 'accepted' }),
    ]);
    expect(await noticeIds()).toContain(outreachNoticeId(record.id));
  });

  it('refuses the call another desk reported, to another customer, or at another time', async () => {
    await reportCall(deskB, 'call-on-b');
    await reportCall(deskA, 'call-to-else', 'cus-else');
    await reportCall(deskA, 'call-earlier', 'cus-called', '2026-11-24T01:00:00.000Z');
    const records = [outcome('call-on-b'), outcome('call-to-else'), outcome('call-earlier')];
    expect(await push(deskA, records)).toEqual(records.map(() => expect.objectContaining(refused)));
    const notices = await noticeIds();
    for (const r of records) expect(notices).not.toContain(outreachNoticeId(r.id));
  });

  it('takes an offline desk’s outcome pushed before its call report once the report arrives', async () => {
    // Offline, the desk queued both; its VoC outbox happened to go first.
    const record = outcome('call-offline');
    expect(await push(deskA, [record])).toEqual([expect.objectContaining(refused)]);
    await reportCall(deskA, 'call-offline');
    expect(await push(deskA, [record])).toEqual([
      expect.objectContaining({ id: record.id, status: 'accepted' }),
    ]);
    expect(await noticeIds()).toContain(outreachNoticeId(record.id));
  });

  it('refuses a call in a change that is not on_call', async () => {
    const reply = await call(server.url, deskA, 'POST', '/v1/agent-state/changes', {
      changes: [
        {
          id: uuidV7(),
          status: 'ready',
          reason: null,
          at: STARTED,
          call: { callId: 'call-ready', customerId: 'cus-called', direction: 'outbound' },
        },
      ],
    });
    expect(reply.status).toBe(400);
  });
});
