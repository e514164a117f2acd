import type { CompiledQuery } from 'kysely';
import type { RetailerRecord } from '../../src/shared/protocol/records';
import { recordKey, recordsUpsert } from '../../server/src/data/change-log';
import { openServerStore } from '../../server/src/db/connect';

/**
 * `EXPLAIN (ANALYZE, BUFFERS)` of the statements a data batch, a VoC push and a pull run, built
 * by the same query builder as the server's, on the run's database after the desks left (each
 * in a transaction rolled back, so nothing stays). One line per statement: the plan's top node,
 * the index it used, its time and buffers.
 */
export async function explainIngest(
  databaseUrl: string,
  tenantId: string,
  batch: readonly RetailerRecord[],
): Promise<string[]> {
  const store = await openServerStore({ databaseUrl, sqliteFile: '' });
  const pool = store.pool!;
  const db = store.db;
  const ids = batch.map((r) => recordKey(r).id);
  const statements: [string, CompiledQuery][] = [
    [
      'batch: stored versions of its ids',
      db
        .selectFrom('records')
        .select(['id', 'updated_at', 'deleted', 'data'])
        .where('tenant_id', '=', tenantId)
        .where('type', '=', 'customer')
        .where('id', 'in', ids)
        .compile(),
    ],
    [
      'batch: upsert of its rows',
      recordsUpsert(
        db,
        batch.map((r, i) => ({
          tenant_id: tenantId,
          type: r.type,
          id: recordKey(r).id,
          data: JSON.stringify(r.data),
          updated_at: recordKey(r).updatedAt,
          seq: 1e12 + i,
          deleted: 0,
        })),
      ).compile(),
    ],
    [
      'batch: the tenant counter',
      db
        .updateTable('tenant_sequences')
        .set((eb) => ({ value: eb('value', '+', 500) }))
        .where('tenant_id', '=', tenantId)
        .returning('value')
        .compile(),
    ],
    [
      'pull: a page of 500 changes',
      db
        .selectFrom('records')
        .select(['type', 'id', 'data', 'seq', 'deleted'])
        .where('tenant_id', '=', tenantId)
        .where('seq', '>', 20_000)
        .orderBy('seq')
        .limit(501)
        .compile(),
    ],
  ];
  const out: string[] = [];
  try {
    for (const [what, query] of statements) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const plan = await client.query<{ 'QUERY PLAN': string }>(
          `explain (analyze, buffers) ${query.sql}`,
          [...query.parameters],
        );
        await client.query('rollback');
        const lines = plan.rows.map((r) => r['QUERY PLAN'].trim());
        const keep = lines.filter(
          (l, i) => i === 0 || /Index|Seq Scan|Buffers|Execution Time|Conflict/.test(l),
        );
        // The 500 ids of the batch's read, shortened.
        const line = keep
          .slice(0, 8)
          .join(' | ')
          .replace(/'\{[^}]{60,}\}'/g, "'{…}'");
        out.push(`${what}: ${line}`);
      } finally {
        client.release();
      }
    }
  } finally {
    await store.close();
  }
  return out;
}
