import type Sqlite from 'better-sqlite3';
import type { PullPage } from '../../../shared/protocol/sync';
import { createRecordWriter } from '../db/apply-records';
import { createRecordRemover } from '../db/remove-records';
import { pulledChangeCounter } from './pulled-change-counters';
import { type OpenedPull, type RetailerApi } from './retailer-api';
import { SyncError } from './sync-error';
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
  const countChanges = pulledChangeCounter(sqlite);
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
  // A page asked for ahead of need is awaited on the next turn of the loop or dropped, so its
  // failure is never an unhandled rejection.
  const askEarly = (since: string) => {
    const early = api.openPull(since, options.pageSize);
    early.catch(() => undefined);
    return early;
  };
  const drop = (early: Promise<OpenedPull> | null) =>
    void early?.then((answer) => answer.cancel()).catch(() => undefined);
  const commitPage = sqlite.transaction((page: PullPage) => {
    writer.apply(page.records);
    remover.remove(page.deletions);
    countChanges(page);
    state.set('cursor', page.cursor);
    state.set('last_synced_at', page.serverTime);
  });

  // The next page is asked for as soon as this one's headers announce where it ends, so the
  // server reads, serializes and compresses it (and the network carries it) while this thread
  // reads, validates and stores the current one. At most one page is asked for ahead. A page
  // still commits only after the one before it, with its own cursor, and the body is the
  // authority: when it disagrees with the announcement, the early answer is dropped.
  let opened = api.openPull(result.cursor, options.pageSize);
  for (;;) {
    const current = await opened;
    const announced = current.announced;
    let ahead = announced?.hasMore ? askEarly(announced.cursor) : null;
    // A bootstrap writes mostly new customers: their index entries are worked out by the decoder.
    const page = await current.read({ indexCustomers: bootstrap }).catch((error: unknown) => {
      drop(ahead);
      throw error;
    });
    const agrees = announced?.cursor === page.cursor && announced.hasMore === page.hasMore;
    if (!agrees) {
      drop(ahead);
      ahead = page.hasMore ? askEarly(page.cursor) : null;
    }
    // One turn of the event loop sends that request before the synchronous commit below.
    if (ahead) await new Promise((resolve) => setImmediate(resolve));
    try {
      commitPage(page);
    } catch (error) {
      drop(ahead);
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
    if (!page.hasMore || !ahead) break;
    opened = ahead;
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
