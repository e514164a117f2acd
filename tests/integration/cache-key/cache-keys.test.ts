import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CACHE_KEY_FILE,
  DEVICE_GRANT_FILE,
  discardCacheAndKeys,
  openCacheKeys,
} from '../../../src/main/core/cache-key/cache-keys';
import { standInKeyVault, type KeyVault } from '../../../src/main/core/cache-key/key-vault';
import { AppError } from '../../../src/main/core/platform/errors';

/** The cache key's files in a real data folder, sealed by the stand-in vault. */
describe('the cache key', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'koe-cache-keys-'));
    dirs.push(dir);
    return dir;
  };
  const vault = standInKeyVault('desk A');
  const grant = randomBytes(32).toString('base64url');
  const refusedWith = (fn: () => unknown, why: RegExp) => {
    let error: unknown = null;
    try {
      fn();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'cache_key_refused', message: expect.stringMatching(why) });
  };

  it('is random per install and never on disk in the clear', () => {
    const dataDir = folder();
    const first = openCacheKeys({ dataDir, vault });
    expect(first.key).toHaveLength(32);
    expect(openCacheKeys({ dataDir: folder(), vault }).key.equals(first.key)).toBe(false);
    first.acceptGrant(grant);
    for (const name of readdirSync(dataDir)) {
      const bytes = readFileSync(join(dataDir, name));
      for (const form of ['hex', 'base64', 'base64url'] as const) {
        expect(bytes.includes(first.key.toString(form))).toBe(false);
      }
      expect(bytes.includes(first.key)).toBe(false);
      expect(bytes.includes(grant)).toBe(false);
    }
  });

  it('is bound to the grant once one arrives: the same key with it, refused without it or with another', () => {
    const dataDir = folder();
    const keys = openCacheKeys({ dataDir, vault });
    expect(keys.protection()).toMatchObject({ boundToRetailer: false });
    keys.acceptGrant(grant);
    expect(keys.protection()).toMatchObject({ boundToRetailer: true });
    expect(openCacheKeys({ dataDir, vault }).key.equals(keys.key)).toBe(true);

    // Another grant in the grant file (sealed by the same keychain): the key stays shut.
    writeFileSync(join(dataDir, DEVICE_GRANT_FILE), vault.seal(Buffer.from('x'.repeat(43))));
    refusedWith(() => openCacheKeys({ dataDir, vault }), /grant from the retailer does not open/);
    rmSync(join(dataDir, DEVICE_GRANT_FILE));
    refusedWith(() => openCacheKeys({ dataDir, vault }), /grant from the retailer is missing/);
  });

  it('is refused on another keychain (the folder copied to another computer or user)', () => {
    const dataDir = folder();
    openCacheKeys({ dataDir, vault }).acceptGrant(grant);
    refusedWith(
      () => openCacheKeys({ dataDir, vault: standInKeyVault('desk B') }),
      /OS keychain of this computer and user cannot open it/,
    );
  });

  it('follows a new grant, and a crash between its two files still opens', () => {
    const dataDir = folder();
    const keys = openCacheKeys({ dataDir, vault });
    keys.acceptGrant(grant);
    const next = randomBytes(32).toString('base64url');
    // The crash: the key file gets its bridging write (old and new wraps), the grant file not.
    let writes = 0;
    const crashing: KeyVault = {
      ...vault,
      seal: (plain) => {
        writes += 1;
        if (writes === 2) throw new Error('power cut');
        return vault.seal(plain);
      },
    };
    const reopened = openCacheKeys({ dataDir, vault: crashing });
    expect(() => reopened.acceptGrant(next)).toThrow('power cut');
    expect(openCacheKeys({ dataDir, vault }).key.equals(keys.key)).toBe(true);
    // Done properly, the new grant opens it and the old one no longer does.
    openCacheKeys({ dataDir, vault }).acceptGrant(next);
    expect(openCacheKeys({ dataDir, vault }).key.equals(keys.key)).toBe(true);
    writeFileSync(join(dataDir, DEVICE_GRANT_FILE), vault.seal(Buffer.from(grant)));
    refusedWith(() => openCacheKeys({ dataDir, vault }), /does not open/);
  });

  it('starts over when asked: every cache file and the key files go, nothing else', () => {
    const dataDir = folder();
    openCacheKeys({ dataDir, vault }).acceptGrant(grant);
    for (const name of [
      'koe.sqlite',
      'koe.sqlite-wal',
      'koe.sqlite-shm',
      'koe-0123456789ab.sqlite',
      'preferences.json',
      'desk-id',
    ]) {
      writeFileSync(join(dataDir, name), 'x');
    }
    discardCacheAndKeys(dataDir);
    expect(readdirSync(dataDir).sort()).toEqual(['desk-id', 'preferences.json']);
    expect(openCacheKeys({ dataDir, vault }).key).toHaveLength(32);
  });

  it('is kept in memory only where the vault refuses (no keychain): nothing is written', () => {
    const dataDir = folder();
    const noKeychain: KeyVault = { ...vault, refusal: () => 'no_keychain' };
    const keys = openCacheKeys({ dataDir, vault: noKeychain });
    expect(keys.protection()).toEqual({ mode: 'memory_only', reason: 'no_keychain' });
    keys.acceptGrant(grant);
    expect(existsSync(join(dataDir, CACHE_KEY_FILE))).toBe(false);
    expect(existsSync(join(dataDir, DEVICE_GRANT_FILE))).toBe(false);
    expect(openCacheKeys({ dataDir, vault: noKeychain }).key.equals(keys.key)).toBe(false);
  });
});
