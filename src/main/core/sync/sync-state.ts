import type Sqlite from 'better-sqlite3';
import type { ChangeCounterKey } from './pulled-change-counters';

/** Small key → value facts about sync kept in the cache itself, so they commit with the data. */
export function syncStateStore(sqlite: Sqlite.Database) {
  const read = sqlite.prepare('select value from sync_state where key = ?');
  const write = sqlite.prepare(
    'insert into sync_state (key, value) values (?, ?) on conflict(key) do update set value = excluded.value',
  );
  const remove = sqlite.prepare('delete from sync_state where key = ?');
  return {
    get: (key: SyncStateKey): string | null =>
      (read.get(key) as { value: string } | undefined)?.value ?? null,
    set: (key: SyncStateKey, value: string): void => void write.run(key, value),
    delete: (key: SyncStateKey): void => void remove.run(key),
  };
}

export type SyncStateKey =
  /** The server cursor after the last applied page. Absent: nothing pulled yet (bootstrap). */
  | 'cursor'
  /** The Koe version that pulled up to the cursor: an upgrade may have to pull again. */
  | 'cursor_desk_version'
  /** JSON of the secondary indexes dropped for a bootstrap, rebuilt when it completes. */
  | 'deferred_indexes'
  /** The retention date last purged to, so the purge runs once per date. */
  | 'purged_before'
  /** The retailer's retention window in days, so the desk keeps purging while offline. */
  | 'retention_days'
  /** Set once the file was vacuumed after secure_delete came in (older deleted bytes gone). */
  | 'erasure_vacuumed'
  /**
   * A counter raised whenever a customer leaves the search index: their terms stay in its
   * segments until the retention purge rewrites them (erasure/sliced-purge.ts).
   */
  | 'search_index_rewrite'
  | 'last_synced_at'
  /** JSON: when the retailer revoked this desk and how many wrap-ups it could not send. */
  | 'device_revoked'
  /** Records of a type pulled so far (written by pulled-change-counters.ts). */
  | ChangeCounterKey;
