import type { Selectable } from 'kysely';
import type { VocRecord } from '../../../shared/domain/voc';
import type { WrapUpDelivery } from '../../../shared/ipc';
import { decodeRefusal } from '../sync';
import type { ReadDb } from '../platform/database';
import type { VocRecordTable } from './voc.table';

/** The record as saved (the columns, and `details` for the fields without one). */
export function vocRecordFromRow(row: Selectable<VocRecordTable>): VocRecord {
  const details = JSON.parse(row.details) as {
    centerId: string;
    harassment: VocRecord['harassment'];
    afterCallWorkSeconds: number;
    /** Absent in records saved before corrections had revisions. */
    revision?: number;
    /** Absent in records saved before the VoC kept the steps and actions used. */
    scriptSteps?: string[];
    nextBestActions?: string[];
    /** Absent in records saved before actions could be marked done or callbacks had a time. */
    nextBestActionsDone?: string[];
    callbackAt?: string;
    /** Absent in inbound records and in records saved before outreach and risk signals. */
    contactType?: VocRecord['contactType'];
    outreachOutcome?: VocRecord['outreachOutcome'];
    riskSignals?: VocRecord['riskSignals'];
    /** Absent in records saved before the desk kept what its model saw. */
    featureSnapshot?: VocRecord['featureSnapshot'];
  };
  return {
    id: row.id,
    callId: row.call_id,
    agentId: row.agent_id,
    centerId: details.centerId,
    customerId: row.customer_id,
    orderId: row.order_id,
    reasonCodes: JSON.parse(row.reason_codes) as string[],
    predictedReason: row.predicted_reason,
    sentiment: row.sentiment as VocRecord['sentiment'],
    resolution: row.resolution as VocRecord['resolution'],
    avoidable: row.avoidable === 1,
    customerWords: row.customer_words,
    scriptId: row.script_id,
    scriptVersion: row.script_version,
    harassment: details.harassment,
    startedAt: row.started_at,
    endedAt: row.ended_at ?? row.started_at,
    savedAt: row.saved_at,
    afterCallWorkSeconds: details.afterCallWorkSeconds,
    revision: details.revision ?? 1,
    ...(details.scriptSteps ? { scriptSteps: details.scriptSteps } : {}),
    ...(details.nextBestActions ? { nextBestActions: details.nextBestActions } : {}),
    ...(details.nextBestActionsDone ? { nextBestActionsDone: details.nextBestActionsDone } : {}),
    ...(details.callbackAt ? { callbackAt: details.callbackAt } : {}),
    ...(details.contactType ? { contactType: details.contactType } : {}),
    ...(details.outreachOutcome ? { outreachOutcome: details.outreachOutcome } : {}),
    ...(details.riskSignals ? { riskSignals: details.riskSignals } : {}),
    ...(details.featureSnapshot ? { featureSnapshot: details.featureSnapshot } : {}),
  };
}

export async function readVocByCall(db: ReadDb, callId: string): Promise<VocRecord | null> {
  const row = await db
    .selectFrom('voc_records')
    .selectAll()
    .where('call_id', '=', callId)
    .orderBy('saved_at', 'desc')
    .executeTakeFirst();
  return row ? vocRecordFromRow(row) : null;
}

export interface SavedWrapUpLine {
  record: VocRecord;
  customerName: string | null;
  /** Whether the retailer has it: still in the outbox, refused (quarantined), or delivered. */
  delivery: WrapUpDelivery;
}

/** An agent's wrap-ups saved since a moment (the start of the day), newest first. */
export async function readWrapUpsSince(
  db: ReadDb,
  agentId: string,
  sinceIso: string,
): Promise<SavedWrapUpLine[]> {
  const rows = await db
    .selectFrom('voc_records as v')
    .leftJoin('customers as c', 'c.id', 'v.customer_id')
    .selectAll('v')
    .select(['c.family_name', 'c.given_name', 'c.language'])
    .where('v.agent_id', '=', agentId)
    .where('v.saved_at', '>=', sinceIso)
    .orderBy('v.saved_at', 'desc')
    .limit(500)
    .execute();
  const outboxRows = rows.length
    ? await db
        .selectFrom('outbox')
        .select(['entity_id', 'state', 'last_error'])
        .where('kind', '=', 'voc_record')
        .where(
          'entity_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  const deliveries = new Map<string, WrapUpDelivery>();
  for (const row of outboxRows) {
    // A pending correction outranks a refusal it is about to replace.
    if (deliveries.get(row.entity_id)?.state === 'pending') continue;
    deliveries.set(
      row.entity_id,
      row.state === 'quarantined'
        ? { state: 'refused', ...decodeRefusal(row.last_error) }
        : { state: 'pending', reason: null, detail: null },
    );
  }
  return rows.map(({ family_name, given_name, language, ...row }) => ({
    record: vocRecordFromRow(row),
    delivery: deliveries.get(row.id) ?? { state: 'delivered', reason: null, detail: null },
    // Written the way the customer writes it: 佐藤 花子, Emily Carter.
    customerName:
      family_name === null
        ? null
        : (language === 'en' ? [given_name, family_name] : [family_name, given_name])
            .filter(Boolean)
            .join(' '),
  }));
}
