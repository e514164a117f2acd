import { describe, expect, it } from 'vitest';
import type { DeliveryEstimate } from '../../../../src/shared/domain';
import { carrierDateOutsideRange } from '../../../../src/shared/guidance';
import { catalogs } from '../../../../src/shared/i18n';

/** Shipped 12/1 (JST), estimated 6 days later, on 12/7: Koe says 12/8–12/11. */
const estimate: Pick<DeliveryEstimate, 'low' | 'high' | 'basis'> = {
  low: '2026-12-08',
  high: '2026-12-11',
  basis: { samples: 2361, level: 'carrier', typicalDays: 1, delayReported: true, elapsedDays: 6 },
};
const shippedAt = '2026-12-01T08:00:00.000Z';
const at = (estimatedDate: string | null) =>
  carrierDateOutsideRange(estimate, { estimatedDate, shippedAt });

describe("the carrier's date against Koe's 90% range", () => {
  it('inside the range (either end included), or no carrier date: nothing to explain', () => {
    expect(at('2026-12-08')).toBeNull();
    expect(at('2026-12-11')).toBeNull();
    expect(at(null)).toBeNull();
  });

  it('later than the range: said to be later than similar deliveries took', () => {
    expect(at('2026-12-12')).toEqual({ kind: 'later', carrierDate: '2026-12-12' });
  });

  it('earlier than the range but still ahead: earlier than the record', () => {
    // "Today" for the estimate is 12/1 + 6 days = 12/7.
    expect(at('2026-12-07')).toEqual({ kind: 'earlier', carrierDate: '2026-12-07' });
  });

  it('a carrier date already behind us: it passed without a delivery', () => {
    expect(at('2026-12-06')).toEqual({ kind: 'passed', carrierDate: '2026-12-06' });
  });

  it('each case is worded in both languages, with the date', () => {
    for (const kind of ['passed', 'earlier', 'later'] as const) {
      for (const lang of ['ja', 'en'] as const) {
        const text = catalogs[lang].prediction.carrierOutside[kind];
        expect(text).toContain('{{date}}');
      }
    }
    expect(catalogs.ja.prediction.carrierOutside.earlier).toContain('範囲外');
  });
});
