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

/**
 * The CSV header, in column order. Columns added later go at the end, so a sheet that reads
 * columns by position keeps working. The optional fields of later records, compactly (an absent
 * field is an empty cell, like an empty list):
 * - `contactType`: `inbound` or `proactive` (records from before the field: `inbound`);
 * - `outreachOutcome`: `reached`, `voicemail` or `no_answer` (proactive calls only);
 * - `scriptSteps`, `nextBestActions`: the ids, in order, as a list (below);
 * - `riskSignals`: one `signal:score:threshold:action` item per signal, an empty part for a
 *   null (`claim_risk:0.82:0.7:verification_required;vip:::instant_exchange`);
 * - `riskReasons`: each signal's reasons as `signal:code` items (`claim_risk:prior_claims`);
 *   their plain-word texts are in the NDJSON export;
 * - `nextBestActionsDone`: the offered actions the agent marked as done, as a list;
 * - `callbackAt`: the promised callback, an ISO instant (callback resolutions only).
 * A list is its items joined by `;`, with `%`, `;` and `:` inside an item percent-encoded
 * (`parseCsvList` reads one back). Like every text cell, a cell starting with = + - @ gets a
 * leading apostrophe (see the export route).
 */
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
  'contactType',
  'outreachOutcome',
  'scriptSteps',
  'nextBestActions',
  'riskSignals',
  'riskReasons',
  'nextBestActionsDone',
  'callbackAt',
] as const;

const escapeItem = (item: string) =>
  item.replace(/[%;:]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** A list as one CSV cell: items joined by `;`, each with `%`, `;` and `:` percent-encoded. */
export function csvList(items: readonly string[] | undefined): string {
  return (items ?? []).map(escapeItem).join(';');
}

/**
 * A list cell read back into its items (the inverse of `csvList`); for the `signal:…` items of
 * the risk columns, each item's parts with `parseCsvItemParts`.
 */
export function parseCsvList(cell: string): string[] {
  return cell === '' ? [] : cell.split(';').map((item) => decodeURIComponent(item));
}

export function parseCsvItemParts(cell: string): string[][] {
  return cell === ''
    ? []
    : cell.split(';').map((item) => item.split(':').map((part) => decodeURIComponent(part)));
}

/** The `riskSignals` cell: `signal:score:threshold:action` per signal. */
export function csvRiskSignals(signals: VocExportRow['riskSignals']): string {
  return (signals ?? [])
    .map((s) =>
      [s.signal, s.score ?? '', s.threshold ?? '', s.action ?? '']
        .map((part) => escapeItem(String(part)))
        .join(':'),
    )
    .join(';');
}

/** The `riskReasons` cell: `signal:code` per reason of each signal. */
export function csvRiskReasons(signals: VocExportRow['riskSignals']): string {
  return (signals ?? [])
    .flatMap((s) => s.reasons.map((r) => `${escapeItem(s.signal)}:${escapeItem(r.code)}`))
    .join(';');
}

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
