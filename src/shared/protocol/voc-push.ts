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
  /**
   * Why a record was rejected, when the desk can act on it. `outreach_call_not_reported`: a
   * proactive call's outcome whose call this desk has not reported (as an `on_call` agent-state
   * change with the call); a desk that still holds unsent state changes sends those, then the
   * record again.
   */
  code: z.enum(['outreach_call_not_reported']).optional(),
  receivedAt: z.string().optional(),
});
export type VocPushOutcome = z.infer<typeof vocPushOutcome>;

export const vocPushResponse = z.object({ results: z.array(vocPushOutcome) });
export type VocPushResponse = z.infer<typeof vocPushResponse>;
