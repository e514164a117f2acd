import { cpSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyChanges } from '../../../server/src/data/change-log';
import { DEVICE_GRANT_FILE } from '../../../src/main/core/cache-key/cache-keys';
import { standInKeyVault } from '../../../src/main/core/cache-key/key-vault';
import { AppError } from '../../../src/main/core/platform/errors';
import type { KoeCore } from '../../../src/main/core/koe-core';
import { nextEvent, useRetailerWithDesks } from '../../fixtures/desk-with-retailer';
import { customerRecord } from '../../fixtures/retailer-records';
import { TENANTS } from '../../fixtures/test-server';

/**
 * The desk as the app starts it (sync worker, Kysely reads, the key sealed by a vault), against
 * a real retailer API on loopback: the customers it pulls never reach the disk readable, and
 * the data folder alone does not open them. The vault is the stand-in (no Electron here).
 */
const A = TENANTS[0]!;
const agentUser = A.users.find((u) => u.role === 'agent' && u.centerId === A.centers[0])!;
const CUSTOMERS = 250;
const pad = (i: number) => String(i).padStart(4, '0');
const customers = Array.from({ length: CUSTOMERS }, (_, i) => ({
  id: `pii-${pad(i)}`,
  familyName: `秘密${pad(i)}`,
  phone: `090-5555-${pad(i)}`,
  email: `pii.${pad(i)}@example.jp`,
  addressLine: `暗号町${pad(i)}番地`,
}));
/** 1,000 known PII strings: each customer's name, phone digits, e-mail and address. */
const PII = customers.flatMap((c) => [
  c.familyName,
  `5555${c.phone.slice(-4)}`,
  c.email,
  c.addressLine,
]);

const vault = standInKeyVault('this test desk');
const desks = useRetailerWithDesks({
  tempPrefix: 'koe-encrypted-desk-',
  seed: (server) =>
    applyChanges(
      server.store.db,
      A.id,
      customers.map((c) =>
        customerRecord({
          id: c.id,
          familyName: c.familyName,
          phones: [{ number: c.phone, kind: 'mobile' }],
          emails: [c.email],
          addressLine: c.addressLine,
        }),
      ),
      [],
    ).then(() => undefined),
});
let dataDir: string;
beforeAll(() => {
  dataDir = desks.tempDir();
});

const startDesk = (dir = dataDir, keyVault = vault): Promise<KoeCore> =>
  desks.startDesk({ dataDir: dir, keyVault, email: agentUser.email });

const synced = (core: KoeCore) =>
  nextEvent(core, 'sync:status', (s) => s.phase === 'idle' && s.lastSyncedAt !== null, 60_000);

/**
 * A file's bytes, or null for a folder or a file gone since the listing (SQLite removes its -shm
 * when the last connection closes; a file that no longer exists holds nothing).
 */
function readIfFile(file: string): Buffer | null {
  try {
    return statSync(file).isFile() ? readFileSync(file) : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Every PII string found in the raw bytes of every file in the folder (none expected). */
function piiInFolder(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    const bytes = readIfFile(file);
    if (!bytes) continue;
    if (bytes.includes('SQLite format 3')) found.push(`${name}: SQLite header`);
    for (const text of PII) if (bytes.includes(Buffer.from(text))) found.push(`${name}: ${text}`);
  }
  return found;
}

describe('an encrypted desk cache', () => {
  it('bootstraps and pops customers through the sync worker and Kysely; no PII in any file, WAL included', async () => {
    const core = await startDesk();
    try {
      await synced(core);
      // Bound to the retailer: the sign-in's device grant now wraps the key.
      expect(core.cacheProtection()).toEqual({
        mode: 'encrypted',
        vault: 'stand-in',
        boundToRetailer: true,
      });
      for (const c of customers.slice(0, 20)) {
        const pop = await core.router.handle('customers:screenPop', { phone: c.phone });
        expect(pop).toMatchObject({ ok: true, value: { card: { customer: { id: c.id } } } });
      }
      const search = await core.router.handle('customers:search', { query: customers[7]!.email });
      expect(search).toMatchObject({ ok: true });
      // Open: the WAL holds the bootstrap's pages right now.
      const files = readdirSync(dataDir);
      expect(files.some((f) => f.endsWith('.sqlite-wal'))).toBe(true);
      expect(piiInFolder(dataDir)).toEqual([]);
    } finally {
      await core.close();
    }
    expect(piiInFolder(dataDir)).toEqual([]);
  }, 60_000);

  it('opens again offline with the same keychain and the kept grant', async () => {
    const core = await desks.startDesk({
      dataDir,
      keyVault: vault,
      core: { databaseFile: join(dataDir, 'koe.sqlite') },
    });
    try {
      const card = await core.router.handle('customers:card', { customerId: customers[3]!.id });
      expect(card).toMatchObject({ ok: true, value: { customer: { id: customers[3]!.id } } });
    } finally {
      await core.close();
    }
  });

  it('does not open from the data folder alone: without the grant, or on another keychain', async () => {
    const copy = desks.tempDir();
    cpSync(dataDir, copy, { recursive: true });
    const otherKeychain = await startDesk(copy, standInKeyVault('another computer')).catch(
      (error: unknown) => error,
    );
    expect(otherKeychain).toBeInstanceOf(AppError);
    expect(otherKeychain).toMatchObject({ code: 'cache_key_refused' });

    rmSync(join(copy, DEVICE_GRANT_FILE));
    const noGrant = await startDesk(copy).catch((error: unknown) => error);
    expect(noGrant).toBeInstanceOf(AppError);
    expect(noGrant).toMatchObject({
      code: 'cache_key_refused',
      message: expect.stringMatching(/grant from the retailer is missing/),
    });
  });
});
