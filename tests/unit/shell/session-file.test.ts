import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../src/shared/protocol/auth';
import { openSessionFile, type Keychain } from '../../../src/main/shell/session-file';

const session: Session = {
  accessToken: 'access-1',
  refreshToken: 'refresh-1',
  expiresInSeconds: 900,
  user: {
    id: 'u1',
    tenantId: 't1',
    centerId: null,
    role: 'agent',
    displayName: '佐藤',
  },
};

/**
 * Stands in for the OS keychain behind Electron's safeStorage, which cannot exist under plain
 * Node. Its "encryption" is a keyed, reversible transform, so the file on disk is checked not to
 * hold the tokens in the clear, and a rotated key is noticed on decryption.
 */
function keychain(options: { available?: boolean; key?: string; previousKeys?: string[] } = {}) {
  const key = options.key ?? 'k1';
  let encryptions = 0;
  const chain: Keychain & { encryptions(): number } = {
    isAsyncEncryptionAvailable: () => Promise.resolve(options.available ?? true),
    encryptStringAsync: (plainText) => {
      encryptions += 1;
      return Promise.resolve(Buffer.from(`${key}:${Buffer.from(plainText).toString('base64')}`));
    },
    decryptStringAsync: (encrypted) => {
      const [usedKey, body] = encrypted.toString().split(':');
      if (usedKey !== key && !options.previousKeys?.includes(usedKey ?? '')) {
        return Promise.reject(new Error('wrong key'));
      }
      return Promise.resolve({
        result: Buffer.from(body ?? '', 'base64').toString(),
        shouldReEncrypt: usedKey !== key,
      });
    },
    encryptions: () => encryptions,
  };
  return chain;
}

const sessionFile = () => join(mkdtempSync(join(tmpdir(), 'koe-session-')), 'retailer-session.bin');

describe('openSessionFile', () => {
  it('keeps the session across a restart, encrypted on disk', async () => {
    const file = sessionFile();
    const store = await openSessionFile(file, keychain());
    store.save(session);
    expect(store.load()).toEqual(session);
    await store.settled();
    expect(readFileSync(file, 'utf8')).not.toContain('access-1');

    const reopened = await openSessionFile(file, keychain());
    expect(reopened.load()).toEqual(session);
  });

  it('a sign-out made while a save is still being written stays signed out', async () => {
    const file = sessionFile();
    const store = await openSessionFile(file, keychain());
    store.save(session);
    store.clear();
    expect(store.load()).toBeNull();
    await store.settled();
    expect(existsSync(file)).toBe(false);
    expect((await openSessionFile(file, keychain())).load()).toBeNull();
  });

  it('writes nothing to disk when no keychain is available, and still answers from memory', async () => {
    const file = sessionFile();
    const chain = keychain({ available: false });
    const store = await openSessionFile(file, chain);
    store.save(session);
    await store.settled();
    expect(store.load()).toEqual(session);
    expect(existsSync(file)).toBe(false);
    expect(chain.encryptions()).toBe(0);
  });

  it('drops a file it cannot decrypt or parse, so the agent signs in again', async () => {
    const file = sessionFile();
    writeFileSync(file, 'other-key:garbage');
    expect((await openSessionFile(file, keychain())).load()).toBeNull();
    expect(existsSync(file)).toBe(false);

    writeFileSync(file, `k1:${Buffer.from('{not json').toString('base64')}`);
    expect((await openSessionFile(file, keychain())).load()).toBeNull();
    expect(existsSync(file)).toBe(false);
  });

  it('stores the session again under a rotated key', async () => {
    const file = sessionFile();
    const before = await openSessionFile(file, keychain({ key: 'k1' }));
    before.save(session);
    await before.settled();

    const rotated = keychain({ key: 'k2', previousKeys: ['k1'] });
    const after = await openSessionFile(file, rotated);
    expect(after.load()).toEqual(session);
    await after.settled();
    expect(readFileSync(file, 'utf8').startsWith('k2:')).toBe(true);
    expect(rotated.encryptions()).toBe(1);
  });
});
