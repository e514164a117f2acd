import { existsSync, rmSync } from 'node:fs';
import { isPlainSqliteFile } from '../platform/connection';
import type { SessionStore } from '../sync';
import type { CacheKeys } from './cache-keys';

/**
 * The session store the sync worker saves into, with the device grant taken out on the way:
 * the grant rewraps the cache key (and is kept sealed on its own), the session is kept without.
 */
export function grantKeepingSessions(inner: SessionStore, keys: CacheKeys): SessionStore {
  return {
    load: () => inner.load(),
    clear: () => inner.clear(),
    save(session) {
      const { deviceGrant, ...rest } = session;
      if (deviceGrant) {
        try {
          keys.acceptGrant(deviceGrant);
        } catch (error) {
          // The key stays under its current wrap; the next sign-in or refresh tries again.
          console.error('[koe] could not wrap the cache key under the device grant', error);
        }
      }
      inner.save(rest);
    },
  };
}

/**
 * With a key that lives in memory only, a cache left by an earlier run cannot be read again:
 * its files are removed before opening (a plain cache from before keys is kept: it is encrypted
 * in place with this run's key, and its unsynced wrap-ups go out in this run).
 */
export function discardUnreadableCache(dbFile: string): void {
  if (!existsSync(dbFile) || isPlainSqliteFile(dbFile)) return;
  for (const suffix of ['', '-wal', '-shm', '-journal'])
    rmSync(`${dbFile}${suffix}`, { force: true });
}
