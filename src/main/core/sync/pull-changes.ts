import type Sqlite from 'better-sqlite3';
import type { PullPage } from '../../../shared/protocol/sync';
import { createRecordWriter } from '../db/apply-records';
import { createRecordRemover } from '../db/remove-records';
import { SyncError, type RetailerApi } from './retailer-api';
import { syncStateStore } from './sync-state';

export interface PullOptions {
  pageSize?: number;
  /** Called after each page committed (progress, tests). */
  onPage?: (page: PullPage, applied: number) => void;
}

export interface PullResult {
  pages: number;
  records: number;
  deletions: number;
  bootstrap: boolean;
  cursor: string;
}

/**
 * Pulls every change after the stored cursor. Each page — its records, deletions and the new
 * cursor — commits in one transaction, so a crash at any point resumes at the first page not
 * committed. A first pull (bootstrap) drops the search-only indexes, loads, and builds them once
 * at the end; a crash mid-bootstrap leaves that note in sync_state and the next run finishes it.
 */
export async function pullChanges(
  sqlite: Sqlite.Database,
  api: RetailerApi,
  options: PullOptions = {},
): Promise<PullResult> {
  const state = syncStateStore(sqlite);
  const writer = createRecordWriter(sqlite);
  const remover = createRecordRemover(sqlite);
  const bootstrap = state.get('cursor') === null || state.get('deferred_indexes') !== null;
  if (bootstrap) deferSecondaryIndexes(sqlite);

  const result: PullResult = {
    pages: 0,
    records: 0,
    deletions: 0,
    bootstrap,
    cursor: state.get('cursor') ?? '0',
  };
  let purgeBefore: string | null = null;
  const commitPage = sqlite.transaction((page: PullPage) => {
    writer.apply(page.records);
    remover.remove(page.deletions);
    state.set('cursor', page.cursor);
    state.set('last_synced_at', page.serverTime);
  });

  // While a page is stored, the next one is already asked for: the server reads, serializes and
  // compresses it (and the network carries it) while this thread writes. A page still commits
  // only after the one before it, with its own cursor, so nothing else changes.
  let next = api.pull(result.cursor, options.pageSize);
  for (;;) {
    const page = await next;
    if (page.hasMore) {
      next = api.pull(page.cursor, options.pageSize);
      // Awaited on the next turn; if this page fails to commit, that answer is never read.
      next.catch(() => undefined);
      // One turn of the event loop sends the request before the synchronous commit below.
      await new Promise((resolve) => setImmediate(resolve));
    }
    try {
      commitPage(page);
    } catch (error) {
      // The transaction rolled back: nothing of the page is kept and the cursor did not move.
      throw new SyncError(
        'invalid_response',
        `The page after change ${result.cursor} could not be stored: ${(error as Error).message}`,
      );
    }
    result.pages++;
    result.records += page.records.length;
    result.deletions += page.deletions.length;
    result.cursor = page.cursor;
    purgeBefore = page.purgeBefore;
    options.onPage?.(page, page.records.length + page.deletions.length);
    if (!page.hasMore) break;
  }

  if (bootstrap) rebuildDeferredIndexes(sqlite);
  if (purgeBefore && purgeBefore !== state.get('purged_before')) {
    sqlite.transaction(() => {
      remover.purgeBefore(purgeBefore as string);
      state.set('purged_before', purgeBefore as string);
    })();
  }
  return result;
}

/**
 * The search-only indexes, built once after a bootstrap instead of row by row. The indexes the
 * screen pop reads (orders, shipments, returns, claims, contacts and notices by customer) stay,
 * so a call that rings during a bootstrap still pops in milliseconds for the customers loaded.
 */
const DEFERRED_DURING_BOOTSTRAP = [
  'customers_by_family_name',
  'customers_by_given_name',
  'customers_by_family_name_kana',
  'customers_by_given_name_kana',
  'shipments_by_tracking_number',
];

/**
 * Drops the deferred indexes for the bulk load, remembering their SQL in the same
 * transaction, so whatever happens next the definitions are never lost.
 */
function deferSecondaryIndexes(sqlite: Sqlite.Database): void {
  const state = syncStateStore(sqlite);
  sqlite.transaction(() => {
    const remembered = JSON.parse(state.get('deferred_indexes') ?? '[]') as {
      name: string;
      sql: string;
    }[];
    const live = sqlite
      .prepare(
        `select name, sql from sqlite_master where type = 'index' and sql is not null and name in (${DEFERRED_DURING_BOOTSTRAP.map(() => '?').join(', ')})`,
      )
      .all(...DEFERRED_DURING_BOOTSTRAP) as { name: string; sql: string }[];
    for (const index of live) sqlite.exec(`drop index ${index.name}`);
    state.set('deferred_indexes', JSON.stringify([...remembered, ...live]));
  })();
}

function rebuildDeferredIndexes(sqlite: Sqlite.Database): void {
  const state = syncStateStore(sqlite);
  sqlite.transaction(() => {
    const deferred = JSON.parse(state.get('deferred_indexes') ?? '[]') as {
      name: string;
      sql: string;
    }[];
    for (const index of deferred)
      sqlite.exec(index.sql.replace(/^create index/i, 'create index if not exists'));
    state.delete('deferred_indexes');
  })();
  sqlite.pragma('optimize');
}
