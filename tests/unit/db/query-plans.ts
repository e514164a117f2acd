import type Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../../../src/main/core/platform/database';

export interface CapturedQuery {
  sql: string;
  parameters: readonly unknown[];
  plan: string[];
}

/**
 * Runs `work` on a Kysely that records every statement it sends, then asks SQLite for the plan
 * of each: the tests assert on what the code really ran, not on a copy of its SQL.
 */
export async function captureQueryPlans(
  sqlite: Sqlite.Database,
  work: (db: Kysely<Database>) => Promise<unknown>,
): Promise<CapturedQuery[]> {
  const captured: { sql: string; parameters: readonly unknown[] }[] = [];
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === 'query')
        captured.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  await work(db);
  return captured.map((q) => ({
    ...q,
    plan: (
      sqlite.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])) as {
        detail: string;
      }[]
    ).map((row) => row.detail),
  }));
}

/**
 * Plan lines that read a whole stored table instead of seeking an index. Scans of a bounded
 * subquery's result (`SCAN branch`) read only what the subquery's LIMIT let through; an FTS5
 * table answering a MATCH shows as `VIRTUAL TABLE INDEX n:M…`.
 */
export function fullScans(sqlite: Sqlite.Database, queries: CapturedQuery[]): string[] {
  const tables = new Set(
    (
      sqlite.prepare(`select name from sqlite_master where type = 'table'`).all() as {
        name: string;
      }[]
    ).map((t) => t.name),
  );
  return queries.flatMap((q) =>
    q.plan.filter((line) => {
      const scanned = /^SCAN (\w+)(.*)$/.exec(line);
      return (
        scanned !== null &&
        tables.has(scanned[1] as string) &&
        !/USING (COVERING )?INDEX|VIRTUAL TABLE INDEX \d+:M/.test(scanned[2] as string)
      );
    }),
  );
}
