import type Sqlite from 'better-sqlite3';
import type { CustomerCard, Notice } from '../../../shared/domain';
import type { VocRecord } from '../../../shared/domain/voc';
import { recordedRiskSignals, riskSignals } from '../../../shared/guidance/risk-signals';
import type { WrapUpInput } from '../../../shared/ipc';
import { outreachNotice } from '../../../shared/outreach/outreach-notice';
import type { CallDesk } from '../calls';
import type { ReadDb } from '../platform/database';
import { readActivePolicies } from '../guidance';
import { AppError } from '../platform/errors';

/** The fields a wrap-up adds for proactive calls and for the fraud and VIP signals. */
export type OutreachFields = Pick<VocRecord, 'contactType' | 'outreachOutcome' | 'riskSignals'>;

/**
 * What the wrap-up of this call records beyond the form: whether Koe called the customer (the
 * desk knows; after a restart the saved record does) with the outcome the agent chose, and the
 * fraud and VIP signals that shaped the call's actions, computed from the local cache as the
 * guidance did. Absent fields stay absent: an inbound record without signals is exactly what it
 * was before these fields existed.
 */
export async function outreachFields(
  db: ReadDb,
  desk: CallDesk,
  input: WrapUpInput,
  saved: VocRecord | null,
  nowMs: number,
  /** The caller's card (`input.customerId`'s) as the save read it; null without a customer. */
  card: CustomerCard | null,
): Promise<OutreachFields> {
  const call = desk.get(input.callId);
  const proactive = call
    ? call.outreach?.reason === 'proactive'
    : saved?.contactType === 'proactive';
  if (proactive && !input.outreachOutcome) {
    throw new AppError(
      'invalid_input',
      'A proactive call needs its outcome (reached, voicemail or no answer).',
    );
  }
  if (!proactive && input.outreachOutcome) {
    throw new AppError(
      'invalid_input',
      'Only a proactive call from the outreach list has an outcome.',
    );
  }
  const fields: OutreachFields = {};
  if (proactive) {
    fields.contactType = 'proactive';
    fields.outreachOutcome = input.outreachOutcome;
  }
  // A correction keeps the signals the call was handled with.
  const signals = saved ? (saved.riskSignals ?? []) : await signalsFor(db, card, nowMs);
  if (signals.length > 0) fields.riskSignals = signals;
  return fields;
}

async function signalsFor(db: ReadDb, card: CustomerCard | null, nowMs: number) {
  if (!card) return [];
  return recordedRiskSignals(riskSignals(card, await readActivePolicies(db), nowMs));
}

/**
 * The notice a proactive call that told the customer leaves in the local cache, at once: the
 * next inbound call on this desktop sees it before any sync. The server publishes the same
 * notice (same id, same content) when the VoC record reaches it, and the pulled copy replaces
 * this one. Written after the record: if this write failed the record is still saved and the
 * notice still arrives with the next pull.
 */
export function createOutreachNoticeWriter(sqlite: Sqlite.Database, db: ReadDb) {
  const upsert = sqlite.prepare(
    `insert into notices (id, customer_id, order_id, channel, kind, language, sent_at, message, updated_at)
     values (@id, @customer_id, @order_id, @channel, @kind, @language, @sent_at, @message, @updated_at)
     on conflict(id) do update set message = excluded.message, sent_at = excluded.sent_at,
       updated_at = excluded.updated_at`,
  );
  return async (record: VocRecord): Promise<Notice | null> => {
    if (record.contactType !== 'proactive' || record.customerId === null) return null;
    const customer = await db
      .selectFrom('customers')
      .select('language')
      .where('id', '=', record.customerId)
      .executeTakeFirst();
    const order = record.orderId
      ? await db
          .selectFrom('orders')
          .select('order_number')
          .where('id', '=', record.orderId)
          .executeTakeFirst()
      : undefined;
    const notice = outreachNotice(record, {
      orderNumber: order?.order_number ?? null,
      language: customer?.language === 'en' ? 'en' : 'ja',
    });
    if (!notice) return null;
    upsert.run({
      id: notice.id,
      customer_id: notice.customerId,
      order_id: notice.orderId,
      channel: notice.channel,
      kind: notice.kind,
      language: notice.language,
      sent_at: notice.sentAt,
      message: notice.message,
      updated_at: notice.updatedAt,
    });
    return notice;
  };
}
