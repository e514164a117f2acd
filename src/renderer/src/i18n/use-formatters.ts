import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Currency } from '../../../shared/domain';
import { formatCalendarDate, formatDate, formatDateTime, formatMoney } from './format';

/** The formatters of `format.ts`, bound to the UI language so they follow the switch. */
export function useFormatters() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'ja';
  return useMemo(
    () => ({
      money: (minorAmount: number, currency: Currency) =>
        formatMoney(minorAmount, currency, locale),
      calendarDate: (isoDate: string) => formatCalendarDate(isoDate, locale),
      date: (isoDateTime: string) => formatDate(isoDateTime, locale),
      dateTime: (isoDateTime: string) => formatDateTime(isoDateTime, locale),
    }),
    [locale],
  );
}
