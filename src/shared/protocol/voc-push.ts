import { z } from 'zod';
import { vocRecord } from '../domain/voc';

export const vocPushRequest = z.object({ records: z.array(vocRecord).min(1).max(500) });
export type VocPushRequest = z.infer<typeof vocPushRequest>;

/**
 * The answer for one pushed record. `accepted` the first time, `duplicate` when the same id
 * with the same content arrives again (a retry: the first answer stands), `conflict` when the
 * same id arrives with different content, `rejected` when the record may not be written.
 */
export const vocPushOutcome = z.object({
  id: z.string(),
  status: z.enum(['accepted', 'duplicate', 'conflict', 'rejected']),
  reason: z.string().optional(),
  receivedAt: z.string().optional(),
});
export type VocPushOutcome = z.infer<typeof vocPushOutcome>;

export const vocPushResponse = z.object({ results: z.array(vocPushOutcome) });
export type VocPushResponse = z.infer<typeof vocPushResponse>;
