import { afterAll, beforeAll, expect, it } from 'vitest';
import type { VocRecord } from '../../../../src/shared/domain/voc';
import { vocFor } from '../../../fixtures/retailer-records';
import { call, signIn, startTestServer, type TestServer } from '../../../fixtures/test-server';
import { describeEachDatabase } from '../../../fixtures/test-database';

const AGENT = { id: 'retailer-a-center-x-agent', center: 'retailer-a-center-x' };

/** An agent corrects a wrap-up within the edit window after it already reached the retailer. */
describeEachDatabase('VoC corrections on $name', ({ postgres }) => {
  let server: TestServer;
  let agent: string;
  beforeAll(async () => {
    server = await startTestServer({ postgres });
    agent = await signIn(server.url, 'agent@retailer-a-center-x.example');
  });
  afterAll(() => server?.close());

  const push = async (records: unknown[]) =>
    (await call(server.url, agent, 'POST', '/v1/voc/batch', { records })).json as {
      results: { id: string; status: string; reason?: string }[];
    };
  const stored = async (id: string) => {
    const answer = await call(server.url, agent, 'GET', '/v1/voc?limit=500');
    const records = (answer.json as { records: VocRecord[] }).records;
    return records.find((r) => r.id === id);
  };

  it('replaces a record with its next revision, and answers replays and stale revisions as duplicates', async () => {
    const first = vocFor(AGENT.id, AGENT.center);
    expect((await push([first])).results[0]?.status).toBe('accepted');
    const correction = { ...first, reasonCodes: ['returns.refund'], revision: 2 };
    expect((await push([correction])).results[0]?.status).toBe('accepted');
    expect(await stored(first.id)).toMatchObject({ reasonCodes: ['returns.refund'], revision: 2 });

    // The same correction again (a push whose answer was lost), and the first revision late.
    expect((await push([correction, first])).results.map((r) => r.status)).toEqual([
      'duplicate',
      'duplicate',
    ]);
    expect(await stored(first.id)).toMatchObject({ revision: 2 });
  });

  it('refuses other content under a revision it holds', async () => {
    const first = vocFor(AGENT.id, AGENT.center);
    await push([first, { ...first, revision: 2, sentiment: 'neutral' }]);
    const [clash] = (await push([{ ...first, revision: 2, sentiment: 'positive' }])).results;
    expect(clash?.status).toBe('conflict');
    expect(await stored(first.id)).toMatchObject({ sentiment: 'neutral', revision: 2 });
  });

  it('stores the feature snapshot the desk saw, and refuses one past its bounds', async () => {
    const featureSnapshot = {
      version: 1 as const,
      facts: { days_late: 3, claim_damaged: 1 },
      previousReason: 'delivery.late',
    };
    const record = vocFor(AGENT.id, AGENT.center, { featureSnapshot });
    expect((await push([record])).results[0]?.status).toBe('accepted');
    expect((await stored(record.id))?.featureSnapshot).toEqual(featureSnapshot);
    const oversized = vocFor(AGENT.id, AGENT.center);
    const answer = await call(server.url, agent, 'POST', '/v1/voc/batch', {
      records: [{ ...oversized, featureSnapshot: { ...featureSnapshot, facts: { note: 1 } } }],
    });
    expect(answer.status).toBe(400);
    expect(await stored(oversized.id)).toBeUndefined();
  });

  it('treats a record sent without a revision as revision 1, equal to one sent with it', async () => {
    const { revision: _omitted, ...legacy } = vocFor(AGENT.id, AGENT.center);
    expect((await push([legacy])).results[0]?.status).toBe('accepted');
    expect((await push([{ ...legacy, revision: 1 }])).results[0]?.status).toBe('duplicate');
  });
});
