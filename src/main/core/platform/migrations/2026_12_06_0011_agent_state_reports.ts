import { sql, type Kysely } from 'kysely';

/*
 * Frozen in time. The agent's state changes wait here until the retailer has them: a desk
 * offline (or signed out for a moment) reports them in order once it is back. A table of its
 * own, not the VoC outbox: the sync status counts the outbox as the agent's unsent wrap-ups.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `create table agent_state_reports (
        seq integer primary key autoincrement,
        id text not null unique,
        payload text not null,
        attempts integer not null default 0,
        next_attempt_at text,
        last_error text,
        -- 1: the retailer refused it (a role that does not report states, a change it cannot
        -- read); kept with its reason, never sent again, never dropped.
        refused integer not null default 0
      )`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('drop table agent_state_reports').execute(db);
}
