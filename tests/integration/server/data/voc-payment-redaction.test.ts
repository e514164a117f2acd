import { afterAll, beforeAll, expect, it } from 'vitest';
import type { VocRecord } from '../../../../src/shared/domain/voc';
import { vocFor } from '../../../fixtures/retailer-records';
import { call, signIn, startTestServer, type TestServer } from '../../../fixtures/test-server';
import { describeEachDatabase } from '../../../fixtures/test-database';

/**
 * Payment data never stored on the retailer's side either: a desk that sends a card number or
 * security code in the customer's words or the harassment note (an older Koe, or an altered
 * one) has them redacted at ingest, before the record is hashed, stored, exported or announced.
 */
const X = 'retailer-a-center-x';

describeEachDatabase('VoC ingest redacts payment data on $name', ({ postgres }) => {
  let server: TestServer;
  let admin: string;
  let agent: string;
  const record: VocRecord = vocFor(`${X}-agent`, X, {
    customerWords: 'カードは 4111.1111.1111.1111 で cvv123 です',
    harassment: {
      flaggedAt: '2026-11-23T01:01:00.000Z',
      warningsGiven: 1,
      callTerminated: false,
      note: '番号を叫んだ：４１１１ １１１１ １１１１ １１１１、セキュリティコード 987',
    },
  });

  beforeAll(async () => {
    server = await startTestServer({ postgres });
    admin = await signIn(server.url, 'admin@retailer-a.example');
    agent = await signIn(server.url, `agent@${X}.example`);
  });
  afterAll(() => server?.close());

  it('stores and exports the record without them; a replay is still a duplicate', async () => {
    const reply = await call(server.url, agent, 'POST', '/v1/voc/batch', { records: [record] });
    expect(reply.status).toBe(200);
    expect((reply.json as { results: { status: string }[] }).results[0]?.status).toBe('accepted');
    const replay = await call(server.url, agent, 'POST', '/v1/voc/batch', { records: [record] });
    expect((replay.json as { results: { status: string }[] }).results[0]?.status).toBe('duplicate');

    const response = await fetch(`${server.url}/v1/voc/export`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const lines = (await response.text()).split('\n').filter(Boolean);
    const stored = lines.map((l) => JSON.parse(l) as VocRecord).find((r) => r.id === record.id);
    expect(stored?.customerWords).toBe('カードは [REDACTED_CARD] で cvv[REDACTED_CVV] です');
    expect(stored?.harassment?.note).toBe(
      '番号を叫んだ：[REDACTED_CARD]、セキュリティコード [REDACTED_CVV]',
    );
    const everything = lines.join('\n');
    expect(everything).not.toMatch(/4111|１１１１|987/);
  });
});
