import { Worker } from 'node:worker_threads';

/**
 * Another writer on the cache (a wrap-up save on the core's connection, beside the sync worker's):
 * a thread of its own takes the write lock, writes a row (`sync_state.other_writer`), and commits
 * after `holdMs`. A thread, because the thread under test blocks in SQLite's busy handler while it
 * waits for the lock, and a timer on it could not release anything.
 */
const HOLDER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');
const db = new Database(workerData.file);
db.exec('begin immediate');
db.prepare("insert into sync_state (key, value) values ('other_writer', 'x') on conflict (key) do update set value = excluded.value").run();
parentPort.postMessage({ holding: Date.now() });
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs);
db.exec('commit');
const releasedAt = Date.now();
db.close();
parentPort.postMessage({ releasedAt });
`;

/**
 * Resolves once the other writer holds the lock (`events` then says so); `released` resolves with
 * the wall-clock time (Date.now) it committed and let go, `events` noting it when heard.
 */
export async function holdWriteLock(
  file: string,
  holdMs: number,
  events: string[],
): Promise<{ released: Promise<number> }> {
  const holder = new Worker(HOLDER, { eval: true, workerData: { file, holdMs } });
  const released = new Promise<number>((done, fail) => {
    holder.on('error', fail);
    holder.on('message', (message: { releasedAt?: number }) => {
      if (message.releasedAt === undefined) return;
      events.push('other writer committed');
      done(message.releasedAt);
    });
  });
  await new Promise<void>((holding, fail) => {
    holder.once('error', fail);
    holder.once('message', () => {
      events.push('other writer holds the lock');
      holding();
    });
  });
  // In an object: an async function returning the promise itself would wait for it.
  return { released };
}
