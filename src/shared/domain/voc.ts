import { z } from 'zod';
import { id, isoDateTime } from './primitives';

/** UUIDv7: time-ordered, generated on the agent's machine, the server's idempotency key. */
export const uuidV7 = z
  .string()
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
  note: z.string().max(2000),
});

/** The voice-of-customer record an agent saves after a call: why they called, and how it went. */
export const vocRecord = z.object({
  id: uuidV7,
  callId: z.string().max(128).nullable(),
  agentId: id,
  centerId: id,
  customerId: id.nullable(),
  orderId: id.nullable(),
  /** Codes from the retailer's taxonomy; the first is the primary reason. */
  reasonCodes: z
    .array(z.string().regex(/^[a-z0-9_.]+$/))
    .min(1)
    .max(5),
  predictedReason: z.string().nullable(),
  sentiment,
  resolution,
  avoidable: z.boolean(),
  /** The customer's own words, with card numbers and security codes already redacted. */
  customerWords: z.string().max(4000),
  scriptId: z.string().nullable(),
  scriptVersion: z.number().int().min(1).nullable(),
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
});
export type VocRecord = z.infer<typeof vocRecord>;
