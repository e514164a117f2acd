import { sql, type Kysely } from 'kysely';

/*
 * Frozen in time. The region events a retailer pushes (`region_closure` records): deliveries
 * into a region stopped from one JST day to another, for one carrier (or all: carrier null).
 * The delivery estimate reads the few that still hold a parcel's region and carrier, so the
 * index leads with the region.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('region_closures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('carrier', 'text')
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('announced_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql
    .raw('create index region_closures_by_region on region_closures (region, ends_on)')
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('region_closures').execute();
}
