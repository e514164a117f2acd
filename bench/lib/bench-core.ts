import type Sqlite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { LocalDatabase } from '../../src/main/core/platform/connection';
import type { Database } from '../../src/main/core/platform/database';
import { createAuditJournal } from '../../src/main/core/access-audit/audit-journal';
import { createEventBus } from '../../src/main/core/platform/event-bus';
import { createIpcRouter, type IpcRouter } from '../../src/main/core/platform/router';
import { loadPreferences } from '../../src/main/core/preferences/preferences';
import { createServices } from '../../src/main/core/services';

/** What the read benchmarks need: the router the UI calls, and the raw handle for baselines. */
export interface KoeCoreForBench {
  sqlite: Sqlite.Database;
  db: Kysely<Database>;
  router: IpcRouter;
  /** Commits the searches' audit rows still kept, then closes the cache. */
  close(): Promise<void>;
}

/** The router the UI calls, over an open cache, with no retailer (reads only). */
export function readSideOf(database: LocalDatabase): KoeCoreForBench {
  // A bench's loop of awaited calls never leaves the microtask queue, so the journal's commit
  // (queued for the end of the tick) runs only when the loop ends: committed before the close,
  // as the core's own close does.
  const auditJournal = createAuditJournal({ sqlite: database.sqlite });
  const router = createIpcRouter(
    createServices({
      db: database.db,
      sqlite: database.sqlite,
      events: createEventBus(),
      preferences: loadPreferences('.data/bench-preferences'),
      appVersion: 'bench',
      retailer: null,
      connectRetailer: async () => ({ retailerUrl: 'unused' }),
      auditJournal,
    }),
  );
  const close = async () => {
    auditJournal.commit();
    await database.close();
  };
  return { sqlite: database.sqlite, db: database.db, router, close };
}
