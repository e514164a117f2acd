import type { CustomerCard } from '../../../shared/domain';
import { jstDayOf } from '../../../shared/guidance/calendar';
import { claimReason, isOpenClaim, shipmentDelay } from '../../../shared/guidance/order-signals';

/**
 * The customer's open issues at a moment, newest first, as the reasons they would call about: an
 * open claim, a return or exchange under way (a refund owed first), a parcel past its promise or
 * reported delayed, one on its way, an order placed in the last two days. The "most recent open
 * issue" baseline of the call-reason evaluation ranks these first.
 */
export function openIssueReasons(card: CustomerCard, atMs: number): string[] {
  const nowDay = jstDayOf(atMs) as number;
  const issues: { at: string; code: string }[] = [];
  for (const c of card.claims) {
    if (!isOpenClaim(c)) continue;
    issues.push({ at: c.openedAt, code: claimReason(c.type) });
  }
  for (const r of card.returns) {
    if (r.status === 'completed' || r.status === 'rejected') continue;
    const code =
      r.kind === 'exchange'
        ? 'returns.exchange'
        : r.status === 'received'
          ? 'returns.refund'
          : 'returns.status';
    issues.push({ at: r.requestedAt, code });
  }
  for (const s of card.shipments) {
    if (s.status === 'delivered' || s.status === 'returned_to_sender' || !s.shippedAt) continue;
    const delay = shipmentDelay(s, nowDay);
    const late = delay.lost || delay.late || s.status === 'delayed';
    issues.push({ at: s.updatedAt, code: late ? 'delivery.late' : 'delivery.wismo' });
  }
  for (const o of card.orders) {
    if (o.status !== 'placed' && o.status !== 'paid') continue;
    const hours = (atMs - Date.parse(o.placedAt)) / 3_600_000;
    if (hours >= 0 && hours <= 48) issues.push({ at: o.placedAt, code: 'order.change' });
  }
  issues.sort((a, b) => b.at.localeCompare(a.at));
  return [...new Set(issues.map((i) => i.code))];
}
