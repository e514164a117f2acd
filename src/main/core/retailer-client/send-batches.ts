import { RetailerRefusal } from './authorized-fetch';

/** Answers that will not change on a retry: invalid, forbidden (a role the retailer refuses). */
const REFUSED_FOR_GOOD = new Set([400, 403, 422]);

/**
 * The send loop of the desk's outboxes (agent-state reports, floor alerts, the access audit):
 * batch after batch, oldest first, until none is waiting. A batch the retailer refuses for good
 * is set aside (sending it again would be refused again and hold back every later row) and the
 * loop goes on; any other failure stops it, the batch kept for the next try. Resolves with how
 * many rows the retailer took.
 */
export async function sendBatches<Row>(steps: {
  /** The next batch, oldest first; empty when nothing is waiting. */
  next(): Row[];
  /**
   * Sends the batch; throws when the retailer did not take it. Recording its answer here makes
   * a failure to record count as the send's.
   */
  send(rows: Row[]): Promise<void>;
  /** After the batch was taken, outside the send: a failure here stops the drain as thrown. */
  taken?(rows: Row[]): void;
  /** The retailer refused the batch for good. */
  refused(rows: Row[], error: RetailerRefusal): void;
  /** Any other failure: the batch waits for the next try. */
  failed(rows: Row[], error: unknown): void;
}): Promise<number> {
  let sent = 0;
  for (;;) {
    const rows = steps.next();
    if (rows.length === 0) return sent;
    try {
      await steps.send(rows);
    } catch (error) {
      if (error instanceof RetailerRefusal && REFUSED_FOR_GOOD.has(error.status)) {
        steps.refused(rows, error);
        continue;
      }
      steps.failed(rows, error);
      return sent;
    }
    steps.taken?.(rows);
    sent += rows.length;
  }
}
