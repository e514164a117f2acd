import type { RetailerRecord } from '../../../src/shared/protocol/records';
import type { Deletion } from '../../../src/shared/protocol/sync';
import type { Insertable } from 'kysely';
import type { ServerDatabase, ServerDb } from '../db/schema';

/** The id and the "as of" time of a record, whatever its type. */
export function recordKey(record: RetailerRecord): { id: string; updatedAt: string } {
  switch (record.type) {
    case 'reason':
      return { id: record.data.code, updatedAt: '1970-01-01T00:00:00.000Z' };
    case 'script_version':
      return {
        id: `${record.data.scriptId}@${record.data.version}`,
        updatedAt: record.data.publishedAt,
      };
    case 'knowledge_answer':
      return { id: record.data.id, updatedAt: record.data.publishedAt };
    default:
      return { id: record.data.id, updatedAt: record.data.updatedAt };
  }
}

/**
 * Takes `count` sequence numbers for a tenant. The UPDATE locks the tenant's counter row until
 * the transaction commits, so writers of one tenant commit in sequence order and a client that
 * has read up to N can never later miss a change numbered below N.
 */
async function reserveSequence(trx: ServerDb, tenantId: string, count: number): Promise<number> {
  const row = await trx
    .updateTable('tenant_sequences')
    .set((eb) => ({ value: eb('value', '+', count) }))
    .where('tenant_id', '=', tenantId)
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value) - count + 1;
}

/**
 * One write to a record: an upsert or a deletion, with its time. Latest write wins: versions
 * are ordered by their instant (`updatedAt`, or a deletion's `deletedAt`); at the same instant a
 * deletion beats an upsert and of two upserts the greater JSON text wins, so every order of
 * arrival, replays included, ends at the same record. Identical content at the same instant is
 * already held: nothing to apply. Reasons have no time of their own: the later arrival wins.
 */
interface Write {
  type: string;
  id: string;
  at: number;
  updatedAt: string;
  deleted: boolean;
  data: string;
}

/** Whether `a` supersedes `b` (see {@link Write}). */
export function supersedes(
  a: Pick<Write, 'type' | 'at' | 'deleted' | 'data'>,
  b: Pick<Write, 'at' | 'deleted' | 'data'>,
): boolean {
  if (a.type === 'reason') return true;
  if (a.at !== b.at) return a.at > b.at;
  if (a.deleted !== b.deleted) return a.deleted;
  return a.data > b.data;
}

/**
 * Rows per upsert: 7 values each, 7,000 bound values, within both databases' limits (SQLite
 * 32,766, PostgreSQL 65,535). A 500-row batch is one statement: each statement is a round trip
 * that waits for a busy process's event loop (the load test measured 60 ms each at 400 desks).
 */
const ROWS_PER_UPSERT = 1_000;

/** Upserts and deletions of one tenant in one transaction (the caller's). Never moves backwards. */
export async function applyChanges(
  trx: ServerDb,
  tenantId: string,
  records: readonly RetailerRecord[],
  deletions: readonly Deletion[],
): Promise<{ applied: number; skippedStale: number; lastSeq: number | null }> {
  const now = new Date().toISOString();
  const writes: Write[] = [
    ...records.map((r) => {
      const { id, updatedAt } = recordKey(r);
      return {
        type: r.type,
        id,
        at: Date.parse(updatedAt),
        updatedAt,
        deleted: false,
        data: JSON.stringify(r.data),
      };
    }),
    ...deletions.map((d) => ({
      type: d.type,
      id: d.id,
      at: Date.parse(d.deletedAt ?? now),
      updatedAt: d.deletedAt ?? now,
      deleted: true,
      data: 'null',
    })),
  ];
  // Lock the tenant's counter row first: a concurrent batch of the same tenant commits before
  // this one reads what is stored, so neither decides "newer" from a read the other overtook.
  await trx
    .updateTable('tenant_sequences')
    .set((eb) => ({ value: eb.ref('value') }))
    .where('tenant_id', '=', tenantId)
    .execute();
  // The latest write of each record in the batch (for reasons, the last one).
  const latest = new Map<string, Write>();
  for (const w of writes) {
    const key = `${w.type}/${w.id}`;
    const held = latest.get(key);
    if (!held || supersedes(w, held)) latest.set(key, w);
  }
  const existing = new Map<string, Pick<Write, 'at' | 'deleted' | 'data'>>();
  const byType = new Map<string, string[]>();
  for (const w of latest.values()) byType.set(w.type, [...(byType.get(w.type) ?? []), w.id]);
  for (const [type, ids] of byType) {
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await trx
        .selectFrom('records')
        .select(['id', 'updated_at', 'deleted', 'data'])
        .where('tenant_id', '=', tenantId)
        .where('type', '=', type)
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const r of rows)
        existing.set(`${type}/${r.id}`, {
          // Stored before times were kept in UTC: still compared as instants.
          at: Date.parse(r.updated_at),
          deleted: Number(r.deleted) === 1,
          data: r.data,
        });
    }
  }
  const fresh = [...latest.values()].filter((w) => {
    const stored = existing.get(`${w.type}/${w.id}`);
    // A deletion of what is already deleted still moves the tombstone's time forward.
    return !stored || supersedes(w, stored);
  });
  const upserts = fresh.filter((w) => !w.deleted).length;
  if (fresh.length === 0) return { applied: 0, skippedStale: records.length, lastSeq: null };
  let seq = await reserveSequence(trx, tenantId, fresh.length);
  for (let i = 0; i < fresh.length; i += ROWS_PER_UPSERT) {
    const values = fresh.slice(i, i + ROWS_PER_UPSERT).map((w) => ({
      tenant_id: tenantId,
      type: w.type,
      id: w.id,
      data: w.data,
      updated_at: w.updatedAt,
      seq: seq++,
      deleted: w.deleted ? 1 : 0,
    }));
    await recordsUpsert(trx, values).execute();
  }
  return { applied: fresh.length, skippedStale: records.length - upserts, lastSeq: seq - 1 };
}

