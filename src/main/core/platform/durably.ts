import type Sqlite from 'better-sqlite3';

/**
 * Runs `work` in one transaction committed with synchronous=FULL: once it returns, what it
 * wrote survives a power cut, not only a crash of the app. The cache runs with
 * synchronous=NORMAL (a lost last page is pulled again); a saved wrap-up the agent saw as saved
 * must not be lost, so its commit alone waits for the WAL's fsync. Cost measured in bench
 * (wrap-up save).
 */
export function durably<T>(sqlite: Sqlite.Database, work: () => T): T {
  // Not a prepared statement: SQLite applies `pragma synchronous = …` when the statement is
  // compiled, not when it runs, and the cache's connection reuses statements by their text
  // (connection.ts), so a reused one changed nothing (the first durable save of a connection
  // committed at NORMAL). `exec` compiles the pragma each time.
  sqlite.exec('pragma synchronous = FULL');
  try {
    return sqlite.transaction(work)();
  } finally {
    sqlite.exec('pragma synchronous = NORMAL');
  }
}
