import { workerData } from 'node:worker_threads';
import { openSqlite, type OpenDatabaseOptions } from '../../src/main/core/platform/connection';
import { createRecordRemover } from '../../src/main/core/erasure/remove-records';
import {
  deferSecondaryIndexes,
  purgeInSlices,
  rebuildDeferredIndexes,
} from '../../src/main/core/sync/pull-changes';
import { serveWorkerRpc } from '../../src/main/core/platform/worker-rpc-serve';
import { giveWayToTheForeground } from '../../src/main/core/platform/worker-entry';

/**
 * A retention purge where the app runs it: on a worker thread of its own (the sync worker's),
 * at its priority, on its own connection. `sliced` is the app's purge; `oneTransaction` the
 * purge as it was before (one transaction), for the bench's before/after; the same for the
 * index rebuild after a bootstrap.
 */
giveWayToTheForeground();
const sqlite = openSqlite(workerData as OpenDatabaseOptions);
export type PurgeWorkerMethods = {
  sliced(before: string): Promise<number>;
  oneTransaction(before: string): void;
  /** Drops the indexes a bootstrap defers (not measured: a bootstrap does it before loading). */
  deferIndexes(input: Record<string, never>): void;
  /** The rebuild after a bootstrap: the app's (an index per transaction), and as it was. */
  /** Returns each index's build time (ms), the longest a write may wait. */
  rebuildIndexes(input: Record<string, never>): Promise<Record<string, number>>;
  rebuildIndexesOneTransaction(input: Record<string, never>): void;
};
const methods: PurgeWorkerMethods = {
  sliced: (before) => purgeInSlices(sqlite, before),
  oneTransaction: (before) =>
    sqlite.transaction(() => createRecordRemover(sqlite).purgeBefore(before)).immediate(),
  deferIndexes: () => deferSecondaryIndexes(sqlite),
  rebuildIndexes: async () => {
    const took: Record<string, number> = {};
    await rebuildDeferredIndexes(sqlite, {
      onIndexBuilt: (name, heldMs) => void (took[name] = Math.round(heldMs)),
    });
    return took;
  },
  rebuildIndexesOneTransaction: () =>
    sqlite
      .transaction(() => {
        const row = sqlite
          .prepare(`select value from sync_state where key = 'deferred_indexes'`)
          .get() as { value: string } | undefined;
        for (const { sql } of JSON.parse(row?.value ?? '[]') as { sql: string }[]) {
          sqlite.exec(sql.replace(/^create (index|trigger)/i, 'create $1 if not exists'));
        }
        sqlite.prepare(`delete from sync_state where key = 'deferred_indexes'`).run();
      })
      .immediate(),
};
serveWorkerRpc(methods, { name: 'bench purge worker', onStop: () => void sqlite.close() });
