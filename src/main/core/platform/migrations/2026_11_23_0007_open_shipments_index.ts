import { sql, type Kysely } from 'kysely';

/*
 * Frozen in time. The proactive outreach list reads every open shipment by promised date; a
 * partial index over the undelivered ones keeps that read proportional to the parcels still on
 * their way (a small share of a cache that keeps years of deliveries), and costs nothing when a
 * delivered shipment is written. Not deferred during a bootstrap: its rows are few.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      'create index shipments_open_by_promise on shipments (promised_date) where delivered_at is null',
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('drop index shipments_open_by_promise').execute(db);
}
