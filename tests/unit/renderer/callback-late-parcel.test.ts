import { describe, expect, it } from 'vitest';
import type { Order, Shipment } from '../../../src/shared/domain';
import { parseCallbackTime, tokyoLocal } from '../../../src/renderer/src/wrap-up/callback-time';
import { lateParcel } from '../../../src/renderer/src/customers/late-parcel';

describe('callback time typed in Tokyo time', () => {
  // 2026-12-06 10:00 in Tokyo.
  const now = Date.parse('2026-12-06T01:00:00Z');

  it('reads the ways an agent writes a date and time, as Tokyo wall time', () => {
    const ninthAtTwo = '2026-12-09T05:00:00.000Z';
    for (const text of [
      '12/9 14:00',
      '12/09 14:00',
      '2026/12/9 14:00',
      '2026-12-09 14:00',
      '2026-12-09T14:00',
      '12月9日 14時',
      '12月9日14:00',
      '12月9日（水） 14時00分',
      '１２／９　１４：００',
      '  12/9 14  ',
    ]) {
      expect(parseCallbackTime(text, now), text).toBe(ninthAtTwo);
    }
    // Past midnight in Tokyo is the previous day in UTC.
    expect(parseCallbackTime('12/10 8:30', now)).toBe('2026-12-09T23:30:00.000Z');
  });

  it('takes a day without a year as the next such day (today counts)', () => {
    expect(parseCallbackTime('12/6 9:00', now)).toBe('2026-12-06T00:00:00.000Z');
    expect(parseCallbackTime('1/5 10:00', now)).toBe('2027-01-05T01:00:00.000Z');
    expect(parseCallbackTime('12/5 10:00', now)).toBe('2027-12-05T01:00:00.000Z');
  });

  it('refuses what is not a whole, real date and time', () => {
    for (const text of ['', '12/9', '14:00', 'tomorrow', '2/30 10:00', '12/9 24:00', '12/9 9:75']) {
      expect(parseCallbackTime(text, now), text).toBeNull();
    }
  });

  it('shows a kept callback back in Tokyo time', () => {
    expect(tokyoLocal('2026-12-09T23:30:00.000Z')).toBe('2026-12-10 08:30');
    expect(parseCallbackTime(tokyoLocal('2026-12-09T23:30:00.000Z'), now)).toBe(
      '2026-12-09T23:30:00.000Z',
    );
  });
});

const order = (id: string, placedAt: string) => ({ id, placedAt }) as Order;
const shipment = (
  id: string,
  orderId: string,
  promisedDate: string,
  deliveredAt: string | null = null,
) => ({ id, orderId, promisedDate, deliveredAt }) as Shipment;

describe('the late parcel', () => {
  const today = '2026-12-07';
  const orders = [order('new', '2026-12-01T10:00:00Z'), order('old', '2026-11-01T10:00:00Z')];

  it('is the newest order’s parcel still on its way past its promised day', () => {
    const late = lateParcel(
      {
        orders,
        shipments: [
          shipment('old-late', 'old', '2026-11-05'),
          shipment('new-late', 'new', '2026-12-04'),
          shipment('new-later', 'new', '2026-12-02'),
        ],
      },
      today,
    );
    expect(late?.shipment.id).toBe('new-later');
    expect(late?.daysLate).toBe(5);
  });

  it('is none when nothing on its way is late (delivered late is history)', () => {
    expect(
      lateParcel(
        {
          orders,
          shipments: [
            shipment('due', 'new', '2026-12-07'),
            shipment('came-late', 'old', '2026-11-05', '2026-11-09T03:00:00Z'),
          ],
        },
        today,
      ),
    ).toBeNull();
  });
});
