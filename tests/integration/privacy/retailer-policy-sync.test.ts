import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerCard } from '../../../src/shared/domain';
import { createCallDesk } from '../../../src/main/core/calls/call-desk';
import { createDeskCallsRepository } from '../../../src/main/core/calls/desk-calls.repository';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { createEventBus } from '../../../src/main/core/platform/event-bus';
import { createIpcRouter } from '../../../src/main/core/platform/router';
import { loadPreferences } from '../../../src/main/core/preferences/preferences';
import { createPrivacyGuard } from '../../../src/main/core/privacy/privacy-guard';
import { createServices } from '../../../src/main/core/services';
import { pullChanges } from '../../../src/main/core/sync/pull-changes';
import { syncStateStore } from '../../../src/main/core/sync/sync-state';
import { customerRecord } from '../../fixtures/retailer-records';
import {
  call,
  PASSWORD,
  signIn,
  startTestServer,
  type TestServer,
} from '../../fixtures/test-server';
import { signedInApi } from '../../fixtures/sync-client';

/**
 * The retailer's choices reach the desk the way its data does, through the real server and a
 * real pull: its `data_protection` policy changes what the core masks, and its retention window
 * is kept on the desk (in days) so the desk's own timer can keep it moving offline.
 */
describe('the retailer decides, the desk follows', () => {
  let server: TestServer;
  let local: LocalDatabase;
  let admin: string;

  beforeEach(async () => {
    server = await startTestServer();
    local = await openDatabase({
      filename: join(mkdtempSync(join(tmpdir(), 'koe-policy-')), 'koe.sqlite'),
    });
    admin = await signIn(server.url, 'admin@retailer-a.example');
    await call(server.url, admin, 'POST', '/v1/data/batch', {
      records: [
        customerRecord({
          id: 'c-policy',
          emails: ['policy.person@privacy.example'],
          addressLine: '渋谷区神宮前5-6-7',
          updatedAt: new Date().toISOString(),
        }),
      ],
    });
  });
  afterEach(async () => {
    await local.close();
    await server.close();
  });

  it('masks what its data_protection policy lists, and keeps its retention in days', async () => {
    const { api } = await signedInApi(server.url, 'agent@retailer-a-center-x.example', PASSWORD);
    const deskCalls = createDeskCallsRepository(local.sqlite);
    const desk = createCallDesk({ persistence: deskCalls });
    const privacy = createPrivacyGuard({ db: local.db, desk, deskCalls });
    const router = createIpcRouter(
      createServices({
        db: local.db,
        sqlite: local.sqlite,
        events: createEventBus(),
        preferences: loadPreferences(mkdtempSync(join(tmpdir(), 'koe-prefs-'))),
        appVersion: 'test',
        retailer: null,
        connectRetailer: async () => ({ retailerUrl: 'unused' }),
        desk,
        deskCalls,
        privacy,
      }),
    );
    const card = async () => {
      const answer = await router.handle('customers:card', { customerId: 'c-policy' });
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.value as CustomerCard;
    };

    await pullChanges(local.sqlite, api);
    await privacy.refresh();
    // No policy yet: the defaults mask the address and the e-mail.
    expect((await card()).customer.emails).toEqual(['p***@privacy.example']);
    expect((await card()).customer.addressLine).toBe('渋谷区***');
    // The retailer's window, in days, for the desk's own timer (730 by default).
    expect(syncStateStore(local.sqlite).get('retention_days')).toBe('730');

    // The retailer lists only the address as sensitive.
    const pushed = await call(server.url, admin, 'POST', '/v1/data/batch', {
      records: [
        {
          type: 'policy',
          data: {
            id: 'pol-data-protection',
            kind: 'data_protection',
            labelJa: '個人情報の保護',
            labelEn: 'Data protection',
            params: { sensitiveFields: 'address', activeWithinDays: 365 },
            active: true,
            updatedAt: new Date().toISOString(),
          },
        },
      ],
    });
    expect(pushed.status).toBe(200);
    await pullChanges(local.sqlite, api);
    await privacy.refresh();
    expect(privacy.policy().activeWithinDays).toBe(365);
    const after = await card();
    expect(after.masked).toEqual(['address']);
    expect(after.customer.emails).toEqual(['policy.person@privacy.example']);
    expect(after.customer.addressLine).toBe('渋谷区***');
  });
});
