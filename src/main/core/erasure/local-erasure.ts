import type Sqlite from 'better-sqlite3';
import { createRecordRemover } from './remove-records';

/**
 * Erasure of customer data from the desk's cache, so that erased means erased: the rows go, and
 * so do their bytes. Every connection runs with `secure_delete = ON` (see `openSqlite`): a
 * deleted row's cell and every page it frees are overwritten with zeros. The write-ahead log
 * still holds earlier images of those pages until a checkpoint copies the zeroed pages back and
 * truncates it: {@link scrubDeletedBytes} does that after every purge or wipe.
 */

/** How many rows of each kind one purge or wipe removed (for the log and tests). */
export interface ErasureCounts {
  /** Rows of the retailer's data (customers, orders, contacts… and their index entries). */
  retailerRows: number;
  vocRecords: number;
  outboxRows: number;
  auditRows: number;
  deskCalls: number;
}

/** What the scrub did: `complete` is false when a reader kept the log from being emptied. */
export interface ScrubResult {
  complete: boolean;
  walFramesLeft: number;
  vacuumed: boolean;
}

/** What the desk itself wrote, in the order a sliced purge removes it (see `purgeOwnSlice`). */
export const OWN_ROW_KINDS = ['vocRecords', 'outboxRows', 'auditRows', 'deskCalls'] as const;
export type OwnRowKind = (typeof OWN_ROW_KINDS)[number];

export interface LocalEraser {
  purgeBefore(before: string): ErasureCounts;
  /**
   * At most `limit` rows of one kind the desk wrote that fell out of the window, in one short
   * transaction; how many went (fewer than `limit`: none of that kind is left).
   */
  purgeOwnSlice(kind: OwnRowKind, before: string, limit: number): number;
  /** Customers with no activity since `since` (the retailer's minimization); how many went. */
  purgeInactiveSince(since: string): number;
  /** The customers `purgeInactiveSince` would remove, found by a read (no write lock). */
  inactiveCustomerIds(since: string): string[];
  wipeCustomerData(): ErasureCounts;
  /**
   * The retailer revoked this desk: everything that names a customer goes, wrap-ups the
   * retailer never received included (a revoked desk can send nothing more and its key will not
   * open again). `unsentWrapUps` says how many of those there were.
   */
  eraseForRevocation(): ErasureCounts & { unsentWrapUps: number };
}

