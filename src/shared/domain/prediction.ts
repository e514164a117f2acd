import type { LateSignal } from '../guidance/late-signals';
/**
 * What Koe's learned models say about a customer at screen pop: an estimated delivery date for
 * each open shipment, and the reasons the customer is probably calling about. Both are computed
 * in main from models fitted on the local cache and travel with the customer card.
 */

/** An open shipment's delivery estimate: a date and a range holding the delivery 90% of the time. */
export interface DeliveryEstimate {
  shipmentId: string;
  /** `YYYY-MM-DD` (JST): the median of the model's distribution. */
  date: string;
  /** The shortest range of days holding at least `coverage` of the distribution. */
  low: string;
  high: string;
  coverage: number;
  basis: DeliveryEstimateBasis;
}

export interface DeliveryEstimateBasis {
  /** Delivered shipments the typical transit time was taken from. */
  samples: number;
  /** How specific that group was: the same route, region to region, the carrier, or all. */
  level: 'route' | 'region' | 'carrier' | 'all';
  /** Typical days from shipping to delivery on that route. */
  typicalDays: number;
  /** The carrier has reported a delay: the distribution of delayed parcels was used. */
  delayReported: boolean;
  /** Days since shipping already passed without a delivery (the distribution starts there). */
  elapsedDays: number;
  /**
   * Why it may be late, as the desk sees it now (late-signals.ts): the distribution was taken
   * from parcels that showed the same. Absent when nothing is seen.
   */
  lateSignal?: LateSignal;
  /**
   * A closure of the destination region the retailer announced (its region events): no
   * delivery before the day after `endsOn`, and the retailer's reason as it wrote it.
   */
  closure?: { endsOn: string; reason?: string };
  /** Shipped on a carrier's peak day (year-end, a big sale, お盆, Golden Week). */
  carrierPeak?: boolean;
}

/** The facts the call-reason model reads from a customer's situation (all numeric). */
export const CALL_FEATURES = [
  'days_late',
  'delay_reported',
  'shipment_lost',
  'in_transit',
  'delivered_0_3_days',
  'delivered_4_7_days',
  'returned_to_sender',
  'claim_not_received',
  'claim_damaged',
  'claim_wrong_item',
  'return_in_progress',
  'exchange_in_progress',
  'refund_pending',
  'order_within_12_hours',
  'order_within_48_hours',
  'tier_silver',
  'tier_gold',
  'tier_vip',
  'english_speaker',
  'delay_notice_sent',
  'no_orders',
  'previous_reason',
] as const;
export type CallFeature = (typeof CALL_FEATURES)[number];

/** One fact that pushed a reason up: shown to the agent as evidence. */
export interface ReasonFactor {
  feature: CallFeature;
  /** The fact's value (days late, hours since the order…); 1 for a yes/no fact. */
  value: number;
  /** For `previous_reason`: the reason of the earlier contact. */
  reasonCode?: string;
}

export interface PredictedReason {
  reasonCode: string;
  /** Calibrated on held-out calls: of calls given 0.6, about 60% were about this. */
  probability: number;
  /** Strongest first. */
  factors: ReasonFactor[];
}

export interface CardPredictions {
  deliveryEstimates: DeliveryEstimate[];
  /** Most probable first (at most three). */
  reasons: PredictedReason[];
  /** When the models were fitted and on how much; null when no model could be fitted yet. */
  reasonModel: {
    fittedAt: string;
    trainingCalls: number;
    /** Top-1 of the model and of the rules on calls held back from its fit (when measured). */
    heldOutTop1?: { model: number; rules: number };
  } | null;
  deliveryModel: { fittedAt: string; trainingShipments: number } | null;
}
