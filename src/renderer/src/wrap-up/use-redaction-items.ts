import { useTranslation } from 'react-i18next';

/**
 * "1 card number and 1 security code" in the UI language, or null when nothing was redacted:
 * the words for the live notice under the customer's words and for the saved confirmation.
 */
export function useRedactionItems(counts: {
  cardNumbers: number;
  securityCodes: number;
}): string | null {
  const { t } = useTranslation();
  const items = [
    counts.cardNumbers > 0
      ? t('wrapUp.redaction.cardNumbers', { count: counts.cardNumbers })
      : null,
    counts.securityCodes > 0
      ? t('wrapUp.redaction.securityCodes', { count: counts.securityCodes })
      : null,
  ].filter((item): item is string => item !== null);
  if (items.length === 0) return null;
  if (items.length === 1) return items[0] ?? null;
  return t('wrapUp.redaction.join', { first: items[0], second: items[1] });
}
