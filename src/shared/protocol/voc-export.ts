import { z } from 'zod';
import { id, isoDateTime } from '../domain/primitives';
import { vocRecord } from '../domain/voc';

/**
 * The filters a retailer pulls its VoC with. `from` (inclusive) and `to` (exclusive) bound
 * `receivedAt`, when the server received the record's latest revision: pulling
 * `from=<the previous to>` again and again gets every new record and every correction once.
 */
export const vocFilters = z.object({
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  centerId: id.optional(),
});

export const vocExportQuery = vocFilters.extend({
  format: z.enum(['ndjson', 'csv']).default('ndjson'),
  /** Any of the record's reason codes (not only the primary one). */
  reason: z
    .string()
    .regex(/^[a-z0-9_.]+$/)
    .max(128)
    .optional(),
  scriptId: id.optional(),
  scriptVersion: z.coerce.number().int().min(1).optional(),
});
export type VocExportQuery = z.infer<typeof vocExportQuery>;

/** One NDJSON line: the record as the agent saved it, and when the server received it. */
export const vocExportRow = vocRecord.extend({ receivedAt: isoDateTime });
export type VocExportRow = z.infer<typeof vocExportRow>;

/** The CSV header, in column order. */
export const VOC_EXPORT_CSV_COLUMNS = [
  'id',
  'savedAt',
  'receivedAt',
  'centerId',
  'agentId',
  'customerId',
  'orderId',
  'primaryReason',
  'reasons',
  'predictedReason',
  'sentiment',
  'resolution',
  'avoidable',
  'afterCallWorkSeconds',
  'scriptId',
  'scriptVersion',
  'revision',
  'harassmentFlagged',
  'customerWords',
] as const;

export const vocStatsQuery = vocFilters.extend({
  groupBy: z.enum(['reason', 'center', 'day']).default('reason'),
});
export type VocStatsQuery = z.infer<typeof vocStatsQuery>;

export const vocStatsGroup = z.object({
  /** The primary reason code, the center id, or the UTC day of `receivedAt` (`YYYY-MM-DD`). */
  key: z.string(),
  count: z.number().int(),
  avoidableCount: z.number().int(),
  /** avoidableCount / count. */
  avoidableShare: z.number(),
  resolution: z.object({
    resolved: z.number().int(),
    escalated: z.number().int(),
    callback: z.number().int(),
  }),
  averageAfterCallWorkSeconds: z.number(),
  /** Records with a predicted reason. */
  predictedCount: z.number().int(),
  /** Of those, how many agents confirmed the prediction as the primary reason; null if none. */
  predictionAgreementRate: z.number().nullable(),
});
export type VocStatsGroup = z.infer<typeof vocStatsGroup>;

export const vocStatsResponse = z.object({
  groupBy: z.enum(['reason', 'center', 'day']),
  from: z.string().nullable(),
  to: z.string().nullable(),
  total: z.number().int(),
  groups: z.array(vocStatsGroup),
});
export type VocStatsResponse = z.infer<typeof vocStatsResponse>;
