import type Sqlite from 'better-sqlite3';
import { learnedRecordTypesSince } from '../../../shared/protocol/record-type-versions';
import type { PullPage } from '../../../shared/protocol/sync';
import { createRecordWriter } from './apply-records';
import { createLocalEraser, scrubDeletedBytes } from '../erasure/local-erasure';
import {
  noteEveryOpenCustomer,
  refreshOutreachInSlices,
  refreshPendingOutreach,
} from '../outreach/outreach-table';
import { createRecordRemover } from '../erasure/remove-records';
import type { DecodedPullPage } from './page-decoding';
import { pulledChangeCounter } from './pulled-change-counters';
import type { OpenedPull, RetailerApi } from './retailer-api';
import { SyncError } from './sync-error';
import { syncStateStore } from './sync-state';

export interface PullOptions {
  /** Records per page; by default the server's (2,000), or {@link BOOTSTRAP_PAGE_SIZE} in a bootstrap. */
  pageSize?: number;
  /** Called with the cursor the pull starts from, before its first page (progress). */
  onStart?: (cursor: string) => void;
  /**
   * The cursor a change notice announced: the pull stops there (the server's `until`), so every
   * desk told the same notice asks the server for the same pages. Not for a bootstrap.
   */
  until?: string;
  /** Called after each page committed (progress, tests). */
  onPage?: (page: PullPage, applied: number) => void;
  /**
   * Called after each page's transaction: how long it held the write lock, and how long the lock
   * was left free before it since this pull's last commit (bench, tests).
   */
  onCommit?: (commit: { heldMs: number; freeBeforeMs: number }) => void;
  /** After a bootstrap, called as each deferred index is built and committed (tests). */
  onIndexBuilt?: RebuildProgress['onIndexBuilt'];
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
 * cursor — commits in one transaction of its own, so a crash at any point resumes at the first
 * page not committed. A first pull (bootstrap) drops the search-only indexes, loads, and builds them once
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
  rewindIfUpgraded(state, api.deskVersion);
  const bootstrap = state.get('cursor') === null || state.get('deferred_indexes') !== null;
  if (bootstrap) deferSecondaryIndexes(sqlite);
  // A long note of customers whose outreach rows are due (after the table's migration, or left
  // by a writer that does not refresh) is worked off in slices first: each page's transaction
  // then recomputes only the customers it changed, and holds the write lock no longer for it.
  else await refreshOutreachInSlices(sqlite);

  const result: PullResult = {
    pages: 0,
    records: 0,
    deletions: 0,
    bootstrap,
    cursor: state.get('cursor') ?? '0',
  };
  let purgeBefore: string | null = null;
  let serverTime: string | null = null;
  const commitPage = sqlite.transaction((page: PullPage) => {
    writer.apply(page.records);
    remover.remove(page.deletions);
    countChanges(page);
    // The outreach list's rows of the customers this page changed commit with it.
    refreshPendingOutreach(sqlite);
    state.set('cursor', page.cursor);
    if (api.deskVersion) state.set('cursor_desk_version', api.deskVersion);
    state.set('last_synced_at', page.serverTime);
  });
  // When this pull last let go of the write lock, and how long it had held it.
  let freedAt: number | null = null;
  let lastHeldMs = 0;
  const store = async (page: PullPage) => {
    if (freedAt !== null) {
      // The lock stays free between two commits at least as long as the last one held it (up
      // to the busy handler's longest sleep), even when the next pages are already decoded: a
      // wrap-up save on the core's connection waits in SQLite's busy handler, which sleeps up
      // to 100 ms between tries, and back-to-back commits left it gaps it missed (measured:
      // saves refused after the 5 s busy timeout during a bootstrap, bench README).
      // A loop, not one timer: a timer counts from the event loop's cached clock and may fire
      // a millisecond or more early on a busy loop (seen in CI).
      const freeUntil = freedAt + Math.min(MAX_COMMIT_PAUSE_MS, lastHeldMs);
      for (
        let pause = freeUntil - performance.now();
        pause > 0;
        pause = freeUntil - performance.now()
      ) {
        await new Promise((resume) => setTimeout(resume, Math.ceil(pause)));
      }
    }
    const started = performance.now();
    const freeBeforeMs = freedAt === null ? 0 : started - freedAt;
    try {
      // IMMEDIATE: the write lock taken up front. Begun deferred, a page whose first statement
      // reads (a page of deletions, the periodic pull that finds nothing new) holds a snapshot
      // when it first writes, and a write on the core's connection (a wrap-up save) holding or
      // just having committed the lock makes that write fail at once with SQLITE_BUSY: SQLite
      // does not call the busy handler for a reader's upgrade (test
      // bootstrap-commit-waits-for-lock.test.ts; bench: "database is locked" in the sync worker).
      commitPage.immediate(page);
    } catch (error) {
      pages.dropAll();
      // The transaction rolled back: nothing of the page is kept and the cursor did not move.
      throw new SyncError(
        'invalid_response',
        `The page after change ${result.cursor} could not be stored: ${(error as Error).message}`,
      );
    }
    freedAt = performance.now();
    const heldMs = (lastHeldMs = freedAt - started);
    result.pages++;
    result.records += page.records.length;
    result.deletions += page.deletions.length;
    result.cursor = page.cursor;
    purgeBefore = page.purgeBefore;
    serverTime = page.serverTime;
    options.onCommit?.({ heldMs, freeBeforeMs });
    options.onPage?.(page, page.records.length + page.deletions.length);
  };
  // A bootstrap writes mostly new customers: their index entries are worked out by the decoder.
  const until =
    !bootstrap && options.until && Number(options.until) > Number(result.cursor)
      ? options.until
      : undefined;
  const pageSize = options.pageSize ?? (bootstrap ? BOOTSTRAP_PAGE_SIZE : undefined);
  const pages = pagePipeline(api, {
    pageSize,
    until,
    indexCustomers: bootstrap,
  });

