import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  insightsResponse,
  insightsWordsResponse,
  lastWeeks,
} from '../../../../src/shared/protocol/insights';
import { uuidV7 } from '../../../../src/shared/uuid-v7';
import { vocFor } from '../../../fixtures/retailer-records';
import { call, signIn, startTestServer, type TestServer } from '../../../fixtures/test-server';
import { describeEachDatabase } from '../../../fixtures/test-database';

const X = 'retailer-a-center-x';

/** Calls around midnight in Tokyo (UTC+9), as the server received them. */
const RECEIVED = [
  '2026-11-22T14:59:59.999Z', // Sun 22 23:59:59.999 JST
  '2026-11-22T15:00:00.000Z', // Mon 23 00:00 JST
  '2026-11-22T23:00:00.000Z', // Mon 23 08:00 JST: still the 22nd in UTC
  '2026-11-23T14:30:00.000Z', // Mon 23 23:30 JST
  '2026-11-23T15:30:00.000Z', // Tue 24 00:30 JST
];

async function seed(server: TestServer) {
  await server.store.db
    .insertInto('voc_records')
    .values(
      RECEIVED.map((receivedAt, i) => {
        const record = vocFor(`${X}-agent`, X, { id: uuidV7(), customerWords: `call ${i}` });
        return {
          tenant_id: 'retailer-a',
          id: record.id,
          center_id: X,
          agent_id: record.agentId,
          content_hash: record.id,
          data: JSON.stringify(record),
          received_at: receivedAt,
        };
      }),
    )
    .execute();
}

describeEachDatabase("Insights count the retailer's days on $name", ({ postgres }) => {
  let tokyo: TestServer;
  let utc: TestServer;
  /** UTC+5:30: a half-hour zone takes the per-row path (insights-buckets.ts). */
  let kolkata: TestServer;
  let tokyoToken: string;
  let utcToken: string;
  let kolkataToken: string;

  beforeAll(async () => {
    [tokyo, utc, kolkata] = await Promise.all([
      startTestServer({ postgres, webhooks: false }),
      startTestServer({ postgres, webhooks: false, timeZone: 'UTC' }),
      startTestServer({ postgres, webhooks: false, timeZone: 'Asia/Kolkata' }),
    ]);
    await Promise.all([seed(tokyo), seed(utc), seed(kolkata)]);
    tokyoToken = await signIn(tokyo.url, 'admin@retailer-a.example');
    utcToken = await signIn(utc.url, 'admin@retailer-a.example');
    kolkataToken = await signIn(kolkata.url, 'admin@retailer-a.example');
  });
  afterAll(async () => {
    await tokyo?.close();
    await utc?.close();
    await kolkata?.close();
  });

  const insights = async (server: TestServer, token: string, query: string) => {
    const reply = await call(server.url, token, 'GET', `/v1/insights${query}`);
    expect(reply.status, JSON.stringify(reply.json)).toBe(200);
    return insightsResponse.parse(reply.json);
  };
  const perBucket = (r: { avoidable: { bucket: string; count: number }[] }) =>
    Object.fromEntries(r.avoidable.map((a) => [a.bucket, a.count]));

  it('buckets days and weeks in Asia/Tokyo by default', async () => {
    const days = await insights(tokyo, tokyoToken, '?bucket=day');
    expect(days.timeZone).toBe('Asia/Tokyo');
    expect(perBucket(days)).toEqual({ '2026-11-22': 1, '2026-11-23': 3, '2026-11-24': 1 });
    expect(days.drivers.map((d) => [d.bucket, d.count])).toEqual([
      ['2026-11-22', 1],
      ['2026-11-23', 3],
      ['2026-11-24', 1],
    ]);
    // Sunday the 22nd ends the week of Monday the 16th; Monday the 23rd starts the next.
    const weeks = await insights(tokyo, tokyoToken, '?bucket=week');
    expect(perBucket(weeks)).toEqual({ '2026-11-16': 1, '2026-11-23': 4 });
  });

  it('buckets by UTC days when the server is told to', async () => {
    const days = await insights(utc, utcToken, '?bucket=day');
    expect(days.timeZone).toBe('UTC');
    expect(perBucket(days)).toEqual({ '2026-11-22': 3, '2026-11-23': 2 });
  });

  it('counts the days of a half-hour zone too', async () => {
    // 23:00 UTC on the 22nd is 04:30 on the 23rd in Kolkata; 14:59 UTC is still the 22nd.
    const days = await insights(kolkata, kolkataToken, '?bucket=day');
    expect(days.timeZone).toBe('Asia/Kolkata');
    expect(perBucket(days)).toEqual({ '2026-11-22': 2, '2026-11-23': 3 });
    const weeks = await insights(kolkata, kolkataToken, '?bucket=week');
    expect(perBucket(weeks)).toEqual({ '2026-11-16': 2, '2026-11-23': 3 });
  });

  it("reads a calendar-date window as the retailer's days", async () => {
    // Monday the 23rd in Tokyo: from its midnight (15:00 UTC on the 22nd) to the next.
    const monday = await insights(tokyo, tokyoToken, '?from=2026-11-23&to=2026-11-24&bucket=day');
    expect(monday.total).toBe(3);
    expect(perBucket(monday)).toEqual({ '2026-11-23': 3 });
    // The same dates on the UTC server are UTC days.
    expect((await insights(utc, utcToken, '?from=2026-11-23&to=2026-11-24')).total).toBe(2);
    // An instant with an offset means that instant, whatever the zone.
    const instant = await insights(
      tokyo,
      tokyoToken,
      `?from=${encodeURIComponent('2026-11-23T08:00:00+09:00')}`,
    );
    expect(instant.total).toBe(3);
    // The desktop's default window at 08:30 on Monday in Tokyo: this week is Monday so far
    // (three calls, the 08:00 one included), not UTC's Sunday.
    const window = lastWeeks(1, new Date('2026-11-22T23:30:00.000Z'));
    const query = `?from=${window.from}&to=${window.to}`;
    expect((await insights(tokyo, tokyoToken, query)).total).toBe(3);

    const words = await call(
      tokyo.url,
      tokyoToken,
      'GET',
      '/v1/insights/words?from=2026-11-24&to=2026-11-25',
    );
    expect(insightsWordsResponse.parse(words.json).items.map((i) => i.words)).toEqual(['call 4']);
    expect((await call(tokyo.url, tokyoToken, 'GET', '/v1/insights?from=2026-13-01')).status).toBe(
      400,
    );
  });
});
