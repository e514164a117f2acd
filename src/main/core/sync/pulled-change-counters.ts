import type Sqlite from 'better-sqlite3';
import type { PullPage, PulledRecordType } from '../../../shared/protocol/sync';

/**
 * How many records of each type the pull has written or deleted, ever: one counter per type in
 * `sync_state` (`changes:<type>`), bumped in the page's own transaction. Whoever derives
 * something from the cache (the prediction models) compares counters instead of scanning
 * tables to learn whether its inputs moved — an edit in place (a contact's reason corrected, a
 * parcel marked lost) moves them as surely as a new row.
 */
export type ChangeCounterKey = `changes:${PulledRecordType}`;

export function pulledChangeCounter(sqlite: Sqlite.Database): (page: PullPage) => void {
  const bump = sqlite.prepare(
    `insert into sync_state (key, value) values (?, ?)
     on conflict(key) do update set value = cast(value as integer) + cast(excluded.value as integer)`,
  );
  return (page) => {
    const counts = new Map<PulledRecordType, number>();
    for (const { type } of [...page.records, ...page.deletions]) {
      counts.set(type, (counts.get(type) ?? 0) + 1);
    }
    for (const [type, n] of counts) bump.run(`changes:${type}`, String(n));
  };
}

/** The sum of the counters of these record types (0 before any pull). */
export function readPulledChanges(
  sqlite: Sqlite.Database,
  types: readonly PulledRecordType[],
): number {
  if (types.length === 0) return 0;
  const row = sqlite
    .prepare(
      `select coalesce(sum(cast(value as integer)), 0) as n from sync_state
        where key in (${types.map(() => '?').join(', ')})`,
    )
    .get(...types.map((t) => `changes:${t}`)) as { n: number };
  return row.n;
}
