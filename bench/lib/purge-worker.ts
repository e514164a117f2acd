import { workerData } from 'node:worker_threads';
import { openSqlite, type OpenDatabaseOptions } from '../../src/main/core/db/connection';
import { createRecordRemover } from '../../src/main/core/db/remove-records';
import { purgeInSlices } from '../../src/main/core/sync/pull-changes';
import { serveWorkerRpc } from '../../src/main/core/worker-rpc-serve';
import { giveWayToTheForeground } from '../../src/main/core/worker-entry';

/**
 * A retention purge where the app runs it: on a worker thread of its own (the sync worker's),
 * at its priority, on its own connection. `sliced` is the app's purge; `oneTransaction` the
 * purge as it was before (one transaction), for the bench's before/after.
 */
giveWayToTheForeground();
const sqlite = openSqlite(workerData as OpenDatabaseOptions);
export type PurgeWorkerMethods = {
  sliced(before: string): Promise<number>;
  oneTransaction(before: string): void;
};
const methods: PurgeWorkerMethods = {
  sliced: (before) => purgeInSlices(sqlite, before),
  oneTransaction: (before) =>
    sqlite.transaction(() => createRecordRemover(sqlite).purgeBefore(before)).immediate(),
};
serveWorkerRpc(methods, { name: 'bench purge worker', onStop: () => void sqlite.close() });