/** The upsert of a batch's rows, not run (the load test explains it too). */
export function recordsUpsert(db: ServerDb, rows: Insertable<ServerDatabase['records']>[]) {
  return db
    .insertInto('records')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'type', 'id']).doUpdateSet((eb) => ({
        data: eb.ref('excluded.data'),
        updated_at: eb.ref('excluded.updated_at'),
        seq: eb.ref('excluded.seq'),
        deleted: eb.ref('excluded.deleted'),
      })),
    );
}

/**
 * Changes after `since`, oldest first, as the JSON text of a `PullPage`. From 0 (a
 * bootstrap) tombstones are left out: there is nothing on the client to delete yet. Rows of the
 * `withheldTypes` (types the puller's desk version does not understand, record-type-versions.ts)
 * are left out, upserts and deletions alike, and the cursor still moves past them.
 *
 * Each record's `data` is stored as the JSON text it was validated and serialized from on the way
 * in, so it is spliced into the page as is instead of parsed and serialized again per row.
 */
export async function readChangesJson(
  db: ServerDb,
  tenantId: string,
  since: number,
  limit: number,
  purgeBefore: string | null,
  /** The tenant's latest change, announced in the page (the pull's size). */
  headCursor?: number,
  /** The puller's center: scripts and answers published to other centers only are withheld. */
  centerId: string | null = null,
  withheldTypes: readonly string[] = [],
  /**
   * The page ends at this cursor at the latest (a pull's `until`, the cursor a change notice
   * announced, at most the head). Once nothing up to it is left the page's cursor is this bound,
   * not its last row's: the desks told the same notice then stand at the same cursor, and ask
   * the same page at the next one (shared-pull-pages.ts). Rows up to the head are committed
   * (writers take sequence numbers under the tenant's counter lock and commit in order).
   */
  upTo: number | null = null,
): Promise<{ json: string; cursor: string; hasMore: boolean }> {
  const rows = await db
    .selectFrom('records')
    .select(['type', 'id', 'data', 'seq', 'deleted'])
    .where('tenant_id', '=', tenantId)
    .where('seq', '>', since)
    .$if(upTo !== null, (q) => q.where('seq', '<=', upTo!))
    .$if(since === 0, (q) => q.where('deleted', '=', 0))
    .orderBy('seq')
    // One row past the page says whether there is more, without an empty page at the end.
    .limit(limit + 1)
    .execute();
  const hasMore = rows.length > limit;
  if (hasMore) rows.pop();
  const records: string[] = [];
  const deletions: string[] = [];
  for (const row of rows) {
    if (withheldTypes.includes(row.type)) continue;
    const withheld = !row.deleted && !visibleToCenter(row.type, row.data, centerId);
    // A first pull needs no deletions; later, a withheld record goes out as one, so a desk that
    // held it before it was re-scoped drops it.
    if (withheld && since === 0) continue;
    if (row.deleted || withheld) deletions.push(JSON.stringify({ type: row.type, id: row.id }));
    else records.push(`{"type":${JSON.stringify(row.type)},"data":${row.data}}`);
  }
  const cursor = String(
    upTo !== null && !hasMore ? Math.max(upTo, since) : (rows.at(-1)?.seq ?? since),
  );
  const json =
    `{"protocolVersion":1,"cursor":${JSON.stringify(cursor)},"hasMore":${hasMore},` +
    `"records":[${records.join(',')}],"deletions":[${deletions.join(',')}],` +
    `"purgeBefore":${JSON.stringify(purgeBefore)},"serverTime":${JSON.stringify(new Date().toISOString())}` +
    (headCursor === undefined
      ? '}'
      : `,"headCursor":${JSON.stringify(String(Math.max(headCursor, Number(cursor))))}}`);
  return { json, cursor, hasMore };
}

/**
 * Whether a desk of `centerId` may hold this record: a script or an answer published to some
 * centers only goes to those centers' desks (null: a retailer-wide user, who sees them all).
 */
export function visibleToCenter(type: string, data: string, centerId: string | null): boolean {
  if (centerId === null || (type !== 'script_version' && type !== 'knowledge_answer')) return true;
  const parsed = JSON.parse(data) as { centers?: string[]; triggers?: { centers?: string[] } };
  const centers = type === 'script_version' ? parsed.triggers?.centers : parsed.centers;
  return !centers || centers.length === 0 || centers.includes(centerId);
}

export async function latestSequence(db: ServerDb, tenantId: string): Promise<number> {
  const row = await db
    .selectFrom('tenant_sequences')
    .select('value')
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return Number(row?.value ?? 0);
}
