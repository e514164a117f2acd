import { workerData } from 'node:worker_threads';
import { createKysely, openSqlite, type OpenDatabaseOptions } from '../platform/connection';
import { giveWayToTheForeground } from '../platform/worker-entry';
import { serveWorkerRpc } from '../platform/worker-rpc-serve';
import { createReaderMethods } from './reader-methods';

/**
 * The reader worker: the heavy reads (reader-methods.ts) on their own thread and their own
 * connection, so the core's thread stays free for the screen pop (WAL lets this connection read
 * beside the core's and the sync worker's writes). Opened with the very options the core opened
 * the cache with (an encryption key among them), read-only: this thread never writes. It gives
 * way to the core's thread when the CPU is short: a list may wait a little, a ring may not.
 */
giveWayToTheForeground();
const options = workerData as OpenDatabaseOptions;
// The core has migrated the file before starting this worker: open it without migrating.
const sqlite = openSqlite({ ...options, readonly: true });
const db = createKysely(sqlite);
serveWorkerRpc(createReaderMethods(db, sqlite), {
  name: 'reader worker',
  onStop: () => db.destroy(),
});