  options.onStart?.(result.cursor);
  let current = pages.ask(result.cursor);
  for (;;) {
    const page = await current.page.catch((error: unknown) => {
      pages.dropAll();
      throw error;
    });
    pages.following(page);
    // The next page's body is let in first (its request went out long ago), so the decoder
    // works on it while this thread is busy storing: a thread that is storing cannot take in a
    // body, and the decoder would only start once this page was stored.
    await pages.nextReceived();
    await store(page);
    const next = page.hasMore ? pages.next() : null;
    if (!next) break;
    current = next;
  }

  if (bootstrap) {
    await rebuildDeferredIndexes(
      sqlite,
      options.onIndexBuilt ? { onIndexBuilt: options.onIndexBuilt } : {},
    );
  }
  if (purgeBefore && serverTime) {
    // Kept so the desk's own timer keeps the window moving while offline (retention-purge.ts).
    // The date is the day the window starts; the server time is later that day (floor).
    const days = Math.floor((Date.parse(serverTime) - Date.parse(purgeBefore)) / 86_400_000);
    if (days > 0) state.set('retention_days', String(days));
  }
  if (purgeBefore && purgeBefore !== state.get('purged_before')) {
    // The retailer's rows in short slices (a ring is written meanwhile), then what the desk wrote
    // past the window (delivered wrap-ups, audit, finished calls) with what is left.
    await purgeInSlices(sqlite, purgeBefore);
    createLocalEraser(sqlite).purgeBefore(purgeBefore);
    // Only once every slice is in: a purge cut short runs again (it is idempotent).
    state.set('purged_before', purgeBefore);
    // The purged rows' bytes leave the write-ahead log too (tried again by the desk's timer).
    scrubDeletedBytes(sqlite);
  }
  return result;
}

/**
 * The retailer leaves out of an older desk's pages the record types it does not understand, and
 * its cursor moves past them (record-type-versions.ts). Once the desk is upgraded to a version
 * that understands one, its cursor no longer covers everything it should hold: it pulls again
 * from the start (not a bootstrap: what it holds stays in place and readable meanwhile; every
 * live record comes again and is written over, and what was deleted is already gone).
 */
function rewindIfUpgraded(state: ReturnType<typeof syncStateStore>, deskVersion?: string): void {
  if (state.get('cursor') === null) return;
  if (!learnedRecordTypesSince(state.get('cursor_desk_version'), deskVersion)) return;
  state.set('cursor', '0');
}

/**
 * Records per page a bootstrap asks for, where later pulls take the server's 2,000: each page is
 * a request, a server read and compression, a message from the decoder and a commit, and
 * records all new to the cache are cheap to write, so a page five times smaller than the
 * server's limit (10,000) costs more per record without a reason. The same size as the raw
 * insert's batches the bootstrap is measured against (bench/sync.bench.ts). Measured at 10,000
 * customers, three alternating runs on a loaded two-core machine: the server's CPU time 12 %
 * lower (1.80 vs 1.94–2.33 s), the whole pull's (both processes, every thread) 6 % lower. The
 * write lock is held for one page: storing 5,000 records took ~0.13 s of CPU on that machine.
 * Every page commits alone, in a bootstrap too. Several pages per transaction were measured
 * (7 December, bench README, `sync_bootstrap`): 30,000 customers over HTTP, one page against
 * three a commit, alternating A-B-A-B, plain and encrypted, loaded: no gain beyond the spread of
 * the runs, and the write lock held up to 5.3 s (plain) and 6.4 s (encrypted) a commit, past a
 * wrap-up save's 5 s busy timeout. So the option was taken out.
 */
