import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectBatches } from '../../../bench/bulk-load.bench';
import {
  incrementalMix,
  incrementalRounds,
  MIX_SHARES,
  rawMixApplier,
} from '../../../bench/lib/incremental-mix';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import { openDatabase } from '../../../src/main/core/platform/connection';
import { createRecordRemover } from '../../../src/main/core/erasure/remove-records';

/**
 * The sync bench's incremental baseline must do the work Koe does, or its ratio means nothing:
 * the raw statements applied to a copy of the same cache leave exactly the rows Koe's writer and
 * remover leave (customers, their phone, e-mail and search rows, and a deleted customer's
 * history gone).
 */
describe('the incremental bench mix and its raw baseline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'koe-mix-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('leave the same rows as Koe’s writer and remover', async () => {
    const batches = collectBatches(400);
    const koe = await openDatabase({ filename: join(dir, 'koe.sqlite') });
    const writer = createRecordWriter(koe.sqlite);
    for (const batch of batches) koe.sqlite.transaction(() => writer.apply(batch))();
    const rawFile = join(dir, 'raw.sqlite');
    koe.sqlite.exec(`vacuum into '${rawFile}'`);
    const raw = await openDatabase({ filename: rawFile });

    const customers = batches.flat().flatMap((r) => (r.type === 'customer' ? [r.data] : []));
    const mix = incrementalMix(customers, 1, 200, '2026-11-24T12:00:00.000Z');
    expect(mix.changes.filter((c) => c.kind === 'deleted')).toHaveLength(200 * MIX_SHARES.deleted);
    const ordersOfDeleted = (sqlite: typeof koe.sqlite) =>
      sqlite
        .prepare(
          'select count(*) from orders where customer_id in (select value from json_each(?))',
        )
        .pluck()
        .get(JSON.stringify(mix.deletions.map((d) => d.id)));
    // The deleted customers have orders, so the deletions must reach their history.
    expect(ordersOfDeleted(koe.sqlite)).toBeGreaterThan(0);
    const remover = createRecordRemover(koe.sqlite);
    koe.sqlite.transaction(() => {
      writer.apply(mix.records);
      remover.remove(mix.deletions);
    })();
    const rawMix = rawMixApplier(raw.sqlite);
    rawMix.apply(rawMix.prepare(mix), 3);

    const dump = (sqlite: typeof koe.sqlite) =>
      Object.fromEntries(
        [
          'select * from customers order by id',
          'select * from customer_phones order by e164, customer_id',
          'select * from customer_emails order by email, customer_id',
          'select rowid, terms from customer_search order by rowid',
          'select id from orders order by id',
          'select id from shipments order by id',
          'select count(*) from tracking_events',
          'select id from contacts order by id',
          'select id from claims order by id',
        ].map((q) => [q, sqlite.prepare(q).all()]),
      );
    const before = customers.length;
    const after = dump(raw.sqlite);
    expect(after['select * from customers order by id']).toHaveLength(
      before + 200 * MIX_SHARES.inserted - 200 * MIX_SHARES.deleted,
    );
    expect(ordersOfDeleted(raw.sqlite)).toBe(0);
    expect(after).toEqual(dump(koe.sqlite));
    await koe.close();
    await raw.close();
  });

  it('run round after round on a cache smaller than the rounds’ changes, still leaving the same rows', async () => {
    // 400 customers; a round of 300 changes touches 240 of them: two rounds need some twice
    // (the sync bench at 10,000 customers threw at its second round of 10,000 changes).
    const batches = collectBatches(400);
    const koe = await openDatabase({ filename: join(dir, 'rounds-koe.sqlite') });
    const writer = createRecordWriter(koe.sqlite);
    const remover = createRecordRemover(koe.sqlite);
    for (const batch of batches) koe.sqlite.transaction(() => writer.apply(batch))();
    const rawFile = join(dir, 'rounds-raw.sqlite');
    koe.sqlite.exec(`vacuum into '${rawFile}'`);
    const raw = await openDatabase({ filename: rawFile });
    const rawMix = rawMixApplier(raw.sqlite);

    const customers = batches.flat().flatMap((r) => (r.type === 'customer' ? [r.data] : []));
    expect(customers.length).toBeLessThan(2 * 240);
    const nextRound = incrementalRounds(customers, 300);
    const deleted = new Set<string>();
    for (const round of [0, 1]) {
      const mix = nextRound(round, `2026-11-2${3 + round}T12:00:00.000Z`);
      // Never a customer deleted in a round before.
      expect(
        mix.changes.filter(
          (c) => c.kind !== 'inserted' && deleted.has(c.kind === 'deleted' ? c.id : c.customer.id),
        ),
      ).toEqual([]);
      for (const d of mix.deletions) deleted.add(d.id);
      koe.sqlite.transaction(() => {
        writer.apply(mix.records);
        remover.remove(mix.deletions);
      })();
      rawMix.apply(rawMix.prepare(mix), 2);
    }
    const dump = (sqlite: typeof koe.sqlite) =>
      [
        'select * from customers order by id',
        'select * from customer_phones order by e164, customer_id',
        'select * from customer_emails order by email, customer_id',
        'select rowid, terms from customer_search order by rowid',
        'select id from orders order by id',
      ].map((q) => sqlite.prepare(q).all());
    expect(dump(raw.sqlite)).toEqual(dump(koe.sqlite));
    expect(koe.sqlite.prepare('select count(*) from customers').pluck().get()).toBe(
      customers.length + 2 * 300 * (MIX_SHARES.inserted - MIX_SHARES.deleted),
    );
    await koe.close();
    await raw.close();
  });
});
