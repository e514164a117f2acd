import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeviceTables } from '../../../server/src/data/devices';
import { discardCacheAndKeys } from '../../../src/main/core/cache-key/cache-keys';
import { DESK_ID_FILE, loadOrCreateDeskId } from '../../../src/main/core/sync/desk-id';
import type { DeskLockState } from '../../../src/shared/desk-lock/desk-lock';
import type { SyncStatus } from '../../../src/shared/sync-status';
import { findInFolder } from '../../fixtures/pii-fixture';
import { useRetailerWithDesks } from '../../fixtures/desk-with-retailer';
import { call, PASSWORD, signIn, TENANTS } from '../../fixtures/test-server';
import {
  count,
  pulled,
  seedCustomers,
  revocableDesk,
  waitFor,
  wrappedUpCall,
} from './desk-fixture';
import { startLoopbackProxy, type LoopbackProxy } from './loopback-proxy';
import { describeEachDatabase } from '../../fixtures/test-database';

/**
 * A user the retailer disables (the admin's Disable, issue #11): the desk they last signed in at
 * is revoked in the same transaction, so at its next contact it pushes the wrap-up its outbox
 * holds, then erases its customer data — read from the disk: the raw bytes of every file in its
 * data folder hold none of the customers' strings. The desk is offline when the user is disabled
 * (its outbox cannot drain early), on SQLite and on PostgreSQL.
 */
const A = TENANTS[0]!;
const agentUser = A.users.find((u) => u.role === 'agent' && u.centerId === A.centers[1])!;
const adminUser = A.users.find((u) => u.role === 'retailer_admin')!;
const customers = Array.from({ length: 30 }, (_, i) => ({
  id: `ud-${String(i).padStart(3, '0')}`,
  familyName: `停止確認${i}`,
  email: `stopped.user.${i}@erase-check.example`,
  phone: `090-6666-${String(1000 + i)}`,
}));
const customerStrings = customers.flatMap((c) => [c.familyName, c.email]);

describeEachDatabase('a disabled user’s desk ($name)', ({ postgres }) => {
  const retailer = useRetailerWithDesks({
    tempPrefix: 'koe-user-disabled-',
    server: { postgres, webhooks: false },
    seed: (server) => seedCustomers(server.store.db, A.id, customers),
  });
  let proxy: LoopbackProxy;
  let dataDir: string;

  beforeAll(async () => {
    proxy = await startLoopbackProxy(retailer.server.url);
    dataDir = retailer.tempDir();
  });

  afterAll(() => proxy?.close());

  it('pushes its outbox at its next contact, then erases: no customer string left on the disk', async () => {
    let core = await retailer.startDesk(
      revocableDesk({ dataDir, baseUrl: proxy.url, email: agentUser.email }),
    );
    await pulled(core);
    expect(count(core, 'customers')).toBe(customers.length);
    core.database.sqlite.pragma('wal_checkpoint(PASSIVE)');
    // The scan finds what is there: every string, before.
    const before = new Set(findInFolder(dataDir, customerStrings).map((f) => f.split(' in ')[0]));
    expect(before.size).toBe(customerStrings.length);

    // The desk goes offline; a wrap-up waits in its outbox.
    proxy.down();
    await waitFor<SyncStatus>(core, 'sync:status', (s) => !s.online);
    const saved = await wrappedUpCall(core, customers[4]!, '配送の遅れについてのご相談');
    expect(count(core, 'outbox')).toBe(1);

    // The admin disables the user: one desk revoked with them.
    const admin = await signIn(retailer.server.url, adminUser.email);
    const disabled = await call(
      retailer.server.url,
      admin,
      'POST',
      `/v1/admin/users/${agentUser.id}/disable`,
    );
    expect(disabled).toMatchObject({
      status: 200,
      json: { userId: agentUser.id, revokedDesks: 1 },
    });

    // Its next contact: the desk is told why, pushes, erases.
    const erased = waitFor<DeskLockState>(core, 'lock:changed', (s) => s.revoked?.erased === true);
    const backAt = Date.now();
    proxy.up();
    const lock = await erased;
    console.log(`[user-disabled] desk erased ${Date.now() - backAt} ms after its next contact`);
    expect(lock).toMatchObject({ locked: true, cause: 'revoked' });
    expect(lock.revoked).toMatchObject({ reason: 'user_disabled', erased: true, unsentWrapUps: 0 });
    // The wrap-up reached the retailer before the erasure.
    const atRetailer = await retailer.server.store.db
      .selectFrom('voc_records')
      .select('id')
      .where('tenant_id', '=', A.id)
      .where('id', '=', saved.vocId)
      .execute();
    expect(atRetailer).toHaveLength(1);
    for (const table of ['customers', 'customer_phones', 'voc_records', 'outbox', 'desk_calls'])
      expect([table, count(core, table)]).toEqual([table, 0]);
    await core.close();
    // Read from the disk, every file of the folder: none of the customers' strings.
    expect(findInFolder(dataDir, customerStrings)).toEqual([]);

    // The install forgot its desk id with its grant.
    expect(existsSync(join(dataDir, DESK_ID_FILE))).toBe(false);

    // The user cannot sign in; enabled again, they can (the erased desk stays revoked).
    const refused = await call(retailer.server.url, null, 'POST', '/v1/auth/sign-in', {
      email: agentUser.email,
      password: PASSWORD,
    });
    expect(refused).toMatchObject({ status: 403, json: { error: { code: 'user_disabled' } } });
    const enabled = await call(
      retailer.server.url,
      admin,
      'POST',
      `/v1/admin/users/${agentUser.id}/enable`,
    );
    expect(enabled).toMatchObject({ status: 200, json: { disabledAt: null } });
    expect((await signIn(retailer.server.url, agentUser.email)).length).toBeGreaterThan(0);

    // The agent starts over on the same computer (as the app offers when the cache no longer
    // opens): a new desk registers at the sign-in and pulls the customers again.
    discardCacheAndKeys(dataDir);
    core = await retailer.startDesk(
      revocableDesk({ dataDir, baseUrl: proxy.url, email: agentUser.email }),
    );
    await pulled(core);
    expect(count(core, 'customers')).toBe(customers.length);
    const desks = await retailer.server.store.db
      .withTables<DeviceTables>()
      .selectFrom('devices')
      .select(['desk_id', 'revoked'])
      .where('tenant_id', '=', A.id)
      .where('last_user_id', '=', agentUser.id)
      .orderBy('registered_at')
      .execute();
    expect(desks.map((d) => Number(d.revoked))).toEqual([1, 0]);
    expect(desks[1]!.desk_id).toBe(loadOrCreateDeskId(dataDir));
  }, 90_000);
});
