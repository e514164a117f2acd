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
  /**
   * The agents' VoC pushes' own way to the same database: on PostgreSQL a small pool of its own,
   * so the reads of thousands of desks (pulls, presence) queued for `db`'s connections never
   * stand between a wrap-up and its commit (issue #15's load test: a push waited 211–775 ms for
   * a connection); on SQLite `db` itself (one connection, nothing to queue behind).
   */
  pushDb: Kysely<ServerDatabase>;
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
 * Connections of each process's pool for the VoC pushes (`pushDb`), as many as the reads'. On a
 * saturated event loop a push holds its connection 0.5–0.7 s (each of its round trips waits for
 * the loop), so 3 or 5 of them were a queue of their own: in the load test's probe at 400 desks
 * a push then waited 130–950 ms for one, against 7–29 ms on the shared 10 after the revocation
 * check stopped reading the database. They are opened only as pushes need them.
 */
const PUSH_CONNECTIONS = 10;

/**
 * An idle connection the database closed (a restart, a failover, an administrator) must not
 * crash the server: the pool drops it and opens another when one is needed.
 */
const warnOfClosedConnection = (error: Error) =>
  console.warn(`PostgreSQL closed an idle connection: ${error.message}`);

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
    pool.on('error', warnOfClosedConnection);
    const db = new Kysely<ServerDatabase>({ dialect: new PostgresDialect({ pool }) });
    // Kept open once opened (`min`): a push must not wait for a connection to be opened again.
    const pushPool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: PUSH_CONNECTIONS,
      min: PUSH_CONNECTIONS,
    });
    pushPool.on('error', warnOfClosedConnection);
    const pushDb = new Kysely<ServerDatabase>({ dialect: new PostgresDialect({ pool: pushPool }) });
    store = {
      db,
      pushDb,
      dialect: 'postgres',
      pool,
      dataVersion: null,
      close: async () => {
        await pushDb.destroy();
        await db.destroy();
      },
    };
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
      pushDb: db,
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
