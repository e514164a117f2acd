import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { Migrator, NO_MIGRATIONS } from 'kysely/migration';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../../src/main/core/platform/connection';
import { bundledMigrationProvider, migrations } from '../../../src/main/core/platform/migrations';
import { AppError } from '../../../src/main/core/platform/errors';
import { createRecordRemover } from '../../../src/main/core/erasure/remove-records';

const names = Object.keys(migrations);

function rawDatabase() {
  const sqlite = new Sqlite(':memory:');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { sqlite, db, migrator: new Migrator({ db, provider: bundledMigrationProvider }) };
}

/** Ordinary tables and their columns (the FTS index and its shadow tables are left out). */
function columnsOf(sqlite: Sqlite.Database): Map<string, string[]> {
  const tables = sqlite
    .prepare(
      `select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' and name not like 'customer_search%'`,
    )
    .all() as { name: string }[];
  return new Map(
    tables.map(({ name }) => [
      name,
      (sqlite.prepare(`select name from pragma_table_info(?)`).all(name) as { name: string }[]).map(
        (c) => c.name,
      ),
    ]),
  );
}

describe('migrations', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('sort in the order they are registered', () => {
    expect([...names].sort()).toEqual(names);
  });

  it('0001 creates the retailer cache tables, which take a customer and its search terms', async () => {
    const { sqlite, db, migrator } = rawDatabase();
    expect((await migrator.migrateTo('2026_11_23_0001_retailer_cache')).error).toBeUndefined();
    sqlite
      .prepare(
        `insert into customers (id, family_name, given_name, family_name_kana, given_name_kana, language, tier, lifetime_value, currency, created_at, updated_at)
         values ('c1', '佐藤', '花子', 'サトウ', 'ハナコ', 'ja', 'gold', 1000, 'JPY', 'x', 'x')`,
      )
      .run();
    const { local_id } = sqlite.prepare(`select local_id from customers where id = 'c1'`).get() as {
      local_id: number;
    };
    sqlite
      .prepare('insert into customer_search (rowid, terms) values (?, ?)')
      .run(local_id, '佐藤花子\nサトウハナコ');
    const hit = sqlite
      .prepare(`select rowid from customer_search where customer_search match '"藤花子"'`)
      .get() as { rowid: number };
    expect(hit.rowid).toBe(local_id);
    const tables = [...columnsOf(sqlite).keys()].sort();
    expect(tables).toEqual(
      [
        'claims',
        'contacts',
        'customer_emails',
        'customer_phones',
        'customers',
        'knowledge_answers',
        'notices',
        'order_lines',
        'orders',
        'outbox',
        'policies',
        'reasons',
        'returns',
        'script_versions',
        'shipments',
        'sync_state',
        'tracking_events',
        'voc_records',
      ].sort(),
    );
    await db.destroy();
  });

  it('0002 adds the lookup indexes that the screen pop uses', async () => {
    const { sqlite, db, migrator } = rawDatabase();
    await migrator.migrateTo('2026_11_23_0001_retailer_cache');
    const planFor = () =>
      (
        sqlite
          .prepare(
            `explain query plan select * from orders where customer_id = 'c1' order by placed_at desc limit 10`,
          )
          .all() as { detail: string }[]
      )
        .map((r) => r.detail)
        .join('\n');
    expect(planFor()).toMatch(/SCAN orders/);
    expect((await migrator.migrateTo('2026_11_23_0002_lookup_indexes')).error).toBeUndefined();
    expect(planFor()).toMatch(/SEARCH orders USING INDEX orders_by_customer/);
    const byNumber = sqlite
      .prepare(`explain query plan select customer_id from orders where order_number = 'KO-1'`)
      .all() as { detail: string }[];
    expect(byNumber.map((r) => r.detail).join()).toMatch(/INDEX orders_by_order_number/);
    await db.destroy();
  });

  it("0003 adds the audit log and finds a call's wrap-up by its call id", async () => {
    const { sqlite, db, migrator } = rawDatabase();
    await migrator.migrateTo('2026_11_23_0002_lookup_indexes');
    expect((await migrator.migrateTo('2026_11_23_0003_audit_log')).error).toBeUndefined();
    sqlite
      .prepare(
        `insert into audit_log (kind, agent_id, customer_id, call_id, detail, at) values ('pii_revealed', 'a', 'c', null, '{}', 'x')`,
      )
      .run();
    expect(sqlite.prepare('select seq, kind from audit_log').all()).toEqual([
      { seq: 1, kind: 'pii_revealed' },
    ]);
    const plan = sqlite
      .prepare(`explain query plan select * from voc_records where call_id = 'call-1'`)
      .all() as { detail: string }[];
    expect(plan.map((r) => r.detail).join()).toMatch(/INDEX voc_records_by_call/);
    await db.destroy();
  });

  it('0004 adds the index fingerprint, null for customers written before it', async () => {
    const { sqlite, db, migrator } = rawDatabase();
    await migrator.migrateTo('2026_11_23_0003_audit_log');
    sqlite
      .prepare(
        `insert into customers (id, family_name, given_name, family_name_kana, given_name_kana, language, tier, lifetime_value, currency, created_at, updated_at)
         values ('c1', '佐藤', '花子', 'サトウ', 'ハナコ', 'ja', 'gold', 1000, 'JPY', 'x', 'x')`,
      )
      .run();
    expect((await migrator.migrateTo('2026_11_23_0004_customer_index_key')).error).toBeUndefined();
    expect(sqlite.prepare(`select index_key from customers where id = 'c1'`).get()).toEqual({
      index_key: null,
    });
    await db.destroy();
  });

  it('0006 adds the table that keeps the fitted prediction models, one row per name', async () => {
    const { sqlite, db, migrator } = rawDatabase();
    await migrator.migrateTo('2026_11_23_0004_customer_index_key');
    expect((await migrator.migrateTo('2026_11_23_0006_prediction_models')).error).toBeUndefined();
    const upsert = sqlite.prepare(
      `insert into prediction_models (name, format, fitted_at, watermark, models) values ('current', 1, ?, '{}', ?)
       on conflict(name) do update set fitted_at = excluded.fitted_at, models = excluded.models`,
    );
    upsert.run('2026-11-23T00:00:00.000Z', '{"a":1}');
    upsert.run('2026-11-24T00:00:00.000Z', '{"a":2}');
    expect(sqlite.prepare('select name, fitted_at, models from prediction_models').all()).toEqual([
      { name: 'current', fitted_at: '2026-11-24T00:00:00.000Z', models: '{"a":2}' },
    ]);
    await db.destroy();
  });

  it('2026_12_06_0001 adds the queue of agent state reports, in order, one row per change id', async () => {
    const { sqlite, db, migrator } = rawDatabase();
    await migrator.migrateTo('2026_11_23_0008_knowledge_answer_centers');
    expect((await migrator.migrateTo('2026_12_06_0011_agent_state_reports')).error).toBeUndefined();
    const insert = sqlite.prepare('insert into agent_state_reports (id, payload) values (?, ?)');
    insert.run('b', '{}');
    insert.run('a', '{}');
    expect(() => insert.run('a', '{}')).toThrow(/UNIQUE/);
    expect(
      sqlite.prepare('select id, attempts from agent_state_reports order by seq').all(),
    ).toEqual([
      { id: 'b', attempts: 0 },
      { id: 'a', attempts: 0 },
    ]);
    await db.destroy();
  });

  it('2026_12_06_0021 adds the alerts this desk raised, pending until the retailer has them', async () => {
    const { sqlite, db, migrator } = rawDatabase();
    await migrator.migrateTo('2026_12_06_0011_agent_state_reports');
    expect((await migrator.migrateTo('2026_12_06_0021_supervisor_alerts')).error).toBeUndefined();
    const insert = sqlite.prepare(
      `insert into supervisor_alerts (id, kind, note, raised_at) values (?, 'help', '', ?)`,
    );
    insert.run('a', '2026-12-06T09:00:00.000Z');
    expect(() => insert.run('a', '2026-12-06T09:00:01.000Z')).toThrow(/UNIQUE/);
    expect(sqlite.prepare('select id, pending, refused from supervisor_alerts').all()).toEqual([
      { id: 'a', pending: 1, refused: 0 },
    ]);
    await db.destroy();
  });

  it('2026_12_07_0080 adds the region closures, one row per id, found by region and end day', async () => {
    const { sqlite, db, migrator } = rawDatabase();
    await migrator.migrateTo('2026_12_07_0060_outreach_candidates');
    expect((await migrator.migrateTo('2026_12_07_0080_region_events')).error).toBeUndefined();
    const insert = sqlite.prepare(
      `insert into region_closures (id, region, carrier, starts_on, ends_on, reason, announced_at, updated_at)
       values (?, 'hokkaido', null, '2026-12-07', '2026-12-08', '大雪', ?, ?)`,
    );
    insert.run('c1', '2026-12-06T22:00:00.000Z', '2026-12-06T22:00:00.000Z');
    expect(() => insert.run('c1', '2026-12-06T23:00:00.000Z', '2026-12-06T23:00:00.000Z')).toThrow(
      /UNIQUE/,
    );
    const plan = sqlite
      .prepare(
        `explain query plan select * from region_closures where region = 'hokkaido' and ends_on >= '2026-12-07'`,
      )
      .all() as { detail: string }[];
    expect(plan.map((r) => r.detail).join(' ')).toMatch(/region_closures_by_region/);
    await db.destroy();
  });

  it("2026_12_07_0130 finds a deleted order's returns and claims by the order, not by reading the tables whole", async () => {
    const { sqlite, db, migrator } = rawDatabase();
    await migrator.migrateTo('2026_12_07_0080_region_events');
    expect(
      (await migrator.migrateTo('2026_12_07_0130_after_sales_by_order')).error,
    ).toBeUndefined();
    // The remover's own statements, as it prepares them.
    const prepared: string[] = [];
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((source: string) => (prepared.push(source), prepare(source))) as never;
    const remover = createRecordRemover(sqlite);
    sqlite.prepare = prepare as never;
    const plans = ['returns', 'claims'].map((table) => {
      const statement = prepared.find((q) =>
        new RegExp(`^delete from ${table} where order_id`).test(q),
      );
      expect(statement, `the remover deletes ${table} by order`).toBeDefined();
      return (prepare(`explain query plan ${statement}`).all('["o1"]') as { detail: string }[])
        .map((r) => r.detail)
        .join(' ');
    });
    expect(plans[0]).toMatch(/SEARCH returns USING (COVERING )?INDEX returns_by_order/);
    expect(plans[1]).toMatch(/SEARCH claims USING (COVERING )?INDEX claims_by_order/);
    expect(remover.remove([{ type: 'order', id: 'o1' }])).toBe(1);
    await db.destroy();
  });

  it('every migration goes down again, back to an empty database', async () => {
    const { sqlite, db, migrator } = rawDatabase();
    await migrator.migrateToLatest();
    expect((await migrator.migrateTo(NO_MIGRATIONS)).error).toBeUndefined();
    expect(columnsOf(sqlite).size).toBe(0);
    await db.destroy();
  });

  it('are additive only: replaying the chain never drops or renames a column', async () => {
    const { sqlite, db, migrator } = rawDatabase();
    let before = new Map<string, string[]>();
    for (const name of names) {
      await migrator.migrateTo(name);
      const after = columnsOf(sqlite);
      for (const [table, columns] of before) {
        expect(after.get(table), `${name} dropped table ${table}`).toBeDefined();
        for (const column of columns)
          expect(after.get(table), `${name}: ${table}.${column}`).toContain(column);
      }
      before = after;
    }
    await db.destroy();
  });

  it('a database from a newer Koe is refused with a clear message and left untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koe-db-'));
    dirs.push(dir);
    const filename = join(dir, 'koe.sqlite');
    const first = await openDatabase({ filename });
    await sql`insert into kysely_migration (name, timestamp) values ('2099_01_01_0001_future', '2099-01-01')`.execute(
      first.db,
    );
    await first.close();
    const bytes = readFileSync(filename);

    const opening = openDatabase({ filename });
    await expect(opening).rejects.toBeInstanceOf(AppError);
    await expect(opening).rejects.toMatchObject({
      code: 'database_too_new',
      message: expect.stringMatching(/newer version of Koe/),
    });
    expect(readFileSync(filename).equals(bytes)).toBe(true);
  });

  it('a migration that fails halfway leaves nothing behind, and the next start migrates cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koe-db-'));
    dirs.push(dir);
    const filename = join(dir, 'koe.sqlite');
    const sqlite = new Sqlite(filename);
    // The bundled chain, then one that builds an index and dies before it finishes: what a
    // process killed mid-migration looks like from the next start.
    const failingLast = {
      getMigrations: async () => ({
        ...migrations,
        '2099_01_01_0001_dies_halfway': {
          up: async (db: Kysely<unknown>) => {
            await sql`create index half_built on customers (updated_at)`.execute(db);
            throw new Error('killed');
          },
        },
      }),
    };
    await expect(migrateToLatest(sqlite, failingLast)).rejects.toMatchObject({
      message: expect.stringMatching(/2099_01_01_0001_dies_halfway failed/),
    });
    const objects = sqlite
      .prepare(`select name from sqlite_master where tbl_name not like 'kysely_%'`)
      .all();
    expect(objects).toEqual([]);
    sqlite.close();

    const reopened = await openDatabase({ filename });
    const applied = await sql<{
      name: string;
    }>`select name from kysely_migration order by name`.execute(reopened.db);
    expect(applied.rows.map((r) => r.name)).toEqual(names);
    await reopened.close();
  });

  it('opens a file in WAL mode', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koe-db-'));
    dirs.push(dir);
    const { sqlite, close } = await openDatabase({ filename: join(dir, 'koe.sqlite') });
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    await close();
  });
});
