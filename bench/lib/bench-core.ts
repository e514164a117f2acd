import type Sqlite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/main/core/platform/database';
import type { IpcRouter } from '../../src/main/core/platform/router';

/** What the read benchmarks need: the router the UI calls, and the raw handle for baselines. */
export interface KoeCoreForBench {
  sqlite: Sqlite.Database;
  db: Kysely<Database>;
  router: IpcRouter;
}
