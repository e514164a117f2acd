import { describe, expect, it } from 'vitest';
import { createRecordWriter } from '../../../src/main/core/db/apply-records';
import { readCustomerCard } from '../../../src/main/core/db/customer-card';
import { findCustomerIdsByPhone } from '../../../src/main/core/db/customers/customer.repository';
import { findIdsByTerms } from '../../../src/main/core/db/search/customer-search';
import { customerRecord, orderRecord, shipmentRecord } from '../../fixtures/retailer-records';
import { openTestDatabase } from './test-database';

describe('createRecordWriter', () => {
  it('normalizes phone numbers written any way to E.164 and drops what is not a number', async () => {
    const { db, sqlite } = await openTestDatabase();
    createRecordWriter(sqlite).apply([
      customerRecord({
        id: 'c1',
        phones: [
          { number: '０９０－１２３４－５６７８', kind: 'mobile' },
          { number: '(03) 5555-0123', kind: 'home' },
          { number: 'n/a', kind: 'work' },
        ],
      }),
    ]);
    expect(await findCustomerIdsByPhone(db, '+819012345678')).toEqual(['c1']);
    expect(await findCustomerIdsByPhone(db, '+81355550123')).toEqual(['c1']);
    const card = await readCustomerCard(db, 'c1');
    expect(card?.customer.phones).toEqual([
      { e164: '+819012345678', kind: 'mobile' },
      { e164: '+81355550123', kind: 'home' },
    ]);
  });

  it('never moves a row backwards: an older record is skipped, a replay changes nothing', async () => {
    const { db, sqlite } = await openTestDatabase();
    const writer = createRecordWriter(sqlite);
    writer.apply([
      customerRecord({ id: 'c1', familyName: '佐藤', updatedAt: '2026-11-10T00:00:00.000Z' }),
    ]);
    const stale = writer.apply([
      customerRecord({ id: 'c1', familyName: '古川', updatedAt: '2026-11-01T00:00:00.000Z' }),
    ]);
    expect(stale.skippedStale).toBe(1);
    expect((await readCustomerCard(db, 'c1'))?.customer.familyName).toBe('佐藤');
    writer.apply([
      customerRecord({ id: 'c1', familyName: '佐藤', updatedAt: '2026-11-10T00:00:00.000Z' }),
    ]);
    expect(sqlite.prepare('select count(*) n from customer_phones').get()).toEqual({ n: 1 });
  });

  it('re-indexes a renamed customer: the old name no longer finds them, the new one does', async () => {
    const { db, sqlite } = await openTestDatabase();
    const writer = createRecordWriter(sqlite);
    writer.apply([customerRecord({ id: 'c1', familyName: '佐藤', familyNameKana: 'サトウ' })]);
    expect(await findIdsByTerms(db, '佐藤花子', 10)).toEqual(['c1']);
    writer.apply([
      customerRecord({
        id: 'c1',
        familyName: '高橋',
        familyNameKana: 'タカハシ',
        updatedAt: '2026-11-20T00:00:00.000Z',
      }),
    ]);
    expect(await findIdsByTerms(db, '佐藤花子', 10)).toEqual([]);
    expect(await findIdsByTerms(db, '高橋花子', 10)).toEqual(['c1']);
    expect(await findIdsByTerms(db, 'takahashi', 10)).toEqual(['c1']);
  });

  it('replaces order lines and tracking events with the newer record', async () => {
    const { db, sqlite } = await openTestDatabase();
    const writer = createRecordWriter(sqlite);
    writer.apply([
      customerRecord({ id: 'c1' }),
      orderRecord({ id: 'o1', customerId: 'c1' }),
      shipmentRecord({ id: 's1', orderId: 'o1' }),
    ]);
    writer.apply([
      shipmentRecord({
        id: 's1',
        orderId: 'o1',
        status: 'delivered',
        deliveredAt: '2026-11-22T05:00:00.000Z',
        events: [
          {
            occurredAt: '2026-11-22T05:00:00.000Z',
            status: 'delivered',
            location: '渋谷',
            description: '配達完了',
          },
        ],
        updatedAt: '2026-11-22T05:00:00.000Z',
      }),
    ]);
    const card = await readCustomerCard(db, 'c1');
    expect(card?.shipments).toHaveLength(1);
    expect(card?.shipments[0]?.status).toBe('delivered');
    expect(card?.shipments[0]?.events.map((e) => e.description)).toEqual(['配達完了']);
  });

  it('applies a batch in one transaction: a failing record leaves nothing of the batch behind', async () => {
    const { sqlite } = await openTestDatabase();
    const writer = createRecordWriter(sqlite);
    writer.apply([
      customerRecord({ id: 'c1' }),
      orderRecord({ id: 'o1', customerId: 'c1', orderNumber: 'KO-1' }),
    ]);
    expect(() =>
      writer.apply([
        customerRecord({ id: 'c2' }),
        // Two lines with one number (the protocol schema refuses this; the table does too).
        orderRecord({
          id: 'o2',
          customerId: 'c2',
          lines: [1, 1].map((lineNo) => ({
            lineNo,
            sku: 'X',
            productName: 'X',
            quantity: 1,
            unitPrice: 1,
          })),
        }),
      ]),
    ).toThrow(/UNIQUE/);
    expect(sqlite.prepare(`select count(*) n from customers where id = 'c2'`).get()).toEqual({
      n: 0,
    });
  });
});
