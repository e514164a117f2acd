import { z } from 'zod';
import { freeText, id, isoDateTime, printable } from './primitives';
import { CALL_FEATURES } from './prediction';

/** UUIDv7: time-ordered, generated on the agent's machine, the server's idempotency key. */
export const uuidV7 = z
  .string()
  .max(36)
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    'expected a UUIDv7',
  );

export const sentiment = z.enum(['positive', 'neutral', 'negative']);
export const resolution = z.enum(['resolved', 'escalated', 'callback']);

export const harassmentIncident = z.object({
  flaggedAt: isoDateTime,
  warningsGiven: z.number().int().min(0).max(10),
  callTerminated: z.boolean(),
  note: freeText(2000),
});

/** Why the call happened: the customer called (inbound), or Koe's outreach list called them. */
export const contactType = z.enum(['inbound', 'proactive']);
export type ContactType = z.infer<typeof contactType>;

/** How a proactive call went: reached or voicemail means the customer has been told. */
export const outreachOutcome = z.enum(['reached', 'voicemail', 'no_answer']);
export type OutreachOutcome = z.infer<typeof outreachOutcome>;

/**
 * A fraud or VIP signal that shaped the call's next-best-actions, with its reasons in plain
 * words (both languages: the retailer reads the export in either).
 */
export const recordedRiskSignal = z.object({
  signal: z.enum(['claim_risk', 'return_abuse', 'vip']),
  score: z.number().min(0).max(1).nullable(),
  threshold: z.number().min(0).max(1).nullable(),
  /** What it required or allowed: `verification_required`, `instant_exchange`, … */
  action: printable(64).nullable(),
  reasons: z
    .array(
      z.object({
        code: printable(64),
        ja: freeText(500),
        en: freeText(500),
      }),
    )
    .max(10),
});
export type RecordedRiskSignal = z.infer<typeof recordedRiskSignal>;

/**
 * The facts the desk's call-reason model read when the call rang (call-features.ts, on the card
 * as of the call's start), so a retailer's real history can train the next model without
 * guessing past states. Compact and bounded: only the facts that held (an absent fact was 0),
 * numbers capped, the previous reason a taxonomy code.
 */
export const SNAPSHOT_FACTS = CALL_FEATURES.filter(
  (f): f is Exclude<(typeof CALL_FEATURES)[number], 'previous_reason'> => f !== 'previous_reason',
);
export const callFeatureSnapshot = z.object({
  version: z.literal(1),
  facts: z.partialRecord(z.enum(SNAPSHOT_FACTS), z.number().min(0).max(1000)),
  previousReason: z
    .string()
    .max(64)
    .regex(/^[a-z0-9_.]+$/)
    .nullable(),
});
export type CallFeatureSnapshot = z.infer<typeof callFeatureSnapshot>;

/** The voice-of-customer record an agent saves after a call: why they called, and how it went. */
export const vocRecord = z.object({
  id: uuidV7,
  callId: printable(128).nullable(),
  agentId: id,
  centerId: id,
  customerId: id.nullable(),
  orderId: id.nullable(),
  /** Codes from the retailer's taxonomy; the first is the primary reason. */
  reasonCodes: z
    .array(
      z
        .string()
        .max(64)
        .regex(/^[a-z0-9_.]+$/),
    )
    .min(1)
    .max(5),
  predictedReason: printable(64).nullable(),
  sentiment,
  resolution,
  avoidable: z.boolean(),
  /** The customer's own words, with card numbers and security codes already redacted. */
  customerWords: freeText(4000),
  scriptId: printable(64).nullable(),
  scriptVersion: z.number().int().min(1).nullable(),
  /**
   * The script steps the agent went through, in order (ids of `scriptId`@`scriptVersion`), and
   * the next-best-actions the agent used. Optional: records saved before these existed, and
   * clients that do not send them, stay valid.
   */
  scriptSteps: z.array(printable(64)).max(200).optional(),
  nextBestActions: z.array(printable(64)).max(50).optional(),
  harassment: harassmentIncident.nullable(),
  startedAt: isoDateTime,
  endedAt: isoDateTime,
  savedAt: isoDateTime,
  afterCallWorkSeconds: z.number().int().min(0).max(86_400),
  /**
   * 1 when first saved; each correction within the edit window adds one. The server keeps the
   * highest revision of an id: a correction replaces the record, a replay of a revision it holds
   * is a duplicate, and other content under a revision it holds is a conflict.
   */
  revision: z.number().int().min(1).max(1000).default(1),
  /*
   * Added with the outreach list and the fraud/VIP signals. Optional, and absent means the old
   * meaning (an inbound call, no signals): a record saved before they existed, or by an older
   * Koe, is accepted unchanged, and its content hash (the server's idempotency check) is the
   * same as before because an absent field is not hashed. Read them through `vocContactType`.
   */
  contactType: contactType.optional(),
  /** Only on proactive calls. */
  outreachOutcome: outreachOutcome.optional(),
  riskSignals: z.array(recordedRiskSignal).max(5).optional(),
  /*
   * Added with the keyboard and layout work; optional like the fields above (older desks send
   * neither, and their records hash as before). The offered next-best-actions the agent marked
   * as done on the call (kinds, a subset of `nextBestActions`), and for a callback the time the
   * agent promised to call back (an instant; shown in Asia/Tokyo).
   */
  nextBestActionsDone: z.array(printable(64)).max(50).optional(),
  callbackAt: isoDateTime.optional(),
  /** Added with the prediction evaluation; optional like the fields above (see the type). */
  featureSnapshot: callFeatureSnapshot.optional(),
});
export type VocRecord = z.infer<typeof vocRecord>;

/** The record's contact type, with the default for records from before the field existed. */
export function vocContactType(record: Pick<VocRecord, 'contactType'>): ContactType {
  return record.contactType ?? 'inbound';
}
