import { describe, expect, it } from 'vitest';
import { cachedLocalDate } from '../../../../server/src/db/local-date-function';
import {
  localDate,
  mondayOf,
  startOfLocalDay,
  zoneOffsetMinutes,
} from '../../../../src/shared/time-zone';

describe('calendar days in a time zone', () => {
  it("puts a call at 08:00 in Tokyo on Tokyo's day, not the previous UTC day", () => {
    const at = Date.parse('2026-11-22T23:00:00.000Z'); // 2026-11-23 08:00 JST
    expect(zoneOffsetMinutes(at, 'Asia/Tokyo')).toBe(540);
    expect(localDate(at, 'Asia/Tokyo')).toBe('2026-11-23');
    expect(localDate(at, 'UTC')).toBe('2026-11-22');
    expect(cachedLocalDate('2026-11-22T23:00:00.000Z', 'Asia/Tokyo')).toBe('2026-11-23');
    expect(cachedLocalDate('2026-11-22T14:59:59.999Z', 'Asia/Tokyo')).toBe('2026-11-22');
    expect(cachedLocalDate('2026-11-22T15:00:00.000Z', 'Asia/Tokyo')).toBe('2026-11-23');
  });

  it('finds the start of a day, summer time included', () => {
    expect(new Date(startOfLocalDay('2026-11-23', 'Asia/Tokyo')).toISOString()).toBe(
      '2026-11-22T15:00:00.000Z',
    );
    // New York: EDT (-4) in July, EST (-5) in November; the day after the switch too.
    expect(new Date(startOfLocalDay('2026-07-01', 'America/New_York')).toISOString()).toBe(
      '2026-07-01T04:00:00.000Z',
    );
    expect(new Date(startOfLocalDay('2026-11-02', 'America/New_York')).toISOString()).toBe(
      '2026-11-02T05:00:00.000Z',
    );
    expect(cachedLocalDate('2026-11-02T04:30:00.000Z', 'America/New_York')).toBe('2026-11-01');
  });

  it('weeks start on Monday', () => {
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-11-22')).toBe('2026-11-16');
  });
});

describe('koe_local_date, cached per UTC hour', () => {
  it('agrees with Intl every quarter hour, across summer-time switches, in part-hour zones too', () => {
    const zones = ['Asia/Tokyo', 'UTC', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu'];
    // Ten days around each of New York's 2026 switches (8 March, 1 November), and a plain one.
    for (const start of ['2026-01-10', '2026-03-04', '2026-10-28']) {
      const from = Date.parse(`${start}T00:00:00.000Z`);
      for (const zone of zones) {
        for (let t = from; t < from + 10 * 86_400_000; t += 15 * 60_000 + 7_000) {
          const iso = new Date(t).toISOString();
          expect(cachedLocalDate(iso, zone), `${zone} ${iso}`).toBe(localDate(t, zone));
        }
      }
    }
  });
});
