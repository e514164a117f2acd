import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { VocRecord } from '../../../src/shared/domain/voc';
import { redactAgentText } from '../../../src/shared/guidance/redact-payment-data';
import type { VocPushOutcome } from '../../../src/shared/protocol/voc-push';
import type { Principal } from '../auth/access-tokens';
import type { ServerDb } from '../db/schema';
import { enqueueVocDeliveries, type VocEvent } from '../webhooks/webhook-queue';

/**
 * Canonical JSON (keys sorted at every depth, undefined members left out), so equal content
 * always hashes equal. `omit` leaves out a top-level key. Built as one string without the
 * intermediate arrays of entries: it runs for every pushed record (issue #15, server ingest),
 * and its text must stay byte for byte what stored hashes were made of.
 */
export function canonicalJson(value: unknown, omit?: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      // As `join` wrote them: an undefined element as nothing.
      out += canonicalJson(value[i] as unknown) ?? '';
    }
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const key of Object.keys(object).sort()) {
    const member = object[key];
    if (member === undefined || key === omit) continue;
    if (!first) out += ',';
    first = false;
    out += `${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${out}}`;
}

/** Rows per INSERT: 7 values each, far below the bound-parameter limits of both databases. */
const ROWS_PER_INSERT = 500;

/** Pushed records as stored: redacted, with their hash, on behalf of whom may store them. */
function vocRows(principal: Principal, pushed: readonly VocRecord[], receivedAt: string) {
  // Payment data never stored, whatever the desk did: the free text is redacted again here,
  // before hashing, so a replay of the same record still hashes equal.
  const records = pushed.map(redactAgentText);
  const allowed = records.map(
    (r) => r.agentId === principal.userId && r.centerId === principal.centerId,
  );
  const rows = records.flatMap((record, i) =>
    allowed[i]
      ? [
          {
            tenant_id: principal.tenantId,
            id: record.id,
            center_id: record.centerId,
            agent_id: record.agentId,
            // Revision 1 hashes without the field, as records did before corrections existed.
            content_hash: createHash('sha256')
              .update(canonicalJson(record, record.revision === 1 ? 'revision' : undefined))
              .digest('hex'),
            data: JSON.stringify(record),
            received_at: receivedAt,
          },
        ]
      : [],
  );
  return { records, allowed, rows };
}

/**
 * The usual push — new records of a retailer no webhook listens to — stored by one statement
 * outside a transaction, all of it or nothing: on PostgreSQL one round trip instead of begin,
 * insert, the webhooks' read and commit, each of which waited for a busy event loop (issue
 * #15, load test). It stores nothing, and answers null, when the push needs the full path of
 * `ingestVocRecords` in a transaction: a webhook is active (its deliveries commit with the
 * records), an id is stored already or comes twice (a replay, a correction, a conflict), a
 * record is not the agent's own. A concurrent push of the same id makes the plain insert fail
 * as a whole (no `on conflict`), which is answered null too.
 */
export async function storeNewVocAlone(
  db: ServerDb,
  principal: Principal,
  pushed: readonly VocRecord[],
): Promise<VocPushOutcome[] | null> {
  const receivedAt = new Date().toISOString();
  const { allowed, rows } = vocRows(principal, pushed, receivedAt);
  const ids = rows.map((row) => row.id);
  if (
    rows.length === 0 ||
    rows.length > ROWS_PER_INSERT ||
    allowed.includes(false) ||
    new Set(ids).size !== ids.length
  )
    return null;
  const columns = Object.keys(rows[0]!) as (keyof (typeof rows)[number])[];
  // The rows as `values (…), (…)`, whose columns both databases name column1, column2, … in
  // order (every column is text on both): one row list, as the plain multi-row insert sends it.
  const source = sql.join(rows.map((row) => sql`(${sql.join(columns.map((c) => row[c]))})`));
  const insert = db
    .insertInto('voc_records')
    .columns(columns)
    .expression(
      db
        .selectFrom(sql`(values ${source})`.as('v'))
        .select(columns.map((_, i) => sql.ref(`v.column${i + 1}`).as(`column${i + 1}`)))
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('webhooks')
                .select(sql.lit(1).as('one'))
                .where('tenant_id', '=', principal.tenantId)
                .where('deleted_at', 'is', null)
                .where('disabled_at', 'is', null)
                .unionAll(
                  selectFrom('voc_records')
                    .select(sql.lit(1).as('one'))
                    .where('tenant_id', '=', principal.tenantId)
                    .where('id', 'in', ids),
                ),
            ),
          ),
        ),
    );
  try {
    const { numInsertedOrUpdatedRows } = await insert.executeTakeFirst();
    if (Number(numInsertedOrUpdatedRows ?? 0) !== rows.length) return null;
  } catch (error) {
    if (isDuplicateKey(error)) return null;
    throw error;
  }
  return rows.map((row) => ({ id: row.id, status: 'accepted', receivedAt }));
}

