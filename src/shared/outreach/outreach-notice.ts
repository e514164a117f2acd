import type { Notice } from '../domain/interaction';
import type { Language } from '../domain/primitives';
import type { VocRecord } from '../domain/voc';
import { catalogs } from '../i18n';
import { fill } from '../i18n/fill';

/**
 * The notice a proactive call leaves on the customer, so the next agent who takes their call
 * knows they were told. Built the same way on the desktop (written to the local cache at once)
 * and on the server (published through the change log when the VoC record arrives): same id,
 * same content, so the copy pulled from the server replaces the local one without a trace.
 *
 * Only a call that reached the customer or left a voicemail told them; a call nobody answered
 * leaves no notice.
 */
export function outreachNoticeId(vocId: string): string {
  return `ntc-outreach-${vocId}`;
}

export function outreachNotice(
  record: Pick<
    VocRecord,
    'id' | 'customerId' | 'orderId' | 'contactType' | 'outreachOutcome' | 'endedAt' | 'savedAt'
  >,
  facts: { orderNumber: string | null; language: Language },
): Notice | null {
  if (record.contactType !== 'proactive' || record.customerId === null) return null;
  const outcome = record.outreachOutcome;
  if (outcome !== 'reached' && outcome !== 'voicemail') return null;
  const words = catalogs[facts.language].outreach.notice[outcome];
  return {
    id: outreachNoticeId(record.id),
    customerId: record.customerId,
    orderId: record.orderId,
    channel: 'call',
    kind: 'delay',
    language: facts.language,
    sentAt: record.endedAt,
    message: fill(words, { order: facts.orderNumber ?? '—' }),
    // The record's first save: a correction of the wrap-up does not move the notice.
    updatedAt: record.savedAt,
  };
}
