import { existsSync, writeFileSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import {
  createKysely,
  openSqlite,
  type OpenDatabaseOptions,
} from '../../../src/main/core/platform/connection';
import {
  createReaderMethods,
  type ReaderMethods,
} from '../../../src/main/core/reader/reader-methods';
import { serveWorkerRpc } from '../../../src/main/core/platform/worker-rpc-serve';

/**
 * The reader worker (as reader-worker.ts builds it) with a gate before each read: it says it has
 * begun (`<gate>.entered`) and then holds its thread, as a read of seconds would, until the test
 * creates `<gate>`. The test then knows, without timing, that a heavy read is under way.
 */
const gate = process.env.KOE_TEST_READER_GATE;
if (!gate) throw new Error('KOE_TEST_READER_GATE names no gate file');
const sqlite = openSqlite({ ...(workerData as OpenDatabaseOptions), readonly: true });
const methods = createReaderMethods(createKysely(sqlite), sqlite);
const tick = new Int32Array(new SharedArrayBuffer(4));
const gated = Object.fromEntries(
  Object.entries(methods).map(([name, method]) => [
    name,
    (input: never) => {
      writeFileSync(`${gate}.entered`, name);
      // Synchronous, like a long SQLite statement: nothing else runs on this thread meanwhile.
      while (!existsSync(gate)) Atomics.wait(tick, 0, 0, 5);
      return (method as (i: never) => unknown)(input);
    },
  ]),
) as ReaderMethods;
serveWorkerRpc(gated, { name: 'gated reader worker', onStop: () => void sqlite.close() });
