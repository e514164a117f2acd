import { describe, expect, it } from 'vitest';
import {
  sampleCallCustomers,
  sampleCustomerIds,
} from '../../../src/main/core/predictions/prediction-data';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import { contactRecord, customerRecord } from '../../fixtures/retailer-records';
import { openTestDatabase } from '../../fixtures/test-database';

async function threeCustomers() {
  const { sqlite } = await openTestDatabase();
  createRecordWriter(sqlite).apply([
    customerRecord({ id: 'c1' }),
    customerRecord({ id: 'c2' }),
    customerRecord({ id: 'c3' }),
    contactRecord({ id: 'k1', customerId: 'c1' }),
    contactRecord({ id: 'k2', customerId: 'c2', reasonCode: null }),
    contactRecord({ id: 'k3', customerId: 'c3', direction: 'outbound' }),
  ]);
  return sqlite;
}

describe('the customer sample', () => {
  it('keeps only the customers with a confirmed inbound call for the call-reason model', async () => {
    expect(sampleCallCustomers(await threeCustomers())).toEqual(['c1']);
  });

  it('looks at every n-th customer by local id, about as many as asked for', async () => {
    const sqlite = await threeCustomers();
    expect(sampleCustomerIds(sqlite, undefined, 'true')).toEqual(['c1', 'c2', 'c3']);
    expect(sampleCustomerIds(sqlite, 1, 'true')).toEqual(['c3']);
  });
});
