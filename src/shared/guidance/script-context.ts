import type { CustomerCard } from '../domain/customer-card';
import type { Customer } from '../domain/customer';
import type { Currency, Language } from '../domain/primitives';
import { catalogs } from '../i18n';
import { callFocus, nowDayOf } from './order-signals';

/**
 * The facts a script may mention, keyed by variable name (`order.number`). Values are typed so
 * that filters can format them: a `date` is a `YYYY-MM-DD` day or an ISO instant, `money` is in
 * minor units. A variable that is absent here renders as a `missing` segment, never as text.
 */
export type ScriptValue =
  | { type: 'text'; value: string }
  | { type: 'number'; value: number }
  | { type: 'date'; value: string }
  | { type: 'money'; amount: number; currency: Currency };

export interface ScriptContext {
  locale: Language;
  /** JST day number of "now", so dates in another year show their year. */
  nowDay: number;
  /** A Map, not an object: `{{constructor}}` or `{{__proto__}}` can never resolve to anything. */
  values: ReadonlyMap<string, ScriptValue>;
  /** The order the variables `order.*`, `shipment.*`, `return.*`, `claim.*` describe. */
  orderId: string | null;
}

export interface ScriptContextOptions {
  agentName: string;
  retailerName: string;
  locale: Language;
  now: Date | number | string;
  /** The order the agent picked; by default the order that most likely matters. */
  orderId?: string | null;
}

/** The variables a context can hold: the script editor's palette and its lint. */
export const SCRIPT_VARIABLES = [
  'customer.name',
  'customer.familyName',
  'customer.givenName',
  'customer.tier',
  'agent.name',
  'retailer.name',
  'order.number',
  'order.placedAt',
  'order.total',
  'order.items',
  'shipment.carrier',
  'shipment.trackingNumber',
  'shipment.status',
  'shipment.promisedDate',
  'shipment.estimatedDate',
  'shipment.deliveredAt',
  'shipment.daysLate',
  // Koe's learned delivery estimate (see domain/prediction.ts): the day and its 90% range.
  'shipment.estimatedDeliveryDate',
  'shipment.estimatedDeliveryEarliest',
  'shipment.estimatedDeliveryLatest',
  'return.kind',
  'return.status',
  'return.refundStatus',
  'return.amount',
  'claim.type',
  'claim.status',
  'claim.amount',
] as const;
export type ScriptVariable = (typeof SCRIPT_VARIABLES)[number];

export function customerDisplayName(customer: Customer): string {
  const family = customer.familyName.trim();
  const given = customer.givenName.trim();
  // Japanese order (family first) for Japanese speakers; Western order otherwise.
  const parts = customer.language === 'ja' ? [family, given] : [given, family];
  return parts.filter((p) => p.length > 0).join(' ');
}

export function buildScriptContext(
  card: CustomerCard,
  options: ScriptContextOptions,
): ScriptContext {
  const { locale } = options;
  const nowDay = nowDayOf(options.now);
  const t = catalogs[locale];
  const values = new Map<ScriptVariable, ScriptValue>();
  const text = (key: ScriptVariable, value: string | null | undefined): void => {
    if (value !== null && value !== undefined && value.trim() !== '') {
      values.set(key, { type: 'text', value });
    }
  };
  const date = (key: ScriptVariable, value: string | null | undefined): void => {
    if (value) values.set(key, { type: 'date', value });
  };

  const { customer } = card;
  text('customer.name', customerDisplayName(customer));
  text('customer.familyName', customer.familyName);
  text('customer.givenName', customer.givenName);
  text('customer.tier', t.tier[customer.tier]);
  text('agent.name', options.agentName);
  text('retailer.name', options.retailerName);

  const { order, shipment, delay, ret, claim } = callFocus(card, options.orderId, nowDay);
  if (order) {
    text('order.number', order.orderNumber);
    date('order.placedAt', order.placedAt);
    values.set('order.total', { type: 'money', amount: order.total, currency: order.currency });
    const first = order.lines[0];
    if (first) {
      const more = order.lines.length - 1;
      const others = more === 0 ? '' : locale === 'ja' ? ` 他${more}点` : ` and ${more} more`;
      text('order.items', `${first.productName}${others}`);
    }

    if (shipment && delay) {
      text('shipment.carrier', t.carrier[shipment.carrier]);
      text('shipment.trackingNumber', shipment.trackingNumber);
      text('shipment.status', t.shipments.status[shipment.status]);
      date('shipment.promisedDate', shipment.promisedDate);
      date('shipment.estimatedDate', shipment.estimatedDate);
      date('shipment.deliveredAt', shipment.deliveredAt);
      values.set('shipment.daysLate', { type: 'number', value: delay.daysLate });
      // Absent until the model is fitted, and for a parcel no longer on its way: missing.
      const estimate = card.predictions?.deliveryEstimates.find(
        (e) => e.shipmentId === shipment.id,
      );
      date('shipment.estimatedDeliveryDate', estimate?.date);
      date('shipment.estimatedDeliveryEarliest', estimate?.low);
      date('shipment.estimatedDeliveryLatest', estimate?.high);
    }

    if (ret) {
      text('return.kind', t.returns.kind[ret.kind]);
      text('return.status', t.returns.status[ret.status]);
      text('return.refundStatus', t.returns.refundStatus[ret.refundStatus]);
      values.set('return.amount', { type: 'money', amount: ret.amount, currency: ret.currency });
    }

    if (claim) {
      text('claim.type', t.claims.type[claim.type]);
      text('claim.status', t.claims.status[claim.status]);
      values.set('claim.amount', { type: 'money', amount: claim.amount, currency: claim.currency });
    }
  }

  return { locale, nowDay, values, orderId: order?.id ?? null };
}
