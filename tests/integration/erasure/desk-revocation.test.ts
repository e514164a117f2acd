import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_GRANT_FILE } from '../../../src/main/core/cache-key/cache-keys';
import { standInKeyVault } from '../../../src/main/core/cache-key/key-vault';
import { createOperatorKey } from '../../../server/src/data/tenant-onboarding';
import { loadOrCreateDeskId } from '../../../src/main/core/sync/desk-id';
import type { DeskLockState } from '../../../src/shared/desk-lock/desk-lock';
import type { SyncStatus } from '../../../src/shared/sync-status';
import { useRetailerWithDesks } from '../../fixtures/desk-with-retailer';
import { call, PASSWORD, signIn, TENANTS } from '../../fixtures/test-server';
import {
  count,
  pulled,
  seedCustomers,
  revocableDesk,
  value,
  waitFor,
  wrappedUpCall,
} from './desk-fixture';
import { startLoopbackProxy, type LoopbackProxy } from './loopback-proxy';

/**
 * The retailer's control over a desk's copy, end to end: the real core (sync worker, encrypted
 * cache sealed by the stand-in vault: no Electron here) against the real retailer API on
 * loopback. A revoked desk hears it on its live stream, sends its outbox, erases and cannot
 * open its key again; a desk past its offline grace locks customer data but still saves
 * wrap-ups, and opens again when it reaches the retailer.
 */
const A = TENANTS[0]!;
const agentUser = A.users.find((u) => u.role === 'agent' && u.centerId === A.centers[0])!;
const adminUser = A.users.find((u) => u.role === 'retailer_admin')!;
/** Of the other center: its contract ends in the last test, and the tests above keep working. */
const endedCenterAgent = A.users.find((u) => u.role === 'agent' && u.centerId === A.centers[1])!;
const customers = Array.from({ length: 40 }, (_, i) => ({
  id: `rv-${String(i).padStart(3, '0')}`,
  familyName: `取消${i}`,
  phone: `090-7777-${String(1000 + i)}`,
}));

const desks = useRetailerWithDesks({
  tempPrefix: 'koe-revocation-',
  seed: (server) => seedCustomers(server.store.db, A.id, customers),
});

/** A desk on its own folder, its key sealed by the stand-in vault `vaultName`. */
function startDesk(
  dataDir: string,
  baseUrl = desks.server.url,
  vaultName = 'revoked desk',
  email = agentUser.email,
) {
  return desks.startDesk(
    revocableDesk({ dataDir, baseUrl, email, keyVault: standInKeyVault(vaultName) }),
  );
}

