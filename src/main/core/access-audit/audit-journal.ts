import type Sqlite from 'better-sqlite3';
import { createAuditWriter, type AuditEntry } from './audit.repository';

export interface AuditJournal {
  /** Keeps an access for the commit right after the answer that reveals it. */
  record(entry: AuditEntry): void;
  /** Commits what is kept now (waiting for the write lock, as any write does). */
  commit(): void;
  /** Accesses kept, not committed yet. */
  pending(): number;
}

/**
 * The accesses of searches and pops by hand, committed just after their answer instead of before
 * it. The guarantee kept: an access is committed in the same tick as the answer that reveals it
 * — after every promise step of that answer (the IPC reply is sent in one of them), before the
 * event loop takes any other task: no other IPC message, timer or sync page runs in between. A
 * commit in WAL mode is in the OS before the thread moves on, so a kill -9 or crash after that
 * loses nothing; the exposure left is the instant inside the tick between the reply handed over
 * and the commit (microseconds), and a power cut, as for every cache write (synchronous=NORMAL).
 *
 * All the accesses of one tick go in one statement and one transaction. When a background writer
 * holds the write lock, the commit waits for it (the busy timeout) after the answer is out; it
 * does not go through write-when-free, whose retry from a timer would let later messages be
 * answered while a revealed access is still only in memory.
 */
export function createAuditJournal(options: {
  sqlite: Sqlite.Database;
  /** Told of the accesses once committed (the desk's policies count them, the outbox sends). */
  committed?: (entries: readonly AuditEntry[]) => void;
  log?: (message: string, error?: unknown) => void;
}): AuditJournal {
  const { sqlite } = options;
  const log = options.log ?? ((message, error) => console.error(`[koe] ${message}`, error ?? ''));
  const write = createAuditWriter(sqlite);
  let kept: AuditEntry[] = [];
  let scheduled = false;

  const commit = () => {
    scheduled = false;
    if (kept.length === 0) return;
    const entries = kept;
    try {
      sqlite.transaction(() => write(entries)).immediate();
    } catch (error) {
      // Kept in memory and tried again with the next access or commit; never dropped.
      log(`Writing ${entries.length} audit row(s) failed; kept for the next try`, error);
      return;
    }
    kept = [];
    options.committed?.(entries);
  };

  return {
    record(entry) {
      kept.push(entry);
      if (scheduled) return;
      scheduled = true;
      // A tick callback queued from a promise step runs once the whole chain of promise steps
      // has run (the answer's reply included), and before the loop's next task.
      queueMicrotask(() => process.nextTick(commit));
    },
    commit,
    pending: () => kept.length,
  };
}
