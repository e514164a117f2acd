import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import { session as sessionSchema, type Session } from '../../shared/protocol/auth';
import type { SessionStore } from '../core/sync/retailer-api';

/**
 * The retailer session, encrypted with the OS keychain through Electron's safeStorage. Where
 * no keychain is available the session is kept in memory only: the agent signs in again after
 * a restart rather than leaving tokens on disk in the clear.
 */
export function safeStorageSessions(dataDir: string): SessionStore {
  const file = join(dataDir, 'retailer-session.bin');
  let current: Session | null = null;
  if (safeStorage.isEncryptionAvailable() && existsSync(file)) {
    try {
      const parsed = sessionSchema.safeParse(
        JSON.parse(safeStorage.decryptString(readFileSync(file))),
      );
      if (parsed.success) current = parsed.data;
    } catch {
      rmSync(file, { force: true });
    }
  }
  return {
    load: () => current,
    save(next) {
      current = next;
      if (!safeStorage.isEncryptionAvailable()) return;
      writeFileSync(`${file}.tmp`, safeStorage.encryptString(JSON.stringify(next)));
      renameSync(`${file}.tmp`, file);
    },
    clear() {
      current = null;
      rmSync(file, { force: true });
    },
  };
}
