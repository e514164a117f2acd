import { describe, expect, it } from 'vitest';
import { cardAsOf } from '../../../src/main/core/predictions/card-as-of';
import { likelyReasons } from '../../../src/shared/guidance/likely-reason';
import { card, order, shipment } from '../../fixtures/guidance-fixtures';

/**
 * Ordered 11-15 10:00 (before the 14:00 cutoff) and promised 11-18: one handling day, so the
 * carrier publishes 2 transit days. Shipped 11-16; the carrier scanned a delay on 11-17 and then
 * estimated 11-20 (the estimate the cache kept); delivered 11-20.
 */
const history = card({
  orders: [order({ placedAt: '2026-11-15T10:00:00+09:00', status: 'delivered' })],
  shipments: [
    shipment({
      status: 'delivered',
      shippedAt: '2026-11-16T10:00:00+09:00',
      promisedDate: '2026-11-18',
      estimatedDate: '2026-11-20',
      deliveredAt: '2026-11-20T12:00:00+09:00',
      events: [
        {
          occurredAt: '2026-11-16T10:00:00+09:00',
          status: 'in_transit',
          location: '福岡',
          description: '',
        },
        {
          occurredAt: '2026-11-17T08:00:00+09:00',
          status: 'delayed',
          location: '大阪',
          description: '',
        },
        {
          occurredAt: '2026-11-20T12:00:00+09:00',
          status: 'delivered',
          location: '東京',
          description: '',
        },
      ],
    }),
  ],
});

describe('the carrier estimate on a card rebuilt as of a past call', () => {
  it('is the ship day plus the published transit before a delay scan', () => {
    const s = cardAsOf(history, Date.parse('2026-11-16T18:00:00+09:00')).shipments[0]!;
    expect(s.estimatedDate).toBe('2026-11-18');
    expect(s.status).toBe('in_transit');
  });

  it('is a day later once a delay scan is visible, as carriers give it (not the day it came)', () => {
    const at = Date.parse('2026-11-17T09:00:00+09:00');
    const rebuilt = cardAsOf(history, at);
    // Published 11/18, delay scanned 11/17: 11/19. It came on 11/20, which nobody knew then.
    expect(rebuilt.shipments[0]).toMatchObject({ estimatedDate: '2026-11-19', status: 'delayed' });
    // So the rules' "expected late" branch fires on training cards as it does live.
    const late = likelyReasons(rebuilt, at).find((r) => r.reasonCode === 'delivery.late');
    expect(late?.evidence.map((e) => e.kind)).toContain('shipment_expected_late');
  });

  it('never lies before today for a parcel past its published transit', () => {
    const quiet = card({
      ...history,
      shipments: [{ ...history.shipments[0]!, events: history.shipments[0]!.events.slice(0, 1) }],
    });
    const s = cardAsOf(quiet, Date.parse('2026-11-19T09:00:00+09:00')).shipments[0]!;
    expect(s.estimatedDate).toBe('2026-11-19');
    expect(s.status).toBe('delayed');
  });
});
