import { sql, type Kysely } from 'kysely';

/*
 * Frozen in time. The outreach triggers (migration 0060) noted a customer with `insert or ignore
 * into outreach_pending`. A pull writes with upserts (`insert … on conflict do update`), and
 * SQLite applies the outer statement's conflict rule inside the triggers it fires, so the
 * `or ignore` did not ignore: a page that changed a customer with an open parcel and their order
 * noted the customer twice and failed whole (UNIQUE constraint failed:
 * outreach_pending.customer_id) — at every later try, so the desk's sync stopped there. Each
 * note now inserts only what is not noted yet, which no conflict rule can turn into an error.
 * The same rewrite applies to the triggers' SQL a bootstrap in progress keeps in sync_state
 * (it recreates them from there when it ends).
 */
const NOTE_VALUE = /insert or ignore into outreach_pending \(customer_id\) values \(([^)]+)\);/g;
const NOTE_SELECT =
  /insert or ignore into outreach_pending \(customer_id\)\s+select (\S+) from ([^;]+);/g;

function notedOnce(triggerSql: string): string {
  return triggerSql
    .replace(
      NOTE_VALUE,
      (_, customer: string) =>
        `insert into outreach_pending (customer_id) select ${customer}
           where not exists (select 1 from outreach_pending where customer_id = ${customer});`,
    )
    .replace(
      NOTE_SELECT,
      (_, column: string, rest: string) =>
        `insert into outreach_pending (customer_id)
           select distinct noted.customer_id from (select ${column} as customer_id from ${rest}) as noted
            where not exists (select 1 from outreach_pending p where p.customer_id = noted.customer_id);`,
    );
}

interface Kept {
  name: string;
  sql: string;
}

async function rewriteTriggers(db: Kysely<any>, rewrite: (sql: string) => string): Promise<void> {
  const { rows } = await sql<Kept>`select name, sql from sqlite_master
      where type = 'trigger' and name like 'outreach_on_%'`.execute(db);
  for (const trigger of rows) {
    await sql.raw(`drop trigger ${trigger.name}`).execute(db);
    await sql.raw(rewrite(trigger.sql)).execute(db);
  }
  const { rows: deferred } = await sql<{ value: string }>`select value from sync_state
      where key = 'deferred_indexes'`.execute(db);
  for (const { value } of deferred) {
    const items = (JSON.parse(value) as Kept[]).map((item) => ({
      ...item,
      sql: rewrite(item.sql),
    }));
    await sql`update sync_state set value = ${JSON.stringify(items)}
        where key = 'deferred_indexes'`.execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await rewriteTriggers(db, notedOnce);
}

export async function down(): Promise<void> {
  // The old notes failed pages; there is nothing worth going back to.
}
