import type Sqlite from 'better-sqlite3';
import { createLocalEraser, OWN_ROW_KINDS, type ErasureCounts } from './local-erasure';
import { createRecordRemover } from './remove-records';

/**
 * The desk's retention purge in short transactions that yield between them, like the pull's
 * (pull-changes.ts `purgeInSlices`): it runs on the thread that answers a ring, and a ring must
 * never wait behind it. What to remove is found by reads (no write lock) and removed a slice at a
 * time; between slices the thread is free at least as long as the slice held it, and a call that
 * started meanwhile stops the purge (the rest goes at the next run: the purge is idempotent).
 */
export interface SliceOptions {
  /** Rows one transaction removes at most. */
  slice?: number;
  /** Checked before every slice: true stops the purge there (a call rang). */
  shouldStop?: () => boolean;
  /** Waits between two slices; a macrotask by default, so IPC and CTI events get in. */
  pause?: (heldMs: number) => Promise<void>;
}

export const RETENTION_SLICE = 100;
const MIN_PAUSE_MS = 4;

const defaultPause = (heldMs: number) =>
  new Promise<void>((resume) => setTimeout(resume, Math.max(MIN_PAUSE_MS, heldMs)));

function slicer(sqlite: Sqlite.Database, options: SliceOptions) {
  const slice = options.slice ?? RETENTION_SLICE;
  const pause = options.pause ?? defaultPause;
  const totalChanges = sqlite.prepare('select total_changes() as n');
  const changes = () => (totalChanges.get() as { n: number }).n;
  let stopped = false;
  /** Rows deleted by `each`'s slices (cascades and index entries included). */
  let rows = 0;
  /** Runs `remove` on one part in its own IMMEDIATE transaction, then yields. */
  const step = async (remove: () => number): Promise<number | null> => {
    if (stopped || options.shouldStop?.()) {
      stopped = true;
      return null;
    }
    const started = performance.now();
    const removed = sqlite.transaction(remove).immediate();
    await pause(performance.now() - started);
    return removed;
  };
  const each = async <T>(items: readonly T[], remove: (part: T[]) => void): Promise<void> => {
    for (let i = 0; i < items.length; i += slice) {
      const part = items.slice(i, i + slice);
      // Counted inside the slice: the connection may be closed by the time the purge resumes.
      const removed = await step(() => {
        const start = changes();
        remove(part);
        return changes() - start;
      });
      if (removed === null) return;
      rows += removed;
    }
  };
  return { slice, step, each, stopped: () => stopped, rows: () => rows };
}

/**
 * Everything older than `before`: the retailer's customer history (orders and what hangs on
 * them, contacts, notices, then customers left with nothing) and what the desk wrote (acknowledged
 * VoC records, refused outbox rows, audit rows, finished calls). `complete` is false when a call
 * stopped it.
 */
export async function purgeBeforeInSlices(
  sqlite: Sqlite.Database,
  before: string,
  options: SliceOptions = {},
): Promise<{ counts: ErasureCounts; complete: boolean }> {
  const remover = createRecordRemover(sqlite);
  const eraser = createLocalEraser(sqlite);
  const run = slicer(sqlite, options);
  const found = remover.purgeable(before);
  await run.each(found.orders, remover.removeOrders);
  await run.each(found.contacts, remover.removeContactRows);
  await run.each(found.notices, remover.removeNoticeRows);
  if (!run.stopped()) await run.each(remover.idleCustomersBefore(before), remover.removeCustomers);
  const counts: ErasureCounts = {
    retailerRows: run.rows(),
    vocRecords: 0,
    outboxRows: 0,
    auditRows: 0,
    deskCalls: 0,
  };
  for (const kind of OWN_ROW_KINDS) {
    for (;;) {
      const removed = await run.step(() => eraser.purgeOwnSlice(kind, before, run.slice));
      if (removed === null) break;
      counts[kind] += removed;
      if (removed < run.slice) break;
    }
  }
  return { counts, complete: !run.stopped() };
}

/** The customers not active since `since` (the retailer's minimization), in slices. */
export async function purgeInactiveInSlices(
  sqlite: Sqlite.Database,
  since: string,
  options: SliceOptions = {},
): Promise<{ removed: number; complete: boolean }> {
  const remover = createRecordRemover(sqlite);
  const ids = createLocalEraser(sqlite).inactiveCustomerIds(since);
  const run = slicer(sqlite, options);
  let removed = 0;
  await run.each(ids, (part) => {
    remover.remove(part.map((id) => ({ type: 'customer' as const, id })));
    removed += part.length;
  });
  return { removed, complete: !run.stopped() };
}

/** Pages one step of the search index's rewrite writes at most (a step is one transaction). */
export const SEARCH_MERGE_PAGES = 100;

/**
 * Rewrites the customer search index so that no removed customer's terms are left in it. The
 * index is contentless with `contentless_delete`: removing a row only adds it to a tombstone
 * list, and FTS5's own `secure-delete` cannot remove terms it is not given, so the terms stay in
 * the segment's pages until the segment is merged — on some layouts for good (the erasure test
 * found purged names on live pages). FTS5's incremental `merge` with a negative page count
 * merges every segment into one, dropping what the tombstones name, a bounded number of pages a
 * transaction, so the thread that pops cards waits at most one step; it has converged when a
 * step leaves the index's structure record (FTS5's `%_data` row 10) unchanged. The closing
 * `optimize` is then a no-op (one segment without tombstones); it is there so the guarantee
 * does not rest on the merge's heuristics. The freed pages are zeroed by `secure_delete`.
 */
export async function rewriteSearchIndexInSlices(
  sqlite: Sqlite.Database,
  options: SliceOptions = {},
): Promise<{ complete: boolean; steps: number }> {
  const run = slicer(sqlite, options);
  const structure = sqlite.prepare('select block from customer_search_data where id = 10').pluck();
  const merge = sqlite.prepare(
    `insert into customer_search(customer_search, rank) values ('merge', ?)`,
  );
  const optimize = sqlite.prepare(
    `insert into customer_search(customer_search) values ('optimize')`,
  );
  const pages = sqlite.prepare('select count(*) from customer_search_data').pluck();
  const same = (a: unknown, b: unknown) =>
    a === b || (Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b));
  // A merge converges within a few passes over the index; the bound keeps a surprise in FTS5's
  // heuristics from looping on the card thread (the optimize below finishes the work then).
  const most = Math.ceil(((pages.get() as number) * 4) / SEARCH_MERGE_PAGES) + 10;
  let steps = 0;
  while (steps < most) {
    const changed = await run.step(() => {
      const before = structure.get();
      merge.run(-SEARCH_MERGE_PAGES);
      return same(before, structure.get()) ? 0 : 1;
    });
    if (changed === null) return { complete: false, steps };
    steps++;
    if (changed === 0) break;
  }
  const optimized = await run.step(() => {
    optimize.run();
    return 1;
  });
  return { complete: optimized !== null, steps };
}