export const BOOTSTRAP_PAGE_SIZE = 5_000;

/** Rows one purge transaction removes at most. */
export const PURGE_SLICE = 100;
/**
 * The writer is left free between two slices at least as long as the slice held it: a write
 * waiting on SQLite's busy handler retries after sleeps of up to 100 ms, and a short gap between
 * long slices was mostly missed (measured: rings still waited ~200 ms at p95).
 */
const MIN_PURGE_PAUSE_MS = 4;
/** SQLite's busy handler sleeps at most this long between two tries for the lock. */
const MAX_COMMIT_PAUSE_MS = 100;

/**
 * A retention purge in short transactions with pauses between them. One transaction held the
 * cache's single write lock for seconds at bench size, and a ring waited for it: the desk writes
 * the ringing call (desk_calls) before the card goes out. So what to remove is found by reads,
 * which take no write lock, and removed a slice at a time; between slices the core's write gets in.
 * Returns how many orders, contacts, notices and customers it removed.
 */
export async function purgeInSlices(
  sqlite: Sqlite.Database,
  before: string,
  slice = PURGE_SLICE,
): Promise<number> {
  const remover = createRecordRemover(sqlite);
  let total = 0;
  const inSlices = async <T>(items: T[], remove: (part: T[]) => void) => {
    for (let i = 0; i < items.length; i += slice) {
      const part = items.slice(i, i + slice);
      const started = performance.now();
      // IMMEDIATE: the slice waits for the write lock up front rather than fail on it midway.
      sqlite
        .transaction(() => {
          remove(part);
          refreshPendingOutreach(sqlite);
        })
        .immediate();
      total += part.length;
      const held = performance.now() - started;
      await new Promise((pause) => setTimeout(pause, Math.max(MIN_PURGE_PAUSE_MS, held)));
    }
  };
  const found = remover.purgeable(before);
  await inSlices(found.orders, remover.removeOrders);
  await inSlices(found.contacts, remover.removeContactRows);
  await inSlices(found.notices, remover.removeNoticeRows);
  await inSlices(remover.idleCustomersBefore(before), remover.removeCustomers);
  return total;
}

/** Pages asked for beyond the one being stored: one being decoded, one being served. */
const PAGES_AHEAD = 2;

interface AskedPage {
  since: string;
  /** Settles when the whole body is in: see {@link OpenedPull.received}. */
  received: Promise<void>;
  /** Read and decoded as soon as its answer opens, whatever this thread is doing. */
  page: Promise<DecodedPullPage>;
  /** Where the page ends, once its headers announce it (null: they did not). */
  announced: OpenedPull['announced'] | undefined;
  cancel(): void;
}

/**
 * The pages of a pull as a pipeline: the server serves one, the page decoder decodes the one
 * before it, and this thread stores the one before that. The page after a page is asked for as
 * soon as its headers announce where it ends, up to {@link PAGES_AHEAD} beyond the one being
 * stored. Pages still commit in order, each with its own cursor, and the body is the
 * authority: when it disagrees with what was announced, every page asked for after it is dropped
 * and asked for again from where the body says it ends.
 */
function pagePipeline(
  api: RetailerApi,
  options: {
    pageSize?: number | undefined;
    until?: string | undefined;
    indexCustomers: boolean;
  },
) {
  let ahead: AskedPage[] = [];
  let last: AskedPage | null = null;

  const ask = (since: string): AskedPage => {
    const opened = api.openPull(since, options.pageSize, options.until);
    const asked: AskedPage = {
      since,
      page: opened.then((answer) => answer.read({ indexCustomers: options.indexCustomers })),
      received: opened.then(
        (answer) => answer.received(),
        () => undefined,
      ),
      announced: undefined,
      cancel: () => void opened.then((answer) => answer.cancel()).catch(() => undefined),
    };
    // Awaited when its turn comes, or dropped: never an unhandled rejection.
    asked.page.catch(() => undefined);
    last = asked;
    opened.then(
      (answer) => {
        asked.announced = answer.announced;
        topUp();
      },
      () => undefined,
    );
    return asked;
  };

  /** Asks for the page after the last one asked for, while its end is known and room is left. */
  const topUp = () => {
    while (ahead.length < PAGES_AHEAD && last?.announced?.hasMore) {
      ahead.push(ask(last.announced.cursor));
    }
  };

  const dropAll = () => {
    for (const asked of ahead) asked.cancel();
    ahead = [];
    last = null;
  };

  return {
    ask,
    dropAll,
    /** Checks the pages asked for after `page` against where its body says it ends. */
    following(page: PullPage) {
      const first = ahead[0];
      if (first && page.hasMore && first.since === page.cursor) return topUp();
      dropAll();
      if (page.hasMore) ahead.push(ask(page.cursor));
    },
    nextReceived: async (): Promise<void> => {
      await ahead[0]?.received;
    },
    next: (): AskedPage | null => {
      const next = ahead.shift() ?? null;
      topUp();
      return next;
    },
  };
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
  'shipments_by_tracking_key',
  // Read only by deletions, and a first pull deletes nothing.
  'returns_by_order',
  'claims_by_order',
];

