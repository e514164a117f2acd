import { describe, expect, it } from 'vitest';
import {
  formatCalendarDate,
  formatMoney,
  formatTimeOfDay,
} from '../../../src/renderer/src/i18n/format';

describe('formatting', () => {
  it('formats money from minor units for each currency', () => {
    expect(formatMoney(248_600, 'JPY', 'ja')).toBe('￥248,600');
    expect(formatMoney(248_600, 'JPY', 'en')).toBe('¥248,600');
    expect(formatMoney(1_999, 'USD', 'en')).toBe('$19.99');
  });

  it('shows a calendar date as the same day in any time zone', () => {
    expect(formatCalendarDate('2026-11-20', 'ja')).toBe('2026/11/20');
    expect(formatCalendarDate('2026-11-20', 'en')).toBe('Nov 20, 2026');
    expect(formatCalendarDate('not a date', 'en')).toBe('not a date');
  });

  it('shows the time of day in the agent’s locale and zone', () => {
    expect(formatTimeOfDay('2026-11-23T04:30:00Z', 'ja', 'Asia/Tokyo')).toBe('13:30');
    expect(formatTimeOfDay('2026-11-23T04:30:00Z', 'en', 'Asia/Tokyo')).toMatch(/^1:30\sPM$/);
    expect(formatTimeOfDay('not a date', 'ja')).toBe('not a date');
  });

  // Today's calls format a time per row each time the list renders (the home screen mounts again
  // after every call): built per row, the formatters took 1.5 s of the renderer's CPU over the
  // ring bench's 70 calls, more than any other component's own code.
  it('builds one formatter per locale and zone, however many times it formats', () => {
    const Original = Intl.DateTimeFormat;
    let built = 0;
    Intl.DateTimeFormat = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args);
        built++;
      }
    } as typeof Intl.DateTimeFormat;
    try {
      for (let minute = 0; minute < 50; minute++) {
        formatTimeOfDay(`2026-11-23T04:${String(minute).padStart(2, '0')}:00Z`, 'fr', 'Asia/Tokyo');
      }
      expect(built).toBeLessThanOrEqual(1);
      expect(formatTimeOfDay('2026-11-23T04:30:00Z', 'fr', 'Asia/Tokyo')).toBe('13:30');
    } finally {
      Intl.DateTimeFormat = Original;
    }
  });
});
