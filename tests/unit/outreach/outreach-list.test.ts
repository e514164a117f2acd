import { Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import { bundledMigrationProvider } from '../../../src/main/core/platform/migrations';
import { scanOutreachCandidates } from '../../../src/main/core/outreach/outreach-candidates';
import { createOutreachService } from '../../../src/main/core/outreach/outreach-service';
import { createVocRecordSaver } from '../../../src/main/core/wrap-up/save-voc-record';
import { DEMO_FEATURED_CUSTOMERS } from '../../../src/shared/demo/featured-customers';
import { featuredCustomerRecords } from '../../../src/shared/demo/featured-customers';
import { DEFAULT_DEMO_NOW } from '../../../src/shared/demo/generate-demo-records';
import { newSequences } from '../../../src/shared/demo/ids';
import { uuidV7 } from '../../../src/shared/uuid-v7';
import { vocFor } from '../../fixtures/retailer-records';
import { captureQueryPlans, fullScans } from '../../fixtures/query-plans';
import { openTestDatabase } from '../../fixtures/test-database';

const NOW = DEFAULT_DEMO_NOW.getTime();
const TAKAHASHI = DEMO_FEATURED_CUSTOMERS.lateUntold;

async function featuredCache() {
  const database = await openTestDatabase();
  createRecordWriter(database.sqlite).apply(featuredCustomerRecords(NOW, newSequences()));
  return database;
}

describe('the outreach list from the local cache', () => {
  it('lists the late, untold featured customer and not the one told by e-mail', async () => {
    const { sqlite } = await featuredCache();
    const list = await createOutreachService({ sqlite, now: () => NOW }).list(100);
    expect(list.entries.map((e) => e.customerId)).toEqual([TAKAHASHI.customerId]);
    expect(list.entries[0]).toMatchObject({
      phone: '+818031415926',
      orderId: TAKAHASHI.orderId,
      shipmentId: TAKAHASHI.shipmentId,
      daysLate: TAKAHASHI.daysLate,
      carrierDelayed: true,
    });
    expect(list.truncated).toBe(false);
  });

  it('takes a delivery-date estimate: a model that predicts a delay adds the customer', async () => {
    const { sqlite } = await featuredCache();
    // 田中 美咲's parcel is due today, on time by the carrier; a model says two days late.
    const misaki = DEMO_FEATURED_CUSTOMERS.household.customerIds[1];
    const list = await createOutreachService({
      sqlite,
      now: () => NOW,
      estimate: (s) => (s.id === 'shp-demo-tanaka-diapers' ? '2026-11-25' : s.estimatedDate),
    }).list(100);
    expect(list.entries.map((e) => e.customerId)).toContain(misaki);
  });

  it('a proactive call leaves him off the list (no answer: until the retry window ends)', async () => {
    const { sqlite } = await featuredCache();
    const ended = new Date(NOW - 60_000).toISOString();
    createVocRecordSaver(sqlite)(
      vocFor('agent-1', 'center-1', {
        id: uuidV7(NOW),
        customerId: TAKAHASHI.customerId,
        orderId: TAKAHASHI.orderId,
        reasonCodes: ['outreach.delay'],
        contactType: 'proactive',
        outreachOutcome: 'no_answer',
        startedAt: ended,
        endedAt: ended,
        savedAt: ended,
      }),
    );
    const service = (at: number) => createOutreachService({ sqlite, now: () => at });
    expect((await service(NOW).list(100)).entries).toEqual([]);
    // A day later he is back (and 田中 美咲's parcel, due today, is late by then too).
    expect(
      (await service(NOW + 25 * 3_600_000).list(100)).entries.map((e) => e.customerId),
    ).toContain(TAKAHASHI.customerId);
  });

  it('reads open shipments through the 0007 partial index, and nothing by full scan', async () => {
    const { sqlite } = await featuredCache();
    const queries = await captureQueryPlans(sqlite, (db) => scanOutreachCandidates(db, NOW));
    const open = queries.find((q) => q.sql.includes('"s"."delivered_at" is null'));
    expect(open?.plan.join('\n')).toContain('shipments_open_by_promise');
    // voc_records is read per customer chunk of the list; the table is this desktop's own calls.
    expect(fullScans(sqlite, queries).filter((l) => !l.includes('voc_records'))).toEqual([]);
  });

  it('0007 migrates up and down', async () => {
    const { db, sqlite } = await openTestDatabase();
    const migrator = new Migrator({ db, provider: bundledMigrationProvider });
    const indexes = () =>
      (
        sqlite.prepare(`select name from sqlite_master where type = 'index'`).all() as {
          name: string;
        }[]
      ).map((r) => r.name);
    expect(indexes()).toContain('shipments_open_by_promise');
    expect((await migrator.migrateTo('2026_11_23_0004_customer_index_key')).error).toBeUndefined();
    expect(indexes()).not.toContain('shipments_open_by_promise');
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(indexes()).toContain('shipments_open_by_promise');
  });

  it('0060 migrates up and down, and notes every customer with an open parcel for the table', async () => {
    const { db, sqlite } = await featuredCache();
    const migrator = new Migrator({ db, provider: bundledMigrationProvider });
    const tables = () =>
      (
        sqlite.prepare(`select name from sqlite_master where name like 'outreach_%'`).all() as {
          name: string;
        }[]
      ).map((r) => r.name);
    expect(tables()).toContain('outreach_candidates');
    expect((await migrator.migrateTo('2026_12_06_0041_audit_push')).error).toBeUndefined();
    expect(tables()).toEqual([]);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(tables()).toContain('outreach_on_notice_insert');
    const pending = sqlite.prepare('select customer_id from outreach_pending').all() as {
      customer_id: string;
    }[];
    expect(pending.map((r) => r.customer_id)).toContain(TAKAHASHI.customerId);
    // A reader computes them meanwhile: the list is the same before the rows are filled in.
    expect(
      (await createOutreachService({ sqlite, now: () => NOW }).list(100)).entries[0]?.customerId,
    ).toBe(TAKAHASHI.customerId);
  });
});
