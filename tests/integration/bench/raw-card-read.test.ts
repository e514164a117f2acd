import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rawCardReader, type RawCard } from '../../../bench/lib/raw-card-read';
import { readCustomerCard } from '../../../src/main/core/customers/customer-card';
import { openDatabase } from '../../../src/main/core/platform/connection';
import { regionClosureReader } from '../../../src/main/core/predictions/region-closures';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import type { CustomerCard } from '../../../src/shared/domain';
import { generateDemoRecords } from '../../../src/shared/demo/generate-demo-records';
import { DEFAULT_DEMO_NOW } from '../../../src/shared/demo/time';

/**
 * The screen-pop benches' baseline must read what the card shows, or its ratio means nothing:
 * for every caller of a small generated cache, the raw statements return the rows of the card
 * Koe reads (customer, phones, orders and their lines, shipments and their scans, returns,
 * claims, contacts, notices) and the region closures its delivery estimates are given.
 */
describe('the raw card read of the ring and screen-pop benches', () => {
  const dir = mkdtempSync(join(tmpdir(), 'koe-raw-card-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the same rows as the customer card, closures included', async () => {
    const database = await openDatabase({ filename: join(dir, 'cache.sqlite') });
    const writer = createRecordWriter(database.sqlite);
    for (const batch of generateDemoRecords({ size: 'demo', customers: 300 })) {
      database.sqlite.transaction(() => writer.apply(batch))();
    }
    const now = DEFAULT_DEMO_NOW.getTime();
    const closuresFor = regionClosureReader(database.sqlite);
    const raw = rawCardReader(database.sqlite, { closuresAt: now });
    const callers = database.sqlite
      .prepare(
        `select e164, min(customer_id) as id from customer_phones group by e164 having count(*) = 1`,
      )
      .all() as { e164: string; id: string }[];
    let closures = 0;
    for (const { e164, id } of callers) {
      const card = (await readCustomerCard(database.db, id)) as CustomerCard;
      const koe = {
        customer: card.customer.id,
        phones: card.customer.phones.map((p) => p.e164),
        orders: card.orders.map((o) => [o.id, o.lines.map((l) => l.lineNo)]),
        shipments: card.shipments
          .map((s) => [
            s.id,
            s.events.map((e) => e.occurredAt),
            closuresFor(s, now).map((c) => `${c.region} ${c.startsOn}`),
          ])
          .sort(),
        returns: card.returns.map((r) => r.id),
        claims: card.claims.map((c) => c.id),
        contacts: card.contacts.map((c) => c.id),
        notices: card.notices.map((n) => n.id),
      };
      const rows = raw(e164) as RawCard;
      const ids = (list: Record<string, unknown>[]) => list.map((r) => r.id);
      expect({
        customer: rows.customer.id,
        phones: rows.phones.map((p) => p.e164),
        orders: rows.orders.map((o) => [o.id, o.lines.map((l) => l.line_no)]),
        shipments: rows.shipments
          .map((s) => [
            s.id,
            s.events.map((e) => e.occurred_at),
            (s.closures ?? []).map((c) => `${String(c.region)} ${String(c.starts_on)}`),
          ])
          .sort(),
        returns: ids(rows.returns),
        claims: ids(rows.claims),
        contacts: ids(rows.contacts),
        notices: ids(rows.notices),
      }).toEqual(koe);
      closures += koe.shipments.filter((s) => (s[2] as string[]).length > 0).length;
    }
    // The comparison reaches every table: callers with each part of a card, closures too.
    expect(callers.length).toBeGreaterThan(200);
    expect(closures).toBeGreaterThan(0);
    for (const part of ['returns', 'claims', 'contacts', 'notices'] as const) {
      const some = callers.some((c) => (raw(c.e164) as RawCard)[part].length > 0);
      expect(some, part).toBe(true);
    }
    await database.close();
  });
});
