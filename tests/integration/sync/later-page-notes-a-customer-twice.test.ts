import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { pullChanges } from '../../../src/main/core/sync/pull-changes';
import type { OpenedPull, RetailerApi } from '../../../src/main/core/sync/retailer-api';
import { generateDemoRecords } from '../../../src/shared/demo/generate-demo-records';
import type { RetailerRecord } from '../../../src/shared/protocol/records';
import { pulledPage } from '../../fixtures/retailer-records';
import type { PullPage } from '../../../src/shared/protocol/sync';

/**
 * A later page that changes a customer with an open parcel and that customer's order at once
 * (a retailer's day does: the tier and an order's status in the same batch). Each write notes
 * the customer for the outreach list through a trigger; written by the pull's upserts (`insert
 * … on conflict do update`), the trigger's `insert or ignore` did not ignore — SQLite applies
 * the outer statement's conflict rule inside the trigger — so the second note failed the whole
 * page (UNIQUE constraint failed: outreach_pending.customer_id), and every later pull again,
 * stopping the desk's sync at that page for good.
 */
const apiOf = (pulled: PullPage) =>
  ({
    openPull: async (): Promise<OpenedPull> => ({
      announced: null,
      read: async () => pulled,
      received: async () => undefined,
      cancel: () => {},
    }),
  }) as unknown as RetailerApi;

let dir: string;
let local: LocalDatabase;
const records = [...generateDemoRecords({ size: 'demo', customers: 40 })].flat();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koe-note-twice-'));
  local = await openDatabase({ filename: join(dir, 'koe.sqlite') });
  await pullChanges(local.sqlite, apiOf(pulledPage(records, '1')));
}, 60_000);

afterAll(async () => {
  await local?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a later page changing a customer and their order', () => {
  it('is stored, and the customer is noted for the outreach list once', async () => {
    // A customer with rows in the outreach list (an open parcel), and their orders.
    const { customer_id: customerId } = local.sqlite
      .prepare('select customer_id from outreach_candidates limit 1')
      .get() as { customer_id: string };
    const later = new Date(Date.now() + 60_000).toISOString();
    const changed = records
      .filter(
        (r) =>
          (r.type === 'customer' && r.data.id === customerId) ||
          (r.type === 'order' && r.data.customerId === customerId),
      )
      .map((r) => ({ ...r, data: { ...r.data, updatedAt: later } }) as RetailerRecord);
    expect(changed.filter((r) => r.type === 'order').length).toBeGreaterThan(0);

    const result = await pullChanges(local.sqlite, apiOf(pulledPage(changed, '2')));

    expect(result.bootstrap).toBe(false);
    expect(local.sqlite.prepare(`select value from sync_state where key = 'cursor'`).get()).toEqual(
      { value: '2' },
    );
    const stored = local.sqlite
      .prepare('select updated_at from customers where id = ?')
      .get(customerId) as { updated_at: string };
    expect(stored.updated_at).toBe(later);
    // The note was worked off with the page: nothing left pending for that customer.
    expect(
      local.sqlite
        .prepare('select count(*) as n from outreach_pending where customer_id = ?')
        .get(customerId),
    ).toEqual({ n: 0 });
  });

  it('finds no outreach trigger left that notes with `or ignore`', () => {
    const triggers = local.sqlite
      .prepare(
        `select name, sql from sqlite_master where type = 'trigger' and name like 'outreach_on_%'`,
      )
      .all() as { name: string; sql: string }[];
    expect(triggers.length).toBeGreaterThan(15);
    expect(triggers.filter((t) => /or ignore into outreach_pending/i.test(t.sql))).toEqual([]);
    expect(
      triggers.filter((t) => /not exists \(select 1 from outreach_pending/.test(t.sql)),
    ).toHaveLength(triggers.length);
  });
});
