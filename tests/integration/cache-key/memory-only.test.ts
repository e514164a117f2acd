import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import { standInKeyVault, type KeyVault } from '../../../src/main/core/cache-key/key-vault';
import { startKoeCore } from '../../../src/main/core/koe-core';
import { customerRecord } from '../../fixtures/retailer-records';

/** A desk with no keychain (Linux's basic_text): the key lives for one run only. */
describe('a desk without a keychain', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const noKeychain: KeyVault = { ...standInKeyVault(), refusal: () => 'no_keychain' };
  const start = (dataDir: string, keyVault: KeyVault) =>
    startKoeCore({ dataDir, appVersion: 'test', keyVault, ctiPort: false, predictions: false });

  it('encrypts the cache with a key of this run, and starts afresh at the next start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'koe-memory-only-'));
    dirs.push(dataDir);
    const first = await start(dataDir, noKeychain);
    expect(first.cacheProtection()).toEqual({ mode: 'memory_only', reason: 'no_keychain' });
    createRecordWriter(first.database.sqlite).apply([
      customerRecord({ id: 'c-1', familyName: '一時' }),
    ]);
    first.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(join(dataDir, 'koe.sqlite'));
    expect(bytes.includes('SQLite format 3')).toBe(false);
    expect(bytes.includes(Buffer.from('一時'))).toBe(false);
    await first.close();

    // The next run cannot read the last one's file: it is removed, and the desk starts empty.
    const second = await start(dataDir, noKeychain);
    const card = await second.router.handle('customers:card', { customerId: 'c-1' });
    expect(card).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await second.close();
  });
});
