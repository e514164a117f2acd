import { existsSync, readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { session as sessionSchema, type Session } from '../../shared/protocol/auth';
import type { SessionStore } from '../core/sync';

/**
 * The parts of Electron's safeStorage the session file uses: its asynchronous API. The
 * synchronous one (isEncryptionAvailable, encryptString, decryptString) is deprecated in
 * Electron 45 and will be removed; files it wrote decrypt with decryptStringAsync.
 */
export interface Keychain {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

export interface SessionFile extends SessionStore {
  /** Settles once every save and clear made so far has reached the disk (or failed to). */
  settled(): Promise<void>;
}

/**
 * The retailer session, encrypted with the OS keychain. Where no keychain is available the
 * session is kept in memory only: the agent signs in again after a restart rather than leaving
 * tokens on disk in the clear. The store answers from memory at once; writes to the file go one
 * after another in call order, so a sign-out (clear) made while a save is being encrypted is
 * never undone by that save landing afterwards.
 */
export async function openSessionFile(file: string, keychain: Keychain): Promise<SessionFile> {
  const encrypted = await keychain.isAsyncEncryptionAvailable().catch(() => false);
  let current: Session | null = null;
  let reEncrypt = false;
  if (encrypted && existsSync(file)) {
    try {
      const { result, shouldReEncrypt } = await keychain.decryptStringAsync(readFileSync(file));
      const parsed = sessionSchema.safeParse(JSON.parse(result));
      if (parsed.success) {
        current = parsed.data;
        reEncrypt = shouldReEncrypt;
      }
    } catch {
      // Written under another key or damaged: unreadable for good, so sign in again.
      await rm(file, { force: true });
    }
  }

  let writes: Promise<void> = Promise.resolve();
  const enqueue = (write: () => Promise<void>) => {
    writes = writes.then(write).catch((error: unknown) => {
      // The session stays in memory; only a restart would ask the agent to sign in again.
      console.warn(`Koe: the retailer session could not be written to ${file}:`, error);
    });
  };
  const save = (next: Session) => {
    current = next;
    if (!encrypted) return;
    enqueue(async () => {
      await writeFile(`${file}.tmp`, await keychain.encryptStringAsync(JSON.stringify(next)));
      await rename(`${file}.tmp`, file);
    });
  };

  // The keychain's key was rotated: store the session again under the new one.
  if (current && reEncrypt) save(current);

  return {
    load: () => current,
    save,
    clear() {
      current = null;
      enqueue(() => rm(file, { force: true }));
    },
    settled: () => writes,
  };
}
