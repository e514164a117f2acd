import { sql, type Kysely } from 'kysely';

/*
 * Frozen in time. The alerts this desk raised (harassment, a raised hand) and what became of
 * them: the row is the alert's outbox entry (`pending` = 1 until the retailer has its latest
 * content) and its status on screen (told at, taken by whom and when, escalated). A table of
 * its own, not the VoC outbox: the sync status counts the outbox as unsent wrap-ups.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `create table supervisor_alerts (
        id text primary key,
        kind text not null,
        call_id text,
        customer_id text,
        protocol_stage text,
        note text not null,
        raised_at text not null,
        pending integer not null default 1,
        delivered_at text,
        acknowledged_by text,
        acknowledged_by_name text,
        acknowledged_at text,
        escalated_at text,
        attempts integer not null default 0,
        last_error text,
        -- 1: the retailer refused it for good; kept with its reason, shown, never dropped.
        refused integer not null default 0
      )`,
    )
    .execute(db);
  await sql
    .raw('create index supervisor_alerts_by_raised on supervisor_alerts (raised_at)')
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('drop table supervisor_alerts').execute(db);
}
