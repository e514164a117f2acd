import { z } from 'zod';
import { retailerRecord } from './records';
import { deletion } from './sync';

/** What a retailer's order system pushes in: upserts and deletions, up to 5,000 per request. */
export const ingestRequest = z
  .object({
    records: z.array(retailerRecord).max(5_000).default([]),
    deletions: z.array(deletion).max(5_000).default([]),
  })
  .refine((r) => r.records.length + r.deletions.length > 0, 'a batch needs at least one change');
export type IngestRequest = z.infer<typeof ingestRequest>;

export const ingestResponse = z.object({
  applied: z.number().int(),
  /** Records older than what the server holds (by `updatedAt`) are skipped, not applied. */
  skippedStale: z.number().int(),
  cursor: z.string(),
});

export const retentionRequest = z.object({ days: z.number().int().min(1).max(3650) });
