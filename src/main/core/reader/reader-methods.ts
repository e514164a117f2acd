import type Sqlite from 'better-sqlite3';
import type { OutreachList, SearchResult } from '../../../shared/ipc';
import { countCustomers } from '../customers/customer.repository';
import type { ReadDb } from '../platform/database';
import { regionClosureReader } from '../predictions/region-closures';
import { searchCustomers } from '../customers/customer-search';
import type { DeliveryModel } from '../predictions';
import { estimateWithModel } from '../predictions/prediction-service';
import { createOutreachService } from '../outreach/outreach-service';

/**
 * The reads that take long on a large cache (hundreds of milliseconds at 1M customers): the
 * outreach list, customer search (a short CJK name weighs thousands of rows), the customer count.
 * In the app they run on the reader worker's thread and connection (reader-worker.ts), so a ring
 * that arrives meanwhile is answered at once by the core's thread; tests and benches that build
 * services alone run the same functions inline.
 */
export type ReaderMethods = {
  outreachList(input: {
    limit: number;
    /** The list's clock (the demo and tests run on a fixed one). */
    now: number;
    /** The core's fitted delivery model (plain data), null for the carrier's estimate. */
    delivery: DeliveryModel | null;
    /** The prediction service's clock, as the card uses for the same parcel. */
    estimateAt: number;
  }): Promise<OutreachList>;
  searchCustomers(input: { query: string; limit: number }): Promise<SearchResult>;
  countCustomers(input: Record<string, never>): Promise<number>;
};

/** `sqlite` is the connection `db` runs on (the outreach list reads it directly). */
export function createReaderMethods(db: ReadDb, sqlite: Sqlite.Database): ReaderMethods {
  // The card's closures, read on this connection: the list and the card give one date.
  const closuresFor = regionClosureReader(sqlite);
  return {
    outreachList: ({ limit, now, delivery, estimateAt }) =>
      createOutreachService({
        sqlite,
        now: () => now,
        estimate: estimateWithModel(delivery, estimateAt, closuresFor),
      }).list(limit),
    searchCustomers: ({ query, limit }) => searchCustomers(db, query, limit),
    countCustomers: () => countCustomers(db),
  };
}
