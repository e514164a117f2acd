import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import type { LocalDatabase } from '../../../src/main/core/platform/connection';
import { bundledMigrationProvider } from '../../../src/main/core/platform/migrations';
import {
  classifySearchQuery,
  searchCustomers,
} from '../../../src/main/core/customers/customer-search';
import { trackingKey } from '../../../src/main/core/customers/tracking-search';
import { customerRecord, orderRecord, shipmentRecord } from '../../fixtures/retailer-records';
import { captureQueryPlans, fullScans } from '../../fixtures/query-plans';
import { openTestDatabase } from '../../fixtures/test-database';

let database: LocalDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
  createRecordWriter(database.sqlite).apply([
    customerRecord({ id: 'sato', phones: [{ number: '090-1234-5678', kind: 'mobile' }] }),
    customerRecord({
      id: 'carter',
      familyName: 'Carter',
      givenName: 'Emily',
      familyNameKana: 'カーター',
      givenNameKana: 'エミリー',
      language: 'en',
      phones: [{ number: '03-5555-0123', kind: 'home' }],
    }),
    orderRecord({ id: 'o1', customerId: 'sato', orderNumber: 'KO-2611-0000001' }),
    orderRecord({ id: 'o2', customerId: 'carter', orderNumber: 'KO-2611-0000002' }),
    shipmentRecord({ id: 's1', orderId: 'o1', trackingNumber: '4012-3456-7890' }),
    shipmentRecord({ id: 's2', orderId: 'o1', trackingNumber: '3300-1111-2222' }),
    shipmentRecord({
      id: 's3',
      orderId: 'o2',
      carrier: 'ups',
      trackingNumber: '1Z4V82E90312345679',
    }),
  ]);
});

const ids = async (query: string) =>
  (await searchCustomers(database.db, query, 20)).customers.map((c) => c.id).sort();

describe('a phone number typed with dash look-alikes', () => {
  it.each([
    ['the IME long vowel mark ー', '090ー1234ー5678'],
    ['the half-width ｰ', '090ｰ1234ｰ5678'],
    ['the minus sign −', '090−1234−5678'],
    ['the hyphen ‐', '090‐1234‐5678'],
    ['the non-breaking hyphen ‑', '090‑1234‑5678'],
    ['the figure dash ‒', '090‒1234‒5678'],
    ['the en dash –', '090–1234–5678'],
    ['the em dash —', '090—1234—5678'],
    ['the horizontal bar ―', '090―1234―5678'],
    ['the full-width hyphen and digits', '０９０－１２３４－５６７８'],
    ['full-width digits and the long vowel mark', '０９０ー１２３４ー５６７８'],
  ])('finds the customer when typed with %s', async (_label, query) => {
    expect(classifySearchQuery(query).queryClass).toBe('phone');
    expect(await ids(query)).toEqual(['sato']);
  });

  it('finds part of a number typed with ー', async () => {
    expect(await ids('5555ー0123')).toEqual(['carter']);
  });

  it('leaves the long vowel mark of a katakana name alone', async () => {
    expect(classifySearchQuery('カーター').queryClass).toBe('name');
    expect(await ids('カーター')).toEqual(['carter']);
  });
});

describe('search by tracking number', () => {
  it.each([
    ['as printed', '4012-3456-7890'],
    ['without hyphens', '401234567890'],
    ['with spaces', '4012 3456 7890'],
    ['in full-width digits with ー', '４０１２ー３４５６ー７８９０'],
  ])('finds whose shipment it is, typed %s', async (_label, query) => {
    const result = await searchCustomers(database.db, query, 20);
    expect(result.queryClass).toBe('tracking_number');
    expect(result.customers.map((c) => c.id)).toEqual(['sato']);
    expect(result.shipments).toEqual([
      {
        customerId: 'sato',
        shipmentId: 's1',
        orderNumber: 'KO-2611-0000001',
        carrier: 'yamato',
        trackingNumber: '4012-3456-7890',
      },
    ]);
  });

  it('reads a letters-and-digits number (UPS) in any case and grouping', async () => {
    const result = await searchCustomers(database.db, '1z 4v82 e903 1234 5679', 20);
    expect(result.queryClass).toBe('tracking_number');
    expect(result.customers.map((c) => c.id)).toEqual(['carter']);
    expect(result.shipments?.[0]?.shipmentId).toBe('s3');
  });

  it('a phone number that someone has is still a phone search', async () => {
    const result = await searchCustomers(database.db, '090-1234-5678', 20);
    expect(result.queryClass).toBe('phone');
    expect(result.shipments).toBeUndefined();
  });

  it('an unknown tracking number finds nobody', async () => {
    expect(await ids('9999-9999-9999')).toEqual([]);
    expect(await ids('1Z999AA10123456784')).toEqual([]);
  });

  it('names never read as tracking numbers', () => {
    expect(trackingKey('Emily Carter')).toBeNull();
    expect(trackingKey('サトウハナコ')).toBeNull();
    expect(trackingKey('4012-3456-7890')).toBe('401234567890');
  });

  it.each([
    ['all digits (read as a phone first)', '401234567890'],
    ['letters and digits', '1Z4V82E90312345679'],
  ])('a search %s seeks the tracking-key index and scans no table', async (_label, query) => {
    const queries = await captureQueryPlans(database.sqlite, (db) =>
      searchCustomers(db, query, 20),
    );
    expect(queries.flatMap((q) => q.plan).join('\n')).toMatch(
      /shipments USING INDEX shipments_by_tracking_key/,
    );
    expect(fullScans(database.sqlite, queries)).toEqual([]);
  });
});

describe('migration 0009', () => {
  it('indexes the tracking numbers a cache already holds, and goes down again', async () => {
    const sqlite = new Sqlite(':memory:');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
    const migrator = new Migrator({ db, provider: bundledMigrationProvider });
    expect((await migrator.migrateTo('2026_11_23_0008_knowledge_answer_centers')).error).toBe(
      undefined,
    );
    sqlite
      .prepare(
        `insert into shipments (id, order_id, carrier, tracking_number, status, promised_date, origin_prefecture, destination_prefecture, updated_at)
         values ('s1', 'o1', 'yamato', '4012-3456-7890', 'delayed', '2026-11-18', '埼玉県', '東京都', 'x')`,
      )
      .run();
    const lookup = `select id from shipments where upper(replace(replace(shipments.tracking_number, '-', ''), ' ', '')) = ?`;
    const plan = () =>
      (sqlite.prepare(`explain query plan ${lookup}`).all('401234567890') as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
    expect(plan()).toMatch(/^SCAN shipments$/m);

    expect((await migrator.migrateTo('2026_12_06_0009_tracking_number_key')).error).toBe(undefined);
    expect(plan()).toMatch(/USING INDEX shipments_by_tracking_key/);
    expect(sqlite.prepare(lookup).all('401234567890')).toEqual([{ id: 's1' }]);

    expect((await migrator.migrateTo('2026_11_23_0008_knowledge_answer_centers')).error).toBe(
      undefined,
    );
    expect(plan()).toMatch(/^SCAN shipments$/m);
    await db.destroy();
  });
});
