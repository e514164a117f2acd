import type Sqlite from 'better-sqlite3';
import type { CustomerCard } from '../../../shared/domain';
import { jstDayOf } from '../../../shared/guidance/calendar';
import { riskSignalsWith, type RiskSignals } from '../../../shared/guidance/risk-signals';
import type { RiskThresholds } from '../../../shared/guidance/risk-thresholds';
import { cardAsOf } from './card-as-of';
import type { ScanLine } from '../../../shared/guidance/late-signals';
import {
  HISTORY_BATCH_CUSTOMERS,
  readCustomerHistories,
  shipmentStride,
  SAMPLED_SHIPMENT_SQL,
  sampleCustomerIds,
  trackingTrail,
} from './prediction-data';

/**
 * What the evaluation reads beyond what the models are fitted on (bench/prediction.bench.ts):
 * every shipped parcel with how it ended so far (delivered, still on the road, lost), and the
 * claims and returns the retailer settled, each with the risk signals the desk showed when it
 * was opened and the outcome the retailer confirmed.
 */
export interface ShipmentOutcome {
  carrier: string;
  origin: string;
  destination: string;
  placedAt: string;
  shippedAt: string;
  promisedDate: string;
  /** Null: not delivered at the data's `now` (on the road, lost, returned to sender). */
  deliveredAt: string | null;
  status: string;
  /** The carrier scanned a delay at some point. */
  delayReported: boolean;
  /** The tracking events as the cache holds them (at the data's `now`). */
  events: ScanLine[];
}

export function readShipmentOutcomes(
  sqlite: Sqlite.Database,
  options: { maxSamples?: number } = {},
): ShipmentOutcome[] {
  const stride = shipmentStride(sqlite, options.maxSamples);
  const rows = sqlite
    .prepare(
      `select ${SAMPLED_SHIPMENT_SQL}, o.placed_at as placedAt, s.status
         from shipments s join orders o on o.id = s.order_id
        where s.rowid % ? = 0 and s.shipped_at is not null
          and s.status <> 'label_created'`,
    )
    .all(stride) as (Omit<ShipmentOutcome, 'delayReported' | 'events'> & { events: string })[];
  return rows.map(({ events, ...r }) => {
    const trail = trackingTrail(events);
    return { ...r, events: trail, delayReported: trail.some((e) => e.status === 'delayed') };
  });
}

/** One claim or return the retailer settled, with what the desk showed when it was opened. */
export interface RiskExample {
  kind: 'claim' | 'return';
  at: string;
  customerId: string;
  /** The retailer's confirmed outcome: the claim denied, the return rejected. */
  label: boolean;
  signals: RiskSignals;
  /** The card as it popped a minute after the claim or return was opened. */
  card: CustomerCard;
}

/**
 * The settled claims and returns of every n-th customer that has one (about `maxCustomers`
 * looked at), oldest first: scored as of a minute after each was opened (it is on the card then,
 * its outcome is not).
 */
export function readRiskExamples(
  sqlite: Sqlite.Database,
  thresholds: RiskThresholds,
  options: { maxCustomers?: number } = {},
): RiskExample[] {
  const out: RiskExample[] = [];
  visitRiskExamples(sqlite, thresholds, options, (example) => out.push(example));
  return out.sort(byOpening);
}

/** Oldest first; a tie (two cases opened in the same instant) in a fixed order, whatever the batch. */
export function byOpening(
  a: Pick<RiskExample, 'at' | 'customerId' | 'kind'>,
  b: Pick<RiskExample, 'at' | 'customerId' | 'kind'>,
): number {
  return (
    a.at.localeCompare(b.at) ||
    a.customerId.localeCompare(b.customerId) ||
    a.kind.localeCompare(b.kind)
  );
}

/**
 * Each settled case as `readRiskExamples` reads it, in no particular order, handed to `visit`
 * and not kept: the customers' histories are read `HISTORY_BATCH_CUSTOMERS` at a time and
 * dropped with their cards, so a caller that keeps a few numbers per case (the admin's fit,
 * risk-fit.ts) holds one batch of histories at most, not 20,000 customers' with a card per case.
 */
export function visitRiskExamples(
  sqlite: Sqlite.Database,
  thresholds: RiskThresholds,
  options: { maxCustomers?: number },
  visit: (example: RiskExample) => void,
): void {
  const ids = sampleCustomerIds(
    sqlite,
    options.maxCustomers,
    `exists (select 1 from claims k where k.customer_id = c.id
               and k.status in ('resolved', 'rejected'))
      or exists (select 1 from returns r where r.customer_id = c.id
                   and r.status in ('completed', 'rejected'))`,
  );
  for (let i = 0; i < ids.length; i += HISTORY_BATCH_CUSTOMERS) {
    for (const h of readCustomerHistories(sqlite, ids.slice(i, i + HISTORY_BATCH_CUSTOMERS))) {
      const settled = [
        ...h.claims
          .filter((c) => c.status === 'resolved' || c.status === 'rejected')
          .map((c) => ({ kind: 'claim' as const, at: c.openedAt, label: c.outcome === 'denied' })),
        ...h.returns
          .filter((r) => r.status === 'completed' || r.status === 'rejected')
          .map((r) => ({
            kind: 'return' as const,
            at: r.requestedAt,
            label: r.status === 'rejected',
          })),
      ];
      for (const s of settled) {
        const atMs = Date.parse(s.at) + 60_000;
        const card = cardAsOf(h, atMs);
        visit({
          ...s,
          customerId: h.customer.id,
          signals: riskSignalsWith(card, thresholds, jstDayOf(atMs) as number),
          card,
        });
      }
    }
  }
}
