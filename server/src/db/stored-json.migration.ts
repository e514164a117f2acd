import { sql, SqliteAdapter, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * `koe_jsonb(text)`: stored JSON text as jsonb, never an error. PostgreSQL refuses `\u0000` and a
 * lone surrogate escape in jsonb, and older servers stored such VoC text as it came; cast plainly,
 * one of those rows failed every report over its window. The function retries without the NUL
 * escapes and answers null for a row it still cannot read. SQLite needs no function: reads check
 * `json_valid` instead (stored-json.ts). Frozen in time: never imports app code.
 */
export const storedJsonFunction: Migration = {
  async up(db: Kysely<any>) {
    if (db.getExecutor().adapter instanceof SqliteAdapter) return;
    await sql`create or replace function koe_jsonb(value text) returns jsonb
      language plpgsql immutable strict parallel safe as $$
      begin
        begin
          return value::jsonb;
        exception when others then
          null;
        end;
        begin
          return replace(value, '\\u0000', '')::jsonb;
        exception when others then
          return null;
        end;
      end
      $$`.execute(db);
  },
  async down(db: Kysely<any>) {
    if (db.getExecutor().adapter instanceof SqliteAdapter) return;
    await sql`drop function if exists koe_jsonb(text)`.execute(db);
  },
};
