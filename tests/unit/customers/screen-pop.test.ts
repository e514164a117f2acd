import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import { getCustomerSummaries } from '../../../src/main/core/customers/customer.repository';
import { createEventBus } from '../../../src/main/core/platform/event-bus';
import { loadPreferences } from '../../../src/main/core/preferences/preferences';
import { createServices } from '../../../src/main/core/services';
import { customerRecord, orderRecord } from '../../fixtures/retailer-records';
import { DEFAULT_DATA_PROTECTION, maskSummary } from '../../../src/shared/privacy/data-protection';
import { openTestDatabase } from '../../fixtures/test-database';

async function servicesWith(
  records: Parameters<ReturnType<typeof createRecordWriter>['apply']>[0],
) {
  const { db, sqlite } = await openTestDatabase();
  createRecordWriter(sqlite).apply(records);
  const services = createServices({
    db,
    sqlite,
    events: createEventBus(),
    preferences: loadPreferences(mkdtempSync(join(tmpdir(), 'koe-prefs-'))),
    appVersion: 'test',
    retailer: null,
    connectRetailer: async () => ({ retailerUrl: 'unused' }),
  });
  return { db, services };
}

describe('customers:screenPop', () => {
  it('pops the one caller with their card, and a summary equal to the search row', async () => {
    const { db, services } = await servicesWith([
      customerRecord({ id: 'c1' }),
      orderRecord({ id: 'o1', customerId: 'c1', orderNumber: 'KO-1' }),
    ]);
    const result = await services['customers:screenPop']({ phone: '+81 90-1234-5678' });
    // The number and the summary leave the core masked (the phone but its last 4 digits).
    expect(result.e164).toBe('***-****-5678');
    expect(result.card?.customer.id).toBe('c1');
    expect(result.matches).toEqual(
      (await getCustomerSummaries(db, ['c1'])).map((s) => maskSummary(s, DEFAULT_DATA_PROTECTION)),
    );
  });

  it('offers a chooser and no card when several customers share the number', async () => {
    const { services } = await servicesWith([
      customerRecord({ id: 'c1', phones: [{ number: '06-6123-4567', kind: 'home' }] }),
      customerRecord({ id: 'c2', phones: [{ number: '06-6123-4567', kind: 'home' }] }),
    ]);
    const result = await services['customers:screenPop']({ phone: '0661234567' });
    expect(result.card).toBeNull();
    expect(result.matches.map((m) => m.id).sort()).toEqual(['c1', 'c2']);
  });

  it('reports a number it cannot read, and a new caller', async () => {
    const { services } = await servicesWith([customerRecord({ id: 'c1' })]);
    expect(await services['customers:screenPop']({ phone: 'anonymous' })).toEqual({
      e164: null,
      matches: [],
      card: null,
    });
    expect(await services['customers:screenPop']({ phone: '080-9999-0000' })).toEqual({
      e164: '***-****-0000',
      matches: [],
      card: null,
    });
  });
});
