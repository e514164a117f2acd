import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyChanges } from '../../../../server/src/data/change-log';
import { ingestRequest } from '../../../../src/shared/protocol/ingest';
import { customerRecord } from '../../../fixtures/retailer-records';
import { call, signIn, startTestServer, type TestServer } from '../../../fixtures/test-server';
import { describeEachDatabase } from '../../../fixtures/test-database';

/**
 * Ordering and deletions of retailer data: the server keeps the latest write of every record,
 * compared as instants (not as text), and a deletion keeps its own time, so replaying an older
 * batch never brings a deleted record back. The property: any interleaving of any batches, with
 * any replays, ends at the same records — the latest write of each.
 */

const BASE = Date.parse('2026-11-01T00:00:00.000Z');
/** One instant written with one of several offsets: text order is not time order. */
function written(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  if (offsetMinutes === 0) return `${local}.000Z`;
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

type Write =
  | { kind: 'upsert'; id: string; at: number; text: string; name: string }
  | { kind: 'delete'; id: string; at: number; text: string };

const writeArb: fc.Arbitrary<Write> = fc
  .record({
    kind: fc.constantFrom('upsert', 'upsert', 'delete'),
    id: fc.constantFrom('a', 'b', 'c'),
    // Few instants, so ties happen; several offsets, so text and time disagree.
    hour: fc.integer({ min: 0, max: 4 }),
    offset: fc.constantFrom(0, 540, -300, 330),
    name: fc.constantFrom('佐藤', '鈴木', 'Smith'),
  })
  .map(({ kind, id, hour, offset, name }) => {
    const at = BASE + hour * 3_600_000;
    const text = written(at, offset);
    return kind === 'upsert' ? { kind, id, at, text, name } : { kind, id, at, text };
  });

const batchBody = (writes: readonly Write[]) =>
  ingestRequest.parse({
    records: writes.flatMap((w) =>
      w.kind === 'upsert'
        ? [customerRecord({ id: w.id, familyName: w.name, updatedAt: w.text })]
        : [],
    ),
    deletions: writes.flatMap((w) =>
      w.kind === 'delete' ? [{ type: 'customer', id: w.id, deletedAt: w.text }] : [],
    ),
  });

/**
 * The latest write of each id, written independently of the server: the later instant; at the
 * same instant a deletion, else the greater stored JSON (the server's tie-break).
 */
function expected(writes: readonly Write[]): Map<string, { deleted: boolean; name?: string }> {
  const best = new Map<string, { at: number; deleted: boolean; json: string; name?: string }>();
  for (const w of writes) {
    const candidate =
      w.kind === 'delete'
        ? { at: w.at, deleted: true, json: 'null' }
        : {
            at: w.at,
            deleted: false,
            name: w.name,
            json: JSON.stringify(batchBody([w]).records[0]!.data),
          };
    const held = best.get(w.id);
    const wins =
      !held ||
      candidate.at > held.at ||
      (candidate.at === held.at &&
        (candidate.deleted !== held.deleted ? candidate.deleted : candidate.json > held.json));
    if (wins) best.set(w.id, candidate);
  }
  return new Map(
    [...best].map(([id, b]) => [
      id,
      b.deleted ? { deleted: true } : { deleted: false, name: b.name },
    ]),
  );
}

describeEachDatabase('latest write wins ($name)', ({ postgres }) => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer({ postgres, webhooks: false });
    admin = await signIn(server.url, 'admin@retailer-a.example');
  });
  afterAll(() => server?.close());

  let tenants = 0;
  async function freshTenant(): Promise<string> {
    const id = `prop-${++tenants}`;
    // The two rows a tenant's data needs (createTenant also hashes a password: slow per run).
    await server.store.db
      .insertInto('tenants')
      .values({ id, name: id, retention_days: 730, created_at: new Date().toISOString() })
      .execute();
    await server.store.db
      .insertInto('tenant_sequences')
      .values({ tenant_id: id, value: 0 })
      .execute();
    return id;
  }
  async function apply(tenantId: string, writes: readonly Write[]): Promise<void> {
    const body = batchBody(writes);
    await server.store.db
      .transaction()
      .execute((trx) => applyChanges(trx, tenantId, body.records, body.deletions));
  }
  async function state(tenantId: string) {
    const rows = await server.store.db
      .selectFrom('records')
      .select(['id', 'data', 'deleted'])
      .where('tenant_id', '=', tenantId)
      .execute();
    return new Map(
      rows.map((r) => [
        r.id,
        Number(r.deleted) === 1
          ? { deleted: true }
          : { deleted: false, name: (JSON.parse(r.data) as { familyName: string }).familyName },
      ]),
    );
  }

  it('an older time in another offset never overwrites a newer one', async () => {
    const push = (familyName: string, updatedAt: string) =>
      call(server.url, admin, 'POST', '/v1/data/batch', {
        records: [customerRecord({ id: 'offset', familyName, updatedAt })],
      });
    // 00:30Z is later than 08:00+09:00 (23:00Z the day before), though it sorts first as text.
    expect((await push('newer', '2026-11-01T00:30:00.000Z')).json).toMatchObject({ applied: 1 });
    expect((await push('older', '2026-11-01T08:00:00+09:00')).json).toMatchObject({
      applied: 0,
      skippedStale: 1,
    });
    const rows = await state('retailer-a');
    expect(rows.get('offset')).toEqual({ deleted: false, name: 'newer' });
  });

  it('a replayed batch never brings back a record deleted after it', async () => {
    const create = { records: [customerRecord({ id: 'gone', familyName: 'created' })] };
    expect((await call(server.url, admin, 'POST', '/v1/data/batch', create)).status).toBe(200);
    const deleted = await call(server.url, admin, 'POST', '/v1/data/batch', {
      deletions: [{ type: 'customer', id: 'gone' }],
    });
    expect(deleted.json).toMatchObject({ applied: 1 });
    const since = (deleted.json as { cursor: string }).cursor;
    // The retailer's integration retries the create it sent earlier, and an edit made before
    // the deletion arrives late.
    const replay = await call(server.url, admin, 'POST', '/v1/data/batch', create);
    expect(replay.json).toMatchObject({ applied: 0, skippedStale: 1 });
    const lateEdit = await call(server.url, admin, 'POST', '/v1/data/batch', {
      records: [
        customerRecord({ id: 'gone', familyName: 'edited', updatedAt: '2026-11-01T09:01:00.000Z' }),
      ],
    });
    expect(lateEdit.json).toMatchObject({ applied: 0, skippedStale: 1 });
    const page = (await call(server.url, admin, 'GET', `/v1/sync/pull?since=${since}`)).json as {
      records: unknown[];
    };
    expect(page.records).toEqual([]);
    expect((await state('retailer-a')).get('gone')).toEqual({ deleted: true });
    // A change made after the deletion brings it back.
    const later = new Date(Date.now() + 60_000).toISOString();
    const revived = await call(server.url, admin, 'POST', '/v1/data/batch', {
      records: [customerRecord({ id: 'gone', familyName: 'revived', updatedAt: later })],
    });
    expect(revived.json).toMatchObject({ applied: 1 });
    expect((await state('retailer-a')).get('gone')).toEqual({ deleted: false, name: 'revived' });
  });

  it('any interleaving and replay of batches converges to the latest write', async () => {
    const scenario = fc
      .array(fc.array(writeArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 })
      .chain((batches) =>
        fc.record({
          batches: fc.constant(batches),
          // Two deliveries: each a shuffled order of every batch plus replays of some.
          orders: fc.array(
            fc
              .tuple(
                fc.shuffledSubarray(
                  batches.map((_, i) => i),
                  { minLength: batches.length, maxLength: batches.length },
                ),
                fc.array(fc.nat({ max: batches.length - 1 }), { maxLength: 3 }),
                fc.array(fc.nat(), { maxLength: 3 }),
              )
              .map(([order, replays, positions]) => {
                const out = [...order];
                replays.forEach((b, i) => out.splice((positions[i] ?? 0) % (out.length + 1), 0, b));
                return out;
              }),
            { minLength: 2, maxLength: 2 },
          ),
        }),
      );
    await fc.assert(
      fc.asyncProperty(scenario, async ({ batches, orders }) => {
        const want = expected(batches.flat());
        for (const order of orders) {
          const tenantId = await freshTenant();
          for (const b of order) await apply(tenantId, batches[b]!);
          expect(await state(tenantId)).toEqual(want);
        }
      }),
      { numRuns: 100 },
    );
  });
});
