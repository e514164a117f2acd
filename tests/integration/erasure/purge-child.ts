/**
 * The child of erasure-bytes.test.ts, SIGKILLed by its parent at a known point of a purge:
 * `mid` stops inside the purge's transaction, after it deleted 75 customers (a temporary
 * trigger, on this connection only, calls a function that reports and blocks); `committed`
 * stops after the purge committed and before the write-ahead log is scrubbed.
 * Run with `node --import tsx purge-child.ts <dbFile> <mid|committed>`.
 */
import { writeSync } from 'node:fs';
import { openDatabase } from '../../../src/main/core/platform/connection';
import { createLocalEraser } from '../../../src/main/core/erasure/local-erasure';
import { CUTOFF } from '../../fixtures/pii-fixture';

const [file, mode] = process.argv.slice(2);
if (!file || (mode !== 'mid' && mode !== 'committed'))
  throw new Error('usage: purge-child.ts <dbFile> <mid|committed>');
const { sqlite } = await openDatabase({ filename: file });
const stop = (line: string) => {
  writeSync(1, `${line}\n`);
  // Blocks this thread for good: the parent kills the process here.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
};
let deleted = 0;
sqlite.function('erasure_test_pause', () => {
  if (++deleted === 75) stop('mid');
  return null;
});
if (mode === 'mid')
  sqlite.exec(
    `create temp trigger erasure_test_pause after delete on main.customers begin select erasure_test_pause(); end`,
  );
createLocalEraser(sqlite).purgeBefore(CUTOFF);
stop('committed');
