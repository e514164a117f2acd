import type { CustomerCard } from '../domain/customer-card';
import { jstDayOf } from './calendar';

/**
 * How strongly the customer's history suggests return abuse (0–1): the retailer's
 * `return_abuse_risk` flag, or many returns for the orders placed in the last year. Exchanges
 * count too (an exchange is a return with a replacement); rejected returns do not.
 *
 * The card holds the customer's most recent orders and returns (bounded for the screen pop), so
 * for a customer with a long history this is the rate over their recent activity.
 */
export interface ReturnAbuse {
  score: number;
  flagged: boolean;
  /** Returns and exchanges requested in the window, and orders placed in it. */
  returns: number;
  orders: number;
}

export const RETURN_ABUSE_WINDOW_DAYS = 365;
/** The threshold when a policy does not give one: about two returns for every three orders. */
export const DEFAULT_RETURN_ABUSE_THRESHOLD = 0.6;
/** A couple of returns is ordinary whatever the rate; the score starts from the third. */
const MIN_RETURNS = 3;

export function returnAbuse(card: CustomerCard, nowDay: number): ReturnAbuse {
  const flagged = card.customer.flags.includes('return_abuse_risk');
  const within = (iso: string) => {
    const day = jstDayOf(iso);
    return day !== null && nowDay - day <= RETURN_ABUSE_WINDOW_DAYS;
  };
  const returns = card.returns.filter((r) => r.status !== 'rejected' && within(r.requestedAt));
  const orders = card.orders.filter((o) => o.status !== 'cancelled' && within(o.placedAt));
  const rate = orders.length === 0 ? 0 : Math.min(1, returns.length / orders.length);
  const computed = returns.length < MIN_RETURNS ? rate * 0.5 : rate;
  const score = flagged ? 1 : Math.round(computed * 100) / 100;
  return { score, flagged, returns: returns.length, orders: orders.length };
}
