import { describe, expect, it } from 'vitest';
import {
  estimateDelivery,
  fitDeliveryModel,
  type TransitSample,
} from '../../../src/main/core/predictions/delivery-estimate';
import { shipment } from '../../fixtures/guidance-fixtures';

/** Yamato 福岡 → 東京: two days, one parcel in ten a day or two late; Sagawa locally: one day. */
function history(): TransitSample[] {
  const samples: TransitSample[] = [];
  for (let i = 0; i < 200; i++) {
    const ship = Date.parse('2026-09-01T15:00:00+09:00') + i * 86_400_000 * 0.3;
    const extra = i % 10 === 0 ? 1 : i % 10 === 5 && i % 20 === 5 ? 2 : 0;
    samples.push({
      carrier: 'yamato',
      origin: '福岡県',
      destination: '東京都',
      shippedAt: new Date(ship).toISOString(),
      deliveredAt: new Date(ship + (2 + extra) * 86_400_000).toISOString(),
      promisedDate: '2026-09-30',
      delayReported: extra > 0,
    });
    samples.push({
      carrier: 'sagawa',
      origin: '千葉県',
      destination: '東京都',
      shippedAt: new Date(ship).toISOString(),
      deliveredAt: new Date(ship + 86_400_000).toISOString(),
      promisedDate: '2026-09-30',
      delayReported: false,
    });
  }
  return samples;
}

// Shipped in the same season as the history (the second half of September).
const NOW = Date.parse('2026-09-21T18:00:00+09:00');

describe('delivery-date estimate', () => {
  const model = fitDeliveryModel(history(), new Date(NOW));

  it('learns the typical transit days of each route', () => {
    expect(model.typical['r|yamato|福岡県|東京都']).toEqual([2, 200]);
    expect(model.typical['r|sagawa|千葉県|東京都']).toEqual([1, 200]);
  });

  it('takes the lower median of a route’s days (counted per day, not listed per parcel)', () => {
    const parcel = (days: number, i: number): TransitSample => {
      const ship = Date.parse('2026-09-01T15:00:00+09:00') + i * 86_400_000;
      return {
        carrier: 'yupack',
        origin: '北海道',
        destination: '沖縄県',
        shippedAt: new Date(ship).toISOString(),
        deliveredAt: new Date(ship + days * 86_400_000).toISOString(),
        promisedDate: '2026-09-30',
        delayReported: false,
      };
    };
    const route = 'r|yupack|北海道|沖縄県';
    const fit = (days: number[]) =>
      fitDeliveryModel(days.map(parcel), new Date(NOW)).typical[route];
    // Sorted 1, 2, 2, 5: the lower of the two middle ones is the second.
    expect(fit([5, 2, 1, 2])).toEqual([2, 4]);
    expect(fit([3, 1, 4, 1, 5])).toEqual([3, 5]);
    expect(fit([4, 1])).toEqual([1, 2]);
  });

  it('estimates an open parcel from the day it shipped, with a 90% range', () => {
    const e = estimateDelivery(model, shipment({ shippedAt: '2026-09-21T10:00:00+09:00' }), NOW);
    expect(e).toMatchObject({ shipmentId: 'shp-1', date: '2026-09-23', low: '2026-09-23' });
    // One parcel in ten is late on this route: the range reaches a day further.
    expect(e?.high).toBe('2026-09-24');
    expect(e?.basis).toMatchObject({ level: 'route', typicalDays: 2, delayReported: false });
  });

  it('moves the estimate once the parcel is overdue, and uses delayed parcels when a delay is reported', () => {
    const overdue = estimateDelivery(
      model,
      shipment({ shippedAt: '2026-09-15T10:00:00+09:00' }),
      NOW,
    );
    expect(overdue?.date).toBe('2026-09-21'); // today: it has not come yet
    const delayed = estimateDelivery(
      model,
      shipment({
        shippedAt: '2026-09-21T10:00:00+09:00',
        status: 'delayed',
        events: [
          {
            occurredAt: '2026-09-21T16:00:00+09:00',
            status: 'delayed',
            location: '',
            description: '',
          },
        ],
      }),
      NOW,
    );
    expect(delayed?.date).toBe('2026-09-24');
    expect(delayed?.basis.delayReported).toBe(true);
  });

  it('falls back to coarser groups for an unseen route', () => {
    const e = estimateDelivery(
      model,
      shipment({
        carrier: 'yamato',
        originPrefecture: '福岡県',
        destinationPrefecture: '神奈川県',
      }),
      NOW,
    );
    expect(e?.basis.level).toBe('region');
    expect(e?.basis.typicalDays).toBe(2);
  });

  it('gives no estimate for delivered, lost or unshipped parcels', () => {
    expect(
      estimateDelivery(
        model,
        shipment({ status: 'delivered', deliveredAt: '2026-11-18T10:00:00+09:00' }),
        NOW,
      ),
    ).toBeNull();
    expect(estimateDelivery(model, shipment({ status: 'lost' }), NOW)).toBeNull();
    expect(estimateDelivery(model, shipment({ shippedAt: null }), NOW)).toBeNull();
  });
});

describe('the carrier’s published transit days, read back from the promise', () => {
  it('sets the typical day of a route too thin for a median', () => {
    // 100 parcels Yamato 福岡 → 東京 take 3 days; two parcels 福岡 → 沖縄 (region kyushu →
    // okinawa), ordered at 10:00 and promised 3 days later (1 handling + 2 published days),
    // both delivered late (5 days). A median of two would say 5; the published days say 2.
    const samples: TransitSample[] = [];
    for (let i = 0; i < 100; i++) {
      const ship = Date.parse('2026-09-01T15:00:00+09:00') + i * 3_600_000;
      samples.push({
        carrier: 'yamato',
        origin: '福岡県',
        destination: '東京都',
        shippedAt: new Date(ship).toISOString(),
        deliveredAt: new Date(ship + 3 * 86_400_000).toISOString(),
        promisedDate: '2026-09-30',
        delayReported: false,
      });
    }
    for (const day of ['2026-09-02', '2026-09-03']) {
      const ship = Date.parse(`${day}T15:00:00+09:00`);
      samples.push({
        carrier: 'yamato',
        origin: '福岡県',
        destination: '沖縄県',
        placedAt: new Date(ship - 5 * 3_600_000).toISOString(),
        shippedAt: new Date(ship).toISOString(),
        deliveredAt: new Date(ship + 5 * 86_400_000).toISOString(),
        promisedDate: new Date(ship + 3 * 86_400_000).toISOString().slice(0, 10),
        delayReported: false,
      });
    }
    const model = fitDeliveryModel(samples, new Date(NOW));
    expect(model.published).toEqual({ 'r|yamato|福岡県|沖縄県': 2 });
    const e = estimateDelivery(
      model,
      shipment({ shippedAt: '2026-09-21T10:00:00+09:00', destinationPrefecture: '沖縄県' }),
      NOW,
    );
    expect(e?.basis).toMatchObject({ level: 'route', typicalDays: 2, samples: 2 });
  });
});
