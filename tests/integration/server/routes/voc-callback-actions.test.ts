import { afterAll, beforeAll, expect, it } from 'vitest';
import type { VocRecord } from '../../../../src/shared/domain/voc';
import { vocExportRow } from '../../../../src/shared/protocol/voc-export';
import { vocFor } from '../../../fixtures/retailer-records';
import { parseCsv } from './csv-parse';
import { call, signIn, startTestServer, type TestServer } from '../../../fixtures/test-server';
import { describeEachDatabase } from '../../../fixtures/test-database';

/**
 * The VoC record's optional `nextBestActionsDone` and `callbackAt` through the real server: a
 * desk's batch carrying them is kept and exported as sent; a batch from an older desk without
 * them is accepted unchanged; a bad value refuses the batch and keeps none of it.
 */
const X = 'retailer-a-center-x';

describeEachDatabase('VoC actions done and callback time on $name', ({ postgres }) => {
  let server: TestServer;
  let admin: string;
  let agent: string;
  const x = (o: Partial<VocRecord>) => vocFor(`${X}-agent`, X, o);
  const withBoth = x({
    resolution: 'callback',
    nextBestActions: ['delay_coupon', 'reship'],
    nextBestActionsDone: ['delay_coupon'],
    callbackAt: '2026-11-25T05:00:00.000Z',
  });
  const older = x({ nextBestActions: ['delay_coupon'] });

  const get = async (path: string) => {
    const response = await fetch(`${server.url}${path}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(response.status).toBe(200);
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
  };
  const exported = async () =>
    (await get('/v1/voc/export'))
      .split('\n')
      .filter(Boolean)
      .map((line) => vocExportRow.parse(JSON.parse(line)));

  beforeAll(async () => {
    server = await startTestServer({ postgres });
    admin = await signIn(server.url, 'admin@retailer-a.example');
    agent = await signIn(server.url, `agent@${X}.example`);
  });
  afterAll(() => server?.close());

  it('accepts them, and a batch of an older desk without them', async () => {
    const reply = await call(server.url, agent, 'POST', '/v1/voc/batch', {
      records: [withBoth, older],
    });
    expect(reply.status).toBe(200);
    const results = (reply.json as { results: { status: string }[] }).results;
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    // A replay of the same content is a duplicate: the new fields are part of the content.
    const replay = await call(server.url, agent, 'POST', '/v1/voc/batch', { records: [withBoth] });
    expect((replay.json as { results: { status: string }[] }).results[0]?.status).toBe('duplicate');

    const rows = await exported();
    const mine = rows.find((r) => r.id === withBoth.id);
    expect(mine).toMatchObject({
      nextBestActionsDone: ['delay_coupon'],
      callbackAt: '2026-11-25T05:00:00.000Z',
    });
    const old = rows.find((r) => r.id === older.id);
    expect(old).toBeDefined();
    expect(old).not.toHaveProperty('nextBestActionsDone');
    expect(old).not.toHaveProperty('callbackAt');
  });

  it('exports them as the last CSV columns (empty for an older record)', async () => {
    const [header, ...lines] = parseCsv((await get('/v1/voc/export?format=csv')).slice(1));
    expect(header!.slice(-2)).toEqual(['nextBestActionsDone', 'callbackAt']);
    const cell = (id: string, column: string) =>
      lines.find((l) => l[0] === id)![header!.indexOf(column)];
    expect(cell(withBoth.id, 'nextBestActionsDone')).toBe('delay_coupon');
    expect(cell(withBoth.id, 'callbackAt')).toBe('2026-11-25T05:00:00.000Z');
    expect(cell(older.id, 'nextBestActionsDone')).toBe('');
    expect(cell(older.id, 'callbackAt')).toBe('');
  });

  it('refuses a callback that is not an instant, or more than 50 actions, and keeps nothing', async () => {
    const before = (await exported()).length;
    const bad = [
      x({ resolution: 'callback', callbackAt: 'tomorrow at two' as string }),
      x({ nextBestActionsDone: Array.from({ length: 51 }, (_, i) => `kind_${i}`) }),
    ];
    for (const record of bad) {
      const reply = await call(server.url, agent, 'POST', '/v1/voc/batch', {
        records: [x({}), record],
      });
      expect(reply.status).toBe(400);
    }
    expect((await exported()).length).toBe(before);
  });
});
