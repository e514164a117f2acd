import { describe, expect, it } from 'vitest';
import { evaluateDeliveryBaselines } from '../../../src/main/core/predictions/baseline-evaluation';
import type { ShipmentOutcome } from '../../../src/main/core/predictions/evaluation-data';
import { carrierEstimateAtShip } from '../../../src/shared/guidance/carrier-estimate';
import { dayOfIsoDate } from '../../../src/shared/guidance/calendar';
import {
  areaUnderRoc,
  precisionRecallAt,
  precisionRecallCurve,
} from '../../../src/shared/guidance/score-evaluation';

const DAY = 86_400_000;

describe('the carrier estimate at ship time, rebuilt from the promise', () => {
  it('takes the handling day (two after the 14:00 cutoff) out of the promise', () => {
    // Ordered Monday 10:00 JST, promised Thursday: 1 handling day + 2 transit days.
    expect(
      carrierEstimateAtShip('2026-09-09T10:00:00+09:00', '2026-09-07T10:00:00+09:00', '2026-09-10'),
    ).toBe(dayOfIsoDate('2026-09-11'));
    // Ordered at 15:00: 2 handling days, so the same promise means 1 transit day.
    expect(
      carrierEstimateAtShip('2026-09-09T10:00:00+09:00', '2026-09-07T15:00:00+09:00', '2026-09-10'),
    ).toBe(dayOfIsoDate('2026-09-10'));
  });
});

describe('area under the ROC curve, precision and recall', () => {
  it('matches the pair count on a fixture (ties count half)', () => {
    // Positives 0.9, 0.5; negatives 0.5, 0.2, 0.1: of 6 pairs, 5 ordered right and 1 tied.
    const points = [
      { score: 0.9, label: true },
      { score: 0.5, label: true },
      { score: 0.5, label: false },
      { score: 0.2, label: false },
      { score: 0.1, label: false },
    ];
    expect(areaUnderRoc(points)).toBeCloseTo(5.5 / 6, 12);
    expect(areaUnderRoc(points.map((p) => ({ ...p, score: 1 - p.score })))).toBeCloseTo(
      0.5 / 6,
      12,
    );
    expect(precisionRecallAt(points, 0.5)).toEqual({
      threshold: 0.5,
      flagged: 3,
      precision: 2 / 3,
      recall: 1,
    });
    const curve = precisionRecallCurve(points, 0.25);
    expect(curve.map((c) => c.threshold)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(curve.map((c) => c.flagged)).toEqual([5, 3, 3, 1, 0]);
  });
});

describe('the delivery estimate against its baselines', () => {
  // Every parcel takes exactly 2 days; the promise adds a handling day; the published transit
  // says 1 day (so the carrier's ship-time estimate is a day early on every parcel).
  function parcel(i: number, deliveredDays: number | null, status = 'delivered'): ShipmentOutcome {
    const placed = Date.parse('2026-09-01T10:00:00+09:00') + i * DAY;
    const shipped = placed + 5 * 3_600_000;
    const promised = new Date(placed + 2 * DAY + 9 * 3_600_000).toISOString().slice(0, 10);
    return {
      carrier: 'yamato',
      origin: '千葉県',
      destination: '東京都',
      placedAt: new Date(placed).toISOString(),
      shippedAt: new Date(shipped).toISOString(),
      promisedDate: promised,
      deliveredAt:
        deliveredDays === null ? null : new Date(shipped + deliveredDays * DAY).toISOString(),
      status,
      delayReported: false,
      events: [],
    };
  }

  it('scores all three on the same parcels and counts an overdue undelivered parcel as a miss', () => {
    const outcomes = Array.from({ length: 40 }, (_, i) => parcel(i, 2));
    // The newest parcel never arrived; at `now` it is 5 days past its ship day.
    outcomes[39] = parcel(39, null, 'in_transit');
    const now = Date.parse(outcomes[39]!.shippedAt) + 5 * DAY;
    const e = evaluateDeliveryBaselines(outcomes, now, 0.75);
    const all = e.groups.find((g) => g.group === 'all')!;
    expect(all.parcels).toBe(10);
    expect(all.overdueUndelivered).toBe(1);
    // The model learned 2 days: exact on the 9 delivered, and at least 3 days off on the other.
    expect(all.model.mae).toBeCloseTo(3 / 10, 12);
    expect(all.model.coverage90).toBeCloseTo(9 / 10, 12);
    // The carrier (1 day): a day early on the 9, and at least 4 days off on the undelivered one.
    expect(all.carrierAtShip.mae).toBeCloseTo((9 + 4) / 10, 12);
    expect(all.promise.exact).toBeCloseTo(9 / 10, 12);
    expect(e.groups.map((g) => g.group)).toEqual(['all', 'carrier:yamato', 'region:kanto']);
  });
});
