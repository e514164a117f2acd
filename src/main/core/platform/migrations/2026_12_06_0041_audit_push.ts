import { sql, type Kysely } from 'kysely';

/*
 * Frozen in time. The desk's audit leaves the desk: each row gets an id (the server's key, so a
 * replay is a duplicate and an edit under the same id is refused there) and `pushed` (0 until
 * the retailer took it, 1 after, 2 refused for good: kept, never dropped). Rows written before
 * get a random (version 4) id. `access_policy_locks`: the bulk-access policies that locked this
 * desk, kept until a supervisor unlocks it, so a restart does not open the desk.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_log add column id text`.execute(db);
  await sql`alter table audit_log add column pushed integer not null default 0`.execute(db);
  await sql`update audit_log set id = (
      select substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-8' ||
        substr(h, 18, 3) || '-' || substr(h, 21, 12)
      from (select lower(hex(randomblob(16))) as h)
    ) where id is null`.execute(db);
  await sql`create unique index audit_log_by_id on audit_log (id)`.execute(db);
  await sql`create index audit_log_unpushed on audit_log (pushed, seq)`.execute(db);
  await sql`create index audit_log_by_kind_at on audit_log (kind, at)`.execute(db);
  await sql`create table access_policy_locks (
      policy_id text not null,
      window_start text not null,
      count integer not null,
      locked_at text not null,
      released_at text,
      primary key (policy_id, locked_at)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table access_policy_locks`.execute(db);
  await sql`drop index audit_log_by_kind_at`.execute(db);
  await sql`drop index audit_log_unpushed`.execute(db);
  await sql`drop index audit_log_by_id`.execute(db);
  await sql`alter table audit_log drop column pushed`.execute(db);
  await sql`alter table audit_log drop column id`.execute(db);
}
