import { z } from 'zod';
import { id, isoDate, isoDateTime, recordTime } from '../domain/primitives';
import { retailerRecord } from './records';

/** A customer's history: who they are, their orders, parcels, returns, claims, contacts, notices. */
export const CUSTOMER_HISTORY_TYPES = [
  'customer',
  'order',
  'shipment',
  'return',
  'claim',
  'contact',
  'notice',
] as const;

/** Record types a desktop pulls, and the ids it can be told to delete. */
export const pulledRecordType = z.enum([
  ...CUSTOMER_HISTORY_TYPES,
  'reason',
  'script_version',
  'knowledge_answer',
  'policy',
  'region_closure',
]);
export type PulledRecordType = z.infer<typeof pulledRecordType>;

/**
 * A deletion. `deletedAt` is when the retailer deleted it (default: when the server received it);
 * the server keeps it on the tombstone, so a replayed older upsert of the record stays deleted
 * while one newer than the deletion brings it back. Replaying a deletion without `deletedAt`
 * deletes again, as of the replay.
 */
export const deletion = z.object({ type: pulledRecordType, id, deletedAt: recordTime.optional() });
export type Deletion = z.infer<typeof deletion>;

/**
 * A page of changes after `since`. Pages are applied (records, deletions, purge) and the cursor
 * stored in one local transaction, so a crash between pages resumes where it stopped.
 */
export const pullPage = z.object({
  protocolVersion: z.literal(1),
  /** Opaque to the client: the server's change sequence after this page. */
  cursor: z.string().regex(/^\d{1,15}$/),
  hasMore: z.boolean(),
  records: z.array(retailerRecord).max(10_000),
  deletions: z.array(deletion).max(10_000),
  /**
   * The retailer's retention window: customer history older than this date must not stay on
   * a partner machine, so the client purges it after applying the page.
   */
  purgeBefore: isoDate.nullable(),
  serverTime: isoDateTime,
  /**
   * The retailer's latest change when the page was read: how far this pull still has to go,
   * so a desk shows a bootstrap's progress and time left. Absent from older servers.
   */
  headCursor: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional(),
});
export type PullPage = z.infer<typeof pullPage>;

/**
 * Response headers of a pull that announce the page's `cursor` and `hasMore` before its body,
 * so the client can ask for the next page while this one is read and stored. The body stays
 * the authority: a client uses the announcement only when the body agrees with it.
 */
export const PULL_CURSOR_HEADER = 'koe-page-cursor';
export const PULL_HAS_MORE_HEADER = 'koe-page-has-more';
