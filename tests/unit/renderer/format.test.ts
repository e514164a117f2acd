import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatMoney } from '../../../src/renderer/src/i18n/format';

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
});
