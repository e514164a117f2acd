import type { RetailerRecord } from '../protocol/records';
import {
  FEATURED_CUSTOMER_COUNT,
  FEATURED_EMAILS,
  FEATURED_PHONES_E164,
  featuredCustomerRecords,
} from './featured-customers';
import { generateCustomerRecords, orderCountOf, type CustomerContext } from './generate-customer';
import { newSequences } from './ids';
import { demoKnowledgeAnswers } from './knowledge';
import { demoPolicies } from './policies';
import { demoRegionClosures } from './region-closures';
import { demoScriptVersions } from './scripts';
import { reasonTaxonomy } from './taxonomy';
import { DAY_MS, DEFAULT_DEMO_NOW } from './time';

export { DEMO_FEATURED_CUSTOMERS } from './featured-customers';
export { DEFAULT_DEMO_NOW } from './time';

/**
 * The embedded demo retailer's data, generated deterministically and streamed in batches, in
 * the order a sync would deliver it: reference data first, then each customer followed by their
 * orders, shipments, returns, claims, contacts and notices.
 */
export type DemoSize = 'demo' | 'bench';

/** Customers in total, the featured ones included. */
export const DEMO_SIZES: Record<DemoSize, { customers: number }> = {
  demo: { customers: 2_000 },
  bench: { customers: 1_000_000 },
};

export const DEFAULT_DEMO_SEED = 20261123;

/** A batch closes at the first customer boundary past this many records. */
export const DEMO_BATCH_SIZE = 5_000;

export interface DemoOptions {
  size: DemoSize;
  /** Customers in all instead of the size's (benches that measure growth with size). */
  customers?: number;
  seed?: number;
  now?: Date;
}

const FEATURED_ORDER_COUNT = 9;

export function* generateDemoRecords(options: DemoOptions): Generator<RetailerRecord[]> {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const nowMs = (options.now ?? DEFAULT_DEMO_NOW).getTime();
  const ctx: CustomerContext = {
    seed,
    nowMs,
    seq: newSequences(),
    reserved: { phones: FEATURED_PHONES_E164, emails: FEATURED_EMAILS },
  };

  let batch: RetailerRecord[] = referenceRecords(nowMs);
  batch.push(...featuredCustomerRecords(nowMs, ctx.seq));
  const generated =
    (options.customers ?? DEMO_SIZES[options.size].customers) - FEATURED_CUSTOMER_COUNT;
  for (let index = 1; index <= generated; index++) {
    generateCustomerRecords(ctx, index, batch);
    if (batch.length >= DEMO_BATCH_SIZE) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Taxonomy, policies, scripts and approved answers: everything customers' records refer to; and
 * the region closure the retailer has announced.
 */
export function referenceRecords(nowMs: number): RetailerRecord[] {
  const published = nowMs - 30 * DAY_MS;
  return [
    ...reasonTaxonomy().map((data): RetailerRecord => ({ type: 'reason', data })),
    ...demoPolicies(published).map((data): RetailerRecord => ({ type: 'policy', data })),
    ...demoScriptVersions(published).map((data): RetailerRecord => ({
      type: 'script_version',
      data,
    })),
    ...demoKnowledgeAnswers(published).map((data): RetailerRecord => ({
      type: 'knowledge_answer',
      data,
    })),
    ...demoRegionClosures(nowMs).map((data): RetailerRecord => ({ type: 'region_closure', data })),
  ];
}

export interface PlannedDemoCounts {
  customers: number;
  orders: number;
}

/**
 * Exact customer and order counts of a size without generating it: orders per customer come
 * from a hash of (seed, index), so this loop is a few milliseconds even for the bench size.
 */
export function planDemoCounts(size: DemoSize, seed = DEFAULT_DEMO_SEED): PlannedDemoCounts {
  const customers = DEMO_SIZES[size].customers;
  let orders = FEATURED_ORDER_COUNT;
  for (let index = 1; index <= customers - FEATURED_CUSTOMER_COUNT; index++) {
    orders += orderCountOf(seed, index);
  }
  return { customers, orders };
}
