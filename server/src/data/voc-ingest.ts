import { createHash } from 'node:crypto';
import type { VocRecord } from '../../../src/shared/domain/voc';
import type { VocPushOutcome } from '../../../src/shared/protocol/voc-push';
import type { Principal } from '../auth/access-tokens';
import type { ServerDb } from '../db/schema';

/** Canonical JSON (keys sorted at every depth), so equal content always hashes equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Stores pushed VoC records idempotently, keyed by their client-generated id (as Stripe's
 * idempotency keys): the first arrival is accepted, a replay with the same content gets the
 * first answer again, the same id with other content is a conflict. An agent writes only as
 * itself, into its own center.
 */
export async function ingestVocRecords(
  db: ServerDb,
  principal: Principal,
  records: readonly VocRecord[],
): Promise<VocPushOutcome[]> {
  const outcomes: VocPushOutcome[] = [];
  for (const record of records) {
    if (record.agentId !== principal.userId || record.centerId !== principal.centerId) {
      outcomes.push({
        id: record.id,
        status: 'rejected',
        reason: 'An agent may only save VoC records as itself, in its own center.',
      });
      continue;
    }
    const hash = createHash('sha256').update(canonicalJson(record)).digest('hex');
    const receivedAt = new Date().toISOString();
    const inserted = await db
      .insertInto('voc_records')
      .values({
        tenant_id: principal.tenantId,
        id: record.id,
        center_id: record.centerId,
        agent_id: record.agentId,
        content_hash: hash,
        data: JSON.stringify(record),
        received_at: receivedAt,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) {
      outcomes.push({ id: record.id, status: 'accepted', receivedAt });
      continue;
    }
    const first = await db
      .selectFrom('voc_records')
      .select(['content_hash', 'received_at'])
      .where('tenant_id', '=', principal.tenantId)
      .where('id', '=', record.id)
      .executeTakeFirstOrThrow();
    outcomes.push(
      first.content_hash === hash
        ? { id: record.id, status: 'duplicate', receivedAt: first.received_at }
        : {
            id: record.id,
            status: 'conflict',
            reason: 'A different record was already saved with this id; ids must not be reused.',
            receivedAt: first.received_at,
          },
    );
  }
  return outcomes;
}