/** A unique key violated (PostgreSQL 23505, SQLite's primary-key constraint). */
function isDuplicateKey(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Stores pushed VoC records idempotently, keyed by their client-generated id (as Stripe's
 * idempotency keys): the first arrival is accepted, a replay with the same content gets the
 * first answer again, the same id with other content is a conflict. An agent writes only as
 * itself, into its own center.
 *
 * One multi-row `insert … on conflict do nothing returning id` for the batch, then one read of
 * the first copies of the ids that were already there (or came twice in the batch): a round trip
 * or two per batch instead of one or two per record.
 *
 * Webhook deliveries of what was stored are queued through the same handle: called in a
 * transaction, a record and its deliveries commit together.
 */
export async function ingestVocRecords(
  db: ServerDb,
  principal: Principal,
  pushed: readonly VocRecord[],
): Promise<VocPushOutcome[]> {
  const receivedAt = new Date().toISOString();
  const { records, allowed, rows } = vocRows(principal, pushed, receivedAt);

  const inserted = new Set<string>();
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const returned = await db
      .insertInto('voc_records')
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing())
      .returning('id')
      .execute();
    for (const r of returned) inserted.add(r.id);
  }

  // A row the insert wrote answers `accepted` once (its first copy in the batch); every other
  // copy of an id is compared with the first stored copy.
  const accepted = new Set<string>();
  const earlier = rows.filter((row) => {
    if (inserted.has(row.id) && !accepted.has(row.id)) {
      accepted.add(row.id);
      return false;
    }
    return true;
  });
  const first = new Map<string, StoredVoc>();
  const ids = [...new Set(earlier.map((row) => row.id))];
  for (let i = 0; i < ids.length; i += ROWS_PER_INSERT) {
    const stored = await db
      .selectFrom('voc_records')
      .select(['id', 'agent_id', 'content_hash', 'received_at', 'data'])
      .where('tenant_id', '=', principal.tenantId)
      .where('id', 'in', ids.slice(i, i + ROWS_PER_INSERT))
      .execute();
    for (const r of stored) first.set(r.id, { ...r, revision: revisionOf(r.data) });
  }

  accepted.clear();
  // What webhooks announce: each record stored new, each correction that replaced one.
  const events: VocEvent[] = [];
  let next = 0;
  const outcomes: VocPushOutcome[] = [];
  for (const [i, record] of records.entries()) {
    if (!allowed[i]) {
      outcomes.push({
        id: record.id,
        status: 'rejected',
        reason: 'An agent may only save VoC records as itself, in its own center.',
      });
      continue;
    }
    const row = rows[next++]!;
    if (inserted.has(row.id) && !accepted.has(row.id)) {
      accepted.add(row.id);
      outcomes.push({ id: record.id, status: 'accepted', receivedAt });
      events.push({ event: 'voc.created', record, receivedAt });
      continue;
    }
    const stored = first.get(row.id);
    if (!stored) throw new Error(`VoC record ${row.id} was neither inserted nor found`);
    if (stored.content_hash === row.content_hash) {
      outcomes.push({ id: record.id, status: 'duplicate', receivedAt: stored.received_at });
    } else if (record.revision < stored.revision) {
      // A correction the server already holds superseded this revision: nothing to do.
      outcomes.push({ id: record.id, status: 'duplicate', receivedAt: stored.received_at });
    } else if (record.revision > stored.revision && stored.agent_id === record.agentId) {
      // The agent's correction within the edit window replaces the record. The guard on the
      // stored hash keeps a concurrent writer from being overwritten unseen.
      const updated = await db
        .updateTable('voc_records')
        .set({ data: row.data, content_hash: row.content_hash, received_at: receivedAt })
        .where('tenant_id', '=', principal.tenantId)
        .where('id', '=', row.id)
        .where('content_hash', '=', stored.content_hash)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) {
        outcomes.push(
          conflict(
            record.id,
            stored,
            'The record changed while this correction arrived; send it again.',
          ),
        );
        continue;
      }
      first.set(row.id, {
        ...stored,
        content_hash: row.content_hash,
        data: row.data,
        received_at: receivedAt,
        revision: record.revision,
      });
      outcomes.push({ id: record.id, status: 'accepted', receivedAt });
      events.push({ event: 'voc.updated', record, receivedAt });
    } else {
      outcomes.push(
        conflict(
          record.id,
          stored,
          'A different record was already saved with this id and revision; ids must not be reused.',
        ),
      );
    }
  }
  await enqueueVocDeliveries(db, principal.tenantId, events);
  return outcomes;
}

interface StoredVoc {
  agent_id: string;
  content_hash: string;
  received_at: string;
  data: string;
  revision: number;
}

function conflict(id: string, stored: StoredVoc, reason: string): VocPushOutcome {
  return { id, status: 'conflict', reason, receivedAt: stored.received_at };
}

/** Records stored before corrections had revisions are revision 1. */
function revisionOf(data: string): number {
  const revision = (JSON.parse(data) as { revision?: unknown }).revision;
  return typeof revision === 'number' ? revision : 1;
}