/**
 * The outreach list's triggers (migration 0060) are off during a bootstrap too: they would note a
 * customer for every shipment and event loaded. The list's rows are recomputed after it.
 */
const OUTREACH_TRIGGERS_LIKE = 'outreach_on_%';

interface DeferredItem {
  name: string;
  sql: string;
}

/**
 * Drops the deferred indexes and the outreach triggers for the bulk load, remembering their SQL
 * in the same transaction, so whatever happens next the definitions are never lost.
 */
export function deferSecondaryIndexes(sqlite: Sqlite.Database): void {
  const state = syncStateStore(sqlite);
  sqlite
    .transaction(() => {
      const remembered = JSON.parse(state.get('deferred_indexes') ?? '[]') as DeferredItem[];
      const live = sqlite
        .prepare(
          `select type, name, sql from sqlite_master
          where sql is not null
            and ((type = 'index' and name in (${DEFERRED_DURING_BOOTSTRAP.map(() => '?').join(', ')}))
              or (type = 'trigger' and name like ?))`,
        )
        .all(...DEFERRED_DURING_BOOTSTRAP, OUTREACH_TRIGGERS_LIKE) as (DeferredItem & {
        type: string;
      })[];
      for (const item of live) sqlite.exec(`drop ${item.type} ${item.name}`);
      state.set(
        'deferred_indexes',
        JSON.stringify([...remembered, ...live.map(({ name, sql }) => ({ name, sql }))]),
      );
    })
    .immediate(); // it reads, then writes: see commitPages
}

/** Progress of a rebuild after a bootstrap (tests wait on it instead of on the clock). */
export interface RebuildProgress {
  /** Called after each index's own transaction committed: its name, how long it held the lock. */
  onIndexBuilt?: (name: string, heldMs: number) => void;
}

/**
 * Builds what the bootstrap deferred, one index per transaction, the lock left free between them
 * at least as long as the last one held it: built in one transaction they held the cache's only
 * write lock for the whole rebuild (tens of seconds at bench size), and a durable wrap-up save
 * (or a ring's write) waited for all of it, past its busy timeout. Now a write waits at most for
 * the one index under way. Each index leaves the remembered list in its own transaction, so a
 * crash resumes with the ones not built. The outreach triggers come back last, with every
 * customer with an open parcel noted, and the list's rows then fill in short slices.
 */
export async function rebuildDeferredIndexes(
  sqlite: Sqlite.Database,
  progress: RebuildProgress = {},
): Promise<void> {
  const state = syncStateStore(sqlite);
  const remembered = () => JSON.parse(state.get('deferred_indexes') ?? '[]') as DeferredItem[];
  const isTrigger = (item: DeferredItem) => /^create trigger/i.test(item.sql);
  for (const index of remembered().filter((item) => !isTrigger(item))) {
    const started = performance.now();
    sqlite
      .transaction(() => {
        sqlite.exec(index.sql.replace(/^create index/i, 'create index if not exists'));
        state.set(
          'deferred_indexes',
          JSON.stringify(remembered().filter((item) => item.name !== index.name)),
        );
      })
      .immediate();
    const held = performance.now() - started;
    progress.onIndexBuilt?.(index.name, held);
    await new Promise((pause) => setTimeout(pause, Math.max(MIN_PURGE_PAUSE_MS, held)));
  }
  sqlite
    .transaction(() => {
      for (const trigger of remembered().filter(isTrigger)) {
        sqlite.exec(trigger.sql.replace(/^create trigger/i, 'create trigger if not exists'));
      }
      noteEveryOpenCustomer(sqlite);
      state.delete('deferred_indexes');
    })
    .immediate();
  await refreshOutreachInSlices(sqlite);
  sqlite.pragma('optimize');
}
