import Sqlite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { registerLocalDateFunction } from './local-date-function';
import { serverMigrationProvider } from './migrations';
import type { ServerDatabase } from './schema';

export type ServerDialect = 'sqlite' | 'postgres';

export interface ServerStore {
  db: Kysely<ServerDatabase>;
  dialect: ServerDialect;
  /** The PostgreSQL pool, for LISTEN/NOTIFY; null on SQLite. */
  pool: pg.Pool | null;
  /**
   * SQLite only (null on PostgreSQL, whose processes hear each other by LISTEN/NOTIFY): a number
   * that moves when another connection commits to the file, such as the operator's command in
   * a process of its own (`PRAGMA data_version`: no table is read).
   */
  dataVersion: (() => number) | null;
  close(): Promise<void>;
}

// int8 columns (sequence numbers) come back as strings by default; they stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

/**
 * PostgreSQL when `databaseUrl` is given (several stateless server processes over one
 * database), otherwise an embedded SQLite file: zero setup for a small retailer or the demo.
 */
export async function openServerStore(options: {
  databaseUrl?: string;
  sqliteFile: string;
}): Promise<ServerStore> {
  let store: ServerStore;
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle connection the database closed (a restart, a failover, an administrator) must not
    // crash the server: the pool drops it and opens another when one is needed.
    pool.on('error', (error) => {
      console.warn(`PostgreSQL closed an idle connection: ${error.message}`);
    });
    const db = new Kysely<ServerDatabase>({ dialect: new PostgresDialect({ pool }) });
    store = { db, dialect: 'postgres', pool, dataVersion: null, close: () => db.destroy() };
  } else {
    const sqlite = new Sqlite(options.sqliteFile);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    // The insights count days in the retailer's time zone (see local-date-function.ts).
    registerLocalDateFunction(sqlite);
    const db = new Kysely<ServerDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
    store = {
      db,
      dialect: 'sqlite',
      pool: null,
      dataVersion: () => sqlite.pragma('data_version', { simple: true }) as number,
      close: () => db.destroy(),
    };
  }
  const { error } = await new Migrator({
    db: store.db,
    provider: serverMigrationProvider,
  }).migrateToLatest();
  if (error) {
    await store.close();
    throw new Error(`Server database migration failed: ${String(error)}`);
  }
  return store;
}
