import { sql, type RawBuilder } from 'kysely';
import type { ServerDialect } from '../db/connect';

/**
 * A row's stored JSON text as the database reads JSON, or null where it cannot be read: a report
 * over many rows never fails because of one (a VoC record an older server stored with U+0000).
 *
 * PostgreSQL: text written by `JSON.stringify` holds `\u` only for control characters and lone
 * surrogates, the two things jsonb may refuse; every other row takes the plain cast, and the few
 * with `\u` go through `koe_jsonb`, which never raises (stored-json.migration.ts). SQLite: a row
 * that is not valid JSON reads as null instead of failing `json_extract`.
 */
export function storedJson(dialect: ServerDialect, column: string): RawBuilder<unknown> {
  const ref = sql.ref(column);
  if (dialect === 'sqlite') return sql`(case when json_valid(${ref}) then ${ref} end)`;
  return sql`(case when strpos(${ref}, '\\u') = 0 then ${ref}::jsonb else koe_jsonb(${ref}) end)`;
}
