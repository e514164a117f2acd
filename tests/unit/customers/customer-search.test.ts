import { beforeAll, describe, expect, it } from 'vitest';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import type { LocalDatabase } from '../../../src/main/core/platform/connection';
import {
  classifySearchQuery,
  searchCustomers,
} from '../../../src/main/core/customers/customer-search';
import { readCustomerCard } from '../../../src/main/core/customers/customer-card';
import { customerRecord, orderRecord, shipmentRecord } from '../../fixtures/retailer-records';
import { captureQueryPlans, fullScans } from '../../fixtures/query-plans';
import { openTestDatabase } from '../../fixtures/test-database';

let database: LocalDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
  createRecordWriter(database.sqlite).apply([
    customerRecord({
      id: 'sato',
      phones: [{ number: '090-1234-5678', kind: 'mobile' }],
      emails: ['Hanako.Sato@example.jp'],
    }),
    customerRecord({
      id: 'suzuki',
      familyName: '鈴木',
      givenName: '一郎',
      familyNameKana: 'スズキ',
      givenNameKana: 'イチロウ',
      phones: [{ number: '03-5555-0123', kind: 'home' }],
      emails: ['ichiro@example.com'],
    }),
    customerRecord({
      id: 'carter',
      familyName: 'Carter',
      givenName: 'Emily',
      familyNameKana: 'カーター',
      givenNameKana: 'エミリー',
      language: 'en',
      phones: [{ number: '+1 415-555-0142', kind: 'mobile' }],
      emails: ['emily.carter@example.com'],
    }),
    customerRecord({
      id: 'sato2',
      givenName: '健太',
      givenNameKana: 'ケンタ',
      phones: [{ number: '080-2222-3333', kind: 'mobile' }],
      emails: [],
    }),
    orderRecord({ id: 'o1', customerId: 'suzuki', orderNumber: 'KO-2611-0001234' }),
    shipmentRecord({ id: 's1', orderId: 'o1' }),
  ]);
});

const ids = async (query: string) =>
  (await searchCustomers(database.db, query, 20)).customers.map((c) => c.id).sort();

describe('classifySearchQuery', () => {
  it.each([
    ['090-1234-5678', 'phone'],
    ['+81 90 1234 5678', 'phone'],
    ['０９０１２３４５６７８', 'phone'],
    ['KO-2611-0001234', 'order_number'],
    ['#ko2611', 'order_number'],
    ['someone@example.jp', 'email'],
    ['佐藤 花子', 'name'],
    ['sato', 'name'],
    ['佐藤', 'short_name'],
    ['さ', 'short_name'],
  ])('%s is a %s query', (query, expected) => {
    expect(classifySearchQuery(query).queryClass).toBe(expected);
  });
});

describe('searchCustomers', () => {
  it.each([
    ['090-1234-5678'],
    ['09012345678'],
    ['+81 90-1234-5678'],
    ['+819012345678'],
    ['０９０－１２３４－５６７８'],
    ['(090) 1234 5678'],
  ])('finds a customer by phone written as %s', async (query) => {
    expect(await ids(query)).toEqual(['sato']);
  });

  it('finds a customer by part of a phone number', async () => {
    expect(await ids('5555-0123')).toEqual(['suzuki']);
  });

  it('finds by order number, with or without # and in any case', async () => {
    expect(await ids('KO-2611-0001234')).toEqual(['suzuki']);
    expect(await ids('#ko-2611-0001234')).toEqual(['suzuki']);
  });

  it('finds by e-mail address in any case', async () => {
    expect(await ids('hanako.sato@EXAMPLE.jp')).toEqual(['sato']);
  });

  it('finds by name in kanji, katakana, hiragana and romaji', async () => {
    expect(await ids('佐藤 花子')).toEqual(['sato']);
    expect(await ids('藤花子')).toEqual(['sato']);
    expect(await ids('サトウ')).toEqual(['sato', 'sato2']);
    expect(await ids('すずきいちろう')).toEqual(['suzuki']);
    expect(await ids('sato hanako')).toEqual(['sato']);
    expect(await ids('Hanako Sato')).toEqual(['sato']);
    expect(await ids('satou')).toEqual(['sato', 'sato2']);
    expect(await ids('emily carter')).toEqual(['carter']);
  });

  it('finds by 1–2 CJK characters as the start of a family or given name', async () => {
    expect(await ids('佐藤')).toEqual(['sato', 'sato2']);
    expect(await ids('鈴')).toEqual(['suzuki']);
    expect(await ids('けん')).toEqual(['sato2']);
    expect(await ids('藤')).toEqual([]);
  });

  it('reports a truncated result when more customers matched than the limit', async () => {
    const result = await searchCustomers(database.db, 'サトウ', 1);
    expect(result.customers).toHaveLength(1);
    expect(result.truncated).toBe(true);
  });

  it('treats FTS syntax in a query as text', async () => {
    expect(await ids('"佐藤" OR *')).toEqual([]);
    expect(await ids('NEAR(sato hanako)')).toEqual([]);
  });

  it('returns summaries with phone, e-mail and last order', async () => {
    const [suzuki] = (await searchCustomers(database.db, '鈴木一郎', 5)).customers;
    expect(suzuki).toMatchObject({
      id: 'suzuki',
      phone: '+81355550123',
      email: 'ichiro@example.com',
      lastOrderNumber: 'KO-2611-0001234',
    });
  });
});

describe('query plans', () => {
  it.each([
    ['phone', '090-1234-5678', /customer_phones USING PRIMARY KEY/],
    ['order number', 'KO-2611-0001234', /orders USING INDEX orders_by_order_number/],
    ['email', 'ichiro@example.com', /customer_emails USING PRIMARY KEY/],
    ['name (trigram)', '佐藤花子', /VIRTUAL TABLE INDEX/],
    [
      'short CJK name (prefix)',
      '佐藤',
      /customers USING (COVERING )?INDEX customers_by_family_name_kana/,
    ],
  ])('a %s search seeks its index and scans no table', async (_label, query, expected) => {
    const queries = await captureQueryPlans(database.sqlite, (db) =>
      searchCustomers(db, query, 20),
    );
    expect(queries.flatMap((q) => q.plan).join('\n')).toMatch(expected);
    expect(fullScans(database.sqlite, queries)).toEqual([]);
  });

  it('the screen-pop read seeks an index for every table it touches', async () => {
    const queries = await captureQueryPlans(database.sqlite, (db) =>
      readCustomerCard(db, 'suzuki'),
    );
    const plan = queries.flatMap((q) => q.plan).join('\n');
    for (const index of [
      'orders_by_customer',
      'shipments_by_order',
      'returns_by_customer',
      'claims_by_customer',
      'contacts_by_customer',
      'notices_by_customer',
    ]) {
      expect(plan).toContain(index);
    }
    expect(fullScans(database.sqlite, queries)).toEqual([]);
  });
});
