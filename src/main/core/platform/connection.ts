// better-sqlite3's API over SQLite3 Multiple Ciphers: package.json installs
// better-sqlite3-multiple-ciphers under this name, so every import gets the cipher build.
import Sqlite from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { Kysely, SqliteAdapter, SqliteDialect } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';
import { AppError } from './errors';
import type { Database } from './database';
import { bundledMigrationProvider, migrations } from './migrations';

export interface OpenDatabaseOptions {
  /** A file path, or ':memory:' for tests. */
  filename: string;
  /** Where Electron's build of better-sqlite3 lives; omitted under plain Node. */
  nativeBinding?: string;
  readonly?: boolean;
  /**
   * The cache's 32-byte data key: the file, its WAL and journal are then encrypted with
   * AES-256 in SQLCipher 4's format (see `applyCacheKey`). Without one the file is plain SQLite
   * (the retailer's reference server, tests that say so, the in-memory fallback).
   */
  key?: Uint8Array;
}

export interface LocalDatabase {
  db: Kysely<Database>;
  sqlite: Sqlite.Database;
  close(): Promise<void>;
}

/**
 * Opens the local cache: WAL (readers never wait for the sync writer), NORMAL sync for cached
 * retailer data (a lost last page is pulled again), and prepared statements reused by SQL text.
 * Durable writes (a saved wrap-up) ask for FULL sync for their own commit; see `durably`.
 */
export function openSqlite(options: OpenDatabaseOptions): Sqlite.Database {
  if (options.key && !options.readonly && isPlainSqliteFile(options.filename)) {
    encryptPlainFile(options, options.key);
  }
  const sqlite = new Sqlite(options.filename, {
    readonly: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  if (options.key) {
    try {
      applyCacheKey(sqlite, options.key);
    } catch (error) {
      sqlite.close();
      throw error;
    }
  }
  if (!options.readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('secure_delete = ON'); // deleted rows and freed pages are zeroed (local-erasure.ts)
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -32000'); // 32 MiB: the hot customer pages stay in memory
  // Also keeps sorts and temp tables out of temp files, which the cipher would not encrypt.
  sqlite.pragma('temp_store = MEMORY');
  return withStatementCache(sqlite);
}

const RAW_KEY_BYTES = 32;
const PLAIN_SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Keys a fresh connection before anything else reads the file. SQLCipher 4's settings
 * (AES-256-CBC, HMAC-SHA512 per page) so the file opens in any SQLCipher-compatible tool that
 * has the key; the key is raw (`x'…'`), so no PBKDF2 runs at every open: it is already random.
 * A wrong key is found here, at the first read, rather than in the middle of the first query.
 */
export function applyCacheKey(sqlite: Sqlite.Database, key: Uint8Array): void {
  if (key.length !== RAW_KEY_BYTES) {
    throw new AppError('internal', `The cache key must be ${RAW_KEY_BYTES} bytes.`);
  }
  setSqlcipherScheme(sqlite);
  sqlite.pragma(`key = "x'${Buffer.from(key).toString('hex')}'"`);
  try {
    sqlite.prepare('select count(*) from sqlite_master').get();
  } catch {
    throw new AppError(
      'cache_key_refused',
      "The customer data on this computer cannot be opened with this desk's key; " +
        'the file has not been changed.',
    );
  }
}

function setSqlcipherScheme(sqlite: Sqlite.Database): void {
  sqlite.pragma(`cipher = 'sqlcipher'`);
  sqlite.pragma('legacy = 4');
}

/** True when the file exists and starts with plain SQLite's header (a cache from before keys). */
export function isPlainSqliteFile(filename: string): boolean {
  if (filename === ':memory:' || filename === '' || !existsSync(filename)) return false;
  const fd = openSync(filename, 'r');
  try {
    const header = Buffer.alloc(PLAIN_SQLITE_HEADER.length);
    const read = readSync(fd, header, 0, header.length, 0);
    return read === header.length && header.equals(PLAIN_SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}

/**
 * Encrypts a cache written before keys, in place, keeping every row (unsynced wrap-ups in the
 * outbox included). The WAL is folded into the file first (rekey cannot run in WAL mode, and
 * rows still in the WAL would otherwise stay behind in plain text); rekey then rewrites every
 * page inside one rollback-journal transaction, so a crash leaves the old file or the new one.
 */
function encryptPlainFile(options: OpenDatabaseOptions, key: Uint8Array): void {
  const sqlite = new Sqlite(options.filename, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.pragma('journal_mode = DELETE');
    sqlite.pragma('synchronous = FULL');
    setSqlcipherScheme(sqlite);
    sqlite.pragma(`rekey = "x'${Buffer.from(key).toString('hex')}'"`);
  } finally {
    sqlite.close();
  }
}

/**
 * Kysely prepares a statement on every query; preparing costs more than running the small
 * indexed reads of a screen pop, so statements are kept by their SQL text (bounded LRU).
 */
function withStatementCache(sqlite: Sqlite.Database, capacity = 256): Sqlite.Database {
  const cache = new Map<string, Sqlite.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached) {
      cache.delete(source);
      cache.set(source, cached);
      return cached;
    }
    const statement = prepare(source);
    cache.set(source, statement);
    if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
    return statement;
  }) as Sqlite.Database['prepare'];
  return sqlite;
}

export function createKysely(sqlite: Sqlite.Database): Kysely<Database> {
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

/** Opens, refuses a database written by a newer Koe, and migrates to the latest schema. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<LocalDatabase> {
  const sqlite = openSqlite(options);
  const db = createKysely(sqlite);
  try {
    assertNotFromNewerVersion(sqlite);
    if (!options.readonly) await migrateToLatest(sqlite);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, sqlite, close: () => db.destroy() };
}

/**
 * Runs the pending migrations in one transaction. SQLite's DDL is transactional, but Kysely's
 * SQLite adapter says otherwise and would run each statement on its own; a process killed
 * between two statements of a migration then left a half-built schema that the next start
 * could not migrate ("index ... already exists"). All or nothing instead.
 */
export async function migrateToLatest(
  sqlite: Sqlite.Database,
  provider: MigrationProvider = bundledMigrationProvider,
): Promise<void> {
  // Not destroyed: destroying a Kysely closes the SQLite handle it shares with the caller.
  const db = new Kysely<unknown>({
    dialect: new TransactionalDdlSqliteDialect({ database: sqlite }),
  });
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new AppError('internal', `Database migration ${failed} failed: ${String(error)}`);
  }
}

class TransactionalDdlSqliteDialect extends SqliteDialect {
  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * A database that has run a migration this build does not know was written by a newer Koe;
 * opening it could lose data, so it is refused with a message a person can act on.
 */
function assertNotFromNewerVersion(sqlite: Sqlite.Database): void {
  const hasTable = sqlite
    .prepare(`select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'`)
    .get();
  if (!hasTable) return;
  const applied = sqlite.prepare('select name from kysely_migration').all() as { name: string }[];
  const unknown = applied.map((r) => r.name).filter((name) => !(name in migrations));
  if (unknown.length > 0) {
    throw new AppError(
      'database_too_new',
      `This data file was written by a newer version of Koe (schema ${unknown.sort().at(-1)}). ` +
        'Update Koe to open it; the file has not been changed.',
    );
  }
}