export function createLocalEraser(sqlite: Sqlite.Database): LocalEraser {
  const remover = createRecordRemover(sqlite);
  const p = (source: string) => sqlite.prepare(source);
  const past = {
    // A record the retailer acknowledged has no outbox row left (push-outbox deletes it); one
    // still waiting (pending) is kept whatever its age: it is the only copy of that wrap-up.
    vocRecords: p(
      `delete from voc_records where saved_at < ? and id not in
         (select entity_id from outbox where kind = 'voc_record' and state = 'pending')`,
    ),
    // A refused row is the retailer's answer too; past the window it goes with its record.
    outboxRows: p(`delete from outbox where state <> 'pending' and created_at < ?`),
    auditRows: p('delete from audit_log where at < ?'),
    // A call whose wrap-up is saved (no draft left) still names its caller's number.
    deskCalls: p('delete from desk_calls where draft is null and updated_at < ?'),
  };
  // The same conditions as `past`, a slice at a time (by rowid: every one of these is a rowid table).
  const pastSlice: Record<OwnRowKind, Sqlite.Statement> = {
    vocRecords: p(
      `delete from voc_records where rowid in (select rowid from voc_records where saved_at < ? and id not in
         (select entity_id from outbox where kind = 'voc_record' and state = 'pending') limit ?)`,
    ),
    outboxRows: p(
      `delete from outbox where rowid in (select rowid from outbox where state <> 'pending' and created_at < ? limit ?)`,
    ),
    auditRows: p(
      'delete from audit_log where rowid in (select rowid from audit_log where at < ? limit ?)',
    ),
    deskCalls: p(
      'delete from desk_calls where rowid in (select rowid from desk_calls where draft is null and updated_at < ? limit ?)',
    ),
  };
  const everything = {
    vocRecords: p(
      `delete from voc_records where id not in
         (select entity_id from outbox where kind = 'voc_record' and state = 'pending')`,
    ),
    outboxRows: p(`delete from outbox where state <> 'pending'`),
    auditRows: p('delete from audit_log'),
    deskCalls: p('delete from desk_calls where draft is null'),
  };
  const revocation = {
    unsent: p(`select count(*) as n from outbox where state = 'pending' and kind = 'voc_record'`),
    vocRecords: p('delete from voc_records'),
    outboxRows: p('delete from outbox'),
    auditRows: p('delete from audit_log'),
    deskCalls: p('delete from desk_calls'),
    // Alerts name the customer and carry the agent's note.
    alerts: p('delete from supervisor_alerts'),
  };
  const customerTables = [
    'tracking_events',
    'shipments',
    'order_lines',
    'orders',
    'returns',
    'claims',
    'contacts',
    'notices',
    'customer_phones',
    'customer_emails',
    'customers',
    // Fitted on customers' histories; refitted from what the next sign-in brings.
    'prediction_models',
  ].map((table) => p(`delete from ${table}`));
  // The contentless full-text index empties with its own command.
  const clearSearch = p(`insert into customer_search(customer_search) values ('delete-all')`);
  // A wiped cache starts over: the next sign-in pulls from the beginning.
  const forgetCursor = p(
    `delete from sync_state where key in ('cursor', 'deferred_indexes', 'purged_before')`,
  );

  // Active: changed, ordered or contacted since; otherwise not kept (orders go with them).
  const inactiveCustomers = p(
    `select id from customers c where c.updated_at < @since
       and not exists (select 1 from orders o where o.customer_id = c.id
                        and (o.placed_at >= @since or o.updated_at >= @since))
       and not exists (select 1 from contacts k where k.customer_id = c.id and k.occurred_at >= @since)`,
  );
  const changes = p('select total_changes() as n');
  const totalChanges = () => (changes.get() as { n: number }).n;
  const run = (statements: Record<keyof typeof past, Sqlite.Statement>, ...args: string[]) => ({
    vocRecords: statements.vocRecords.run(...args).changes,
    outboxRows: statements.outboxRows.run(...args).changes,
    auditRows: statements.auditRows.run(...args).changes,
    deskCalls: statements.deskCalls.run(...args).changes,
  });

  return {
    /**
     * Everything older than the retention window (`before`, an ISO date or instant), in one
     * transaction: the retailer's customer history the pull purges, and what the desk itself
     * wrote — VoC records the retailer has, refused outbox rows, audit rows, finished calls.
     */
    purgeBefore: sqlite.transaction((before: string): ErasureCounts => {
      const start = totalChanges();
      remover.purgeBefore(before);
      return { retailerRows: totalChanges() - start, ...run(past, before) };
    }),

    // One statement: atomic on its own (the sliced purge runs it in its own short transaction).
    purgeOwnSlice: (kind, before, limit) => pastSlice[kind].run(before, limit).changes,

    inactiveCustomerIds: (since) =>
      (inactiveCustomers.all({ since }) as { id: string }[]).map(({ id }) => id),

    purgeInactiveSince: sqlite.transaction((since: string): number => {
      const ids = (inactiveCustomers.all({ since }) as { id: string }[]).map(({ id }) => ({
        type: 'customer' as const,
        id,
      }));
      return remover.remove(ids);
    }),

    /**
     * Sign-out with wipe: every customer the cache holds, and what the desk wrote about them.
     * Wrap-ups the retailer has not acknowledged stay (with their outbox rows) and go at the
     * next sign-in; the scripts, taxonomy and policies stay (they name no customer).
     */
    wipeCustomerData: sqlite.transaction((): ErasureCounts => {
      const start = totalChanges();
      for (const statement of customerTables) statement.run();
      clearSearch.run();
      const retailerRows = totalChanges() - start;
      forgetCursor.run();
      return { retailerRows, ...run(everything) };
    }),

    eraseForRevocation: sqlite.transaction(() => {
      const unsentWrapUps = (revocation.unsent.get() as { n: number }).n;
      const start = totalChanges();
      for (const statement of customerTables) statement.run();
      clearSearch.run();
      const retailerRows = totalChanges() - start;
      forgetCursor.run();
      revocation.alerts.run();
      return {
        retailerRows,
        vocRecords: revocation.vocRecords.run().changes,
        outboxRows: revocation.outboxRows.run().changes,
        auditRows: revocation.auditRows.run().changes,
        deskCalls: revocation.deskCalls.run().changes,
        unsentWrapUps,
      };
    }),
  };
}

/**
 * Makes deleted rows unrecoverable from the files: the full-text index deletes its entries for
 * real (FTS5 `secure-delete`, a setting kept in the file), and the write-ahead log is
 * checkpointed into the zeroed pages and truncated to nothing. A reader on another connection
 * (the sync or prediction worker) can hold the log for a moment: the checkpoint waits for it at
 * most `busyMs` (it runs on the thread that answers the UI) and says when it could not finish,
 * so the caller tries again. `vacuum` rewrites the whole file (a cache written before
 * secure_delete was on still has deleted bytes in its free space); run once per file.
 */
export function scrubDeletedBytes(
  sqlite: Sqlite.Database,
  options: { busyMs?: number; vacuum?: boolean } = {},
): ScrubResult {
  const busy = sqlite.pragma('busy_timeout', { simple: true }) as number;
  sqlite.pragma(`busy_timeout = ${options.busyMs ?? 200}`);
  try {
    if (options.vacuum) sqlite.exec('vacuum');
    const [result] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as {
      busy: number;
      log: number;
      checkpointed: number;
    }[];
    const framesLeft = result ? Math.max(0, result.log) : 0;
    // busy = 1: a reader or writer kept the checkpoint from finishing; log = 0 once truncated.
    return {
      complete: result !== undefined && result.busy === 0 && result.log <= 0,
      walFramesLeft: framesLeft,
      vacuumed: options.vacuum === true,
    };
  } finally {
    sqlite.pragma(`busy_timeout = ${busy}`);
  }
}

/**
 * The full-text index of customers keeps a deleted row's tokens until its segments merge,
 * unless told to delete them at once. A setting stored in the index: set it once per file.
 */
export function enableSearchIndexSecureDelete(sqlite: Sqlite.Database): void {
  sqlite
    .prepare(`insert into customer_search(customer_search, rank) values ('secure-delete', 1)`)
    .run();
}