describe('a desk the retailer revokes', () => {
  it('hears it on its live stream, sends its wrap-up, erases its customer data within 5 s and cannot open its key again', async () => {
    const dataDir = desks.tempDir();
    const core = await startDesk(dataDir);
    await pulled(core);
    await waitFor<SyncStatus>(core, 'sync:status', (s) => s.stream === 'connected').catch(
      () => undefined,
    );
    expect(count(core, 'customers')).toBe(customers.length);
    const saved = await wrappedUpCall(core, customers[3]!, '配送が遅れているとのご相談');

    const admin = await signIn(desks.server.url, adminUser.email);
    const erased = waitFor<DeskLockState>(core, 'lock:changed', (s) => s.revoked?.erased === true);
    const startedAt = Date.now();
    const revoked = await call(
      desks.server.url,
      admin,
      'POST',
      `/v1/devices/${loadOrCreateDeskId(dataDir)}/revoke`,
    );
    expect(revoked.status).toBe(200);
    const lock = await erased;
    const tookMs = Date.now() - startedAt;
    expect(tookMs).toBeLessThan(5_000);

    // The agent is told, and the customer screens are closed (no PIN opens them).
    expect(lock).toMatchObject({ locked: true, cause: 'revoked' });
    expect(lock.revoked).toMatchObject({ erased: true, unsentWrapUps: 0 });
    expect(
      await core.router.handle('customers:card', { customerId: customers[3]!.id }),
    ).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await core.router.handle('lock:unlock', { pin: '123456' })).toMatchObject({
      ok: true,
      value: { unlocked: false },
    });
    // The wrap-up reached the retailer before the erasure.
    const atRetailer = await desks.server.store.db
      .selectFrom('voc_records')
      .select('id')
      .where('tenant_id', '=', A.id)
      .where('id', '=', saved.vocId)
      .execute();
    expect(atRetailer).toHaveLength(1);
    // Nothing that names a customer is left in the cache.
    for (const table of [
      'customers',
      'customer_phones',
      'voc_records',
      'outbox',
      'desk_calls',
      'audit_log',
    ])
      expect([table, count(core, table)]).toEqual([table, 0]);
    expect(existsSync(join(dataDir, DEVICE_GRANT_FILE))).toBe(false);
    expect(core.syncStatus().error?.code).toBe('device_revoked');
    console.log(`[revocation] online desk erased ${tookMs} ms after the revoke`);

    await core.close();
    desks.forgetDesks();
    // The next start cannot unwrap the key: the keychain alone does not open it.
    await expect(startDesk(dataDir)).rejects.toMatchObject({ code: 'cache_key_refused' });
  }, 60_000);

  it('a desk revoked while it was closed erases at its next contact (its sign-in is refused)', async () => {
    const dataDir = desks.tempDir();
    const first = await startDesk(dataDir, desks.server.url, 'closed desk');
    await pulled(first);
    await first.close();
    desks.forgetDesks();

    const admin = await signIn(desks.server.url, adminUser.email);
    const revoked = await call(
      desks.server.url,
      admin,
      'POST',
      `/v1/devices/${loadOrCreateDeskId(dataDir)}/revoke`,
    );
    expect(revoked.status).toBe(200);

    const restartedAt = Date.now();
    const core = await startDesk(dataDir, desks.server.url, 'closed desk');
    console.log(`[revocation] closed desk started in ${Date.now() - restartedAt} ms`);
    // Opened offline-first with its kept grant: the customers are still there at start…
    const lock = await waitFor<DeskLockState>(
      core,
      'lock:changed',
      (s) => s.revoked?.erased === true,
    );
    console.log(`[revocation] closed desk erased ${Date.now() - restartedAt} ms after its start`);
    // …and gone once the retailer answered.
    expect(lock.cause).toBe('revoked');
    expect(count(core, 'customers')).toBe(0);
    expect(existsSync(join(dataDir, DEVICE_GRANT_FILE))).toBe(false);
  }, 60_000);

  it('the retailer refuses every request but its record pushes from a revoked desk', async () => {
    const deskId = 'desk-00000000-0000-4000-8000-0000000000f1';
    const response = await fetch(`${desks.server.url}/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-koe-desk-id': deskId },
      body: JSON.stringify({ email: agentUser.email, password: PASSWORD }),
    });
    const { accessToken } = (await response.json()) as { accessToken: string };
    const admin = await signIn(desks.server.url, adminUser.email);
    await call(desks.server.url, admin, 'POST', `/v1/devices/${deskId}/revoke`);
    const asDesk = (method: string, path: string, body?: unknown) =>
      fetch(`${desks.server.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${accessToken}`,
          'x-koe-desk-id': deskId,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const pull = await asDesk('GET', '/v1/sync/pull?since=0');
    expect(pull.status).toBe(403);
    expect(((await pull.json()) as { error: { code: string } }).error.code).toBe('device_revoked');
    const stream = await asDesk('GET', '/v1/events');
    expect(stream.status).toBe(403);
    await stream.body?.cancel();
    // Its records are still taken (an empty batch: accepted, nothing in it).
    expect((await asDesk('POST', '/v1/voc/batch', { records: [] })).status).not.toBe(403);
    // The desk's token is refused without the desk's header too (the token names its desk)…
    const bare = await call(desks.server.url, accessToken, 'GET', '/v1/sync/pull?since=0');
    expect([bare.status, (bare.json as { error: { code: string } }).error.code]).toEqual([
      403,
      'device_revoked',
    ]);
    // …while the same user signed in where no device is named (a browser) is not refused.
    const elsewhere = await signIn(desks.server.url, agentUser.email);
    expect((await call(desks.server.url, elsewhere, 'GET', '/v1/sync/pull?since=0')).status).toBe(
      200,
    );
  });
});

describe('a desk past its offline grace', () => {
  let proxy: LoopbackProxy;
  beforeAll(async () => {
    proxy = await startLoopbackProxy(desks.server.url);
    const admin = await signIn(desks.server.url, adminUser.email);
    const pushed = await call(desks.server.url, admin, 'POST', '/v1/data/batch', {
      records: [
        {
          type: 'policy',
          data: {
            id: 'pol-data-protection',
            kind: 'data_protection',
            labelJa: '個人情報の保護',
            labelEn: 'Data protection',
            params: { offlineGraceHours: 2 },
            active: true,
            updatedAt: new Date().toISOString(),
          },
        },
      ],
    });
    expect(pushed.status).toBe(200);
  });
  afterAll(() => proxy?.close());

  it('locks customer data, still saves wrap-ups, and opens again when it reaches the retailer', async () => {
    const core = await startDesk(desks.tempDir(), proxy.url, 'offline desk');
    const first = await pulled(core);
    expect((await core.router.handle('customers:card', { customerId: customers[5]!.id })).ok).toBe(
      true,
    );

    // The network goes; the last contact was more than the retailer's 2 hours ago.
    proxy.down();
    await waitFor<SyncStatus>(core, 'sync:status', (s) => !s.online);
    const lastContact = new Date(Date.now() - 2 * 3_600_000 - 60_000).toISOString();
    core.database.sqlite
      .prepare(`update sync_state set value = ? where key = 'last_synced_at'`)
      .run(lastContact);
    core.offlineGrace?.check();
    const lock = await value<DeskLockState>(core, 'lock:state', {});
    expect(lock).toMatchObject({
      locked: true,
      cause: 'offline',
      offline: { lastContactAt: lastContact, graceHours: 2 },
    });
    for (const [channel, input] of [
      ['customers:card', { customerId: customers[5]!.id }],
      ['customers:search', { query: '取消' }],
      ['customers:screenPop', { phone: customers[5]!.phone }],
    ] as const) {
      expect([channel, await core.router.handle(channel, input as never)]).toMatchObject([
        channel,
        { ok: false, error: { code: 'locked' } },
      ]);
    }
    // A call still ends and its wrap-up still saves: the outbox keeps it for later.
    const saved = await wrappedUpCall(core, customers[6]!, 'オフライン中の対応');
    expect(count(core, 'outbox')).toBe(1);
    // The PIN does not open it.
    expect(await core.router.handle('lock:unlock', { pin: '123456' })).toMatchObject({
      ok: true,
      value: { unlocked: false },
    });

    // Back online: the pull succeeds, the lock lifts, and the wrap-up went.
    const unlocked = waitFor<DeskLockState>(core, 'lock:changed', (s) => !s.locked);
    proxy.up();
    await unlocked;
    expect((await core.router.handle('customers:card', { customerId: customers[5]!.id })).ok).toBe(
      true,
    );
    await waitFor<SyncStatus>(core, 'sync:status', (s) => s.pendingOutbox === 0).catch(() => null);
    const atRetailer = await desks.server.store.db
      .selectFrom('voc_records')
      .select('id')
      .where('id', '=', saved.vocId)
      .execute();
    expect(atRetailer).toHaveLength(1);
    expect(first.lastSyncedAt).not.toBeNull();
  }, 60_000);

  it('a center whose contract the operator ends: its online desk hears it within 5 s, sends its wrap-up and erases', async () => {
    const dataDir = desks.tempDir();
    const core = await startDesk(
      dataDir,
      desks.server.url,
      'ended center desk',
      endedCenterAgent.email,
    );
    await pulled(core);
    if (core.syncStatus().stream !== 'connected')
      await waitFor<SyncStatus>(core, 'sync:status', (s) => s.stream === 'connected');
    const saved = await wrappedUpCall(core, customers[8]!, '契約終了前の最後の対応');

    const { key } = await createOperatorKey(desks.server.store.db, 'revocation test');
    const erased = waitFor<DeskLockState>(core, 'lock:changed', (s) => s.revoked?.erased === true);
    const startedAt = Date.now();
    const disabled = await call(
      desks.server.url,
      key,
      'POST',
      `/v1/operator/tenants/${A.id}/centers/${A.centers[1]}/disable`,
    );
    expect(disabled.status).toBe(200);
    // The test asks the desk for nothing: it learns it from the server on its own, online.
    const lock = await erased;
    const tookMs = Date.now() - startedAt;
    expect(tookMs).toBeLessThan(5_000);
    expect(lock.revoked).toMatchObject({
      reason: 'center_disabled',
      erased: true,
      unsentWrapUps: 0,
    });
    const atRetailer = await desks.server.store.db
      .selectFrom('voc_records')
      .select('id')
      .where('id', '=', saved.vocId)
      .execute();
    expect(atRetailer).toHaveLength(1);
    expect(count(core, 'customers')).toBe(0);
    console.log(`[revocation] ended center's online desk erased ${tookMs} ms after the disable`);
  }, 60_000);
});
