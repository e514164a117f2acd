import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useKoeQuery } from '../app/use-koe-query';

/**
 * Names for what the insights show by code: reasons from the retailer's taxonomy (in the local
 * cache), carriers from the catalog; an unknown code is shown as it is.
 */
export function useInsightLabels() {
  const { t, i18n } = useTranslation();
  const reference = useKoeQuery('guidance:reference', {});
  const taxonomy = useMemo(
    () => (reference.status === 'success' ? reference.value.taxonomy : []),
    [reference],
  );
  const english = i18n.resolvedLanguage === 'en';
  const reason = useCallback(
    (code: string) => {
      const node = taxonomy.find((n) => n.code === code);
      return node ? (english ? node.labelEn : node.labelJa) : code;
    },
    [taxonomy, english],
  );
  const carrier = useCallback(
    (code: string | null) => {
      if (code === null) return t('insights.none');
      const key = `insights.carriers.${code}`;
      return i18n.exists(key) ? t(key as 'insights.carriers.yamato') : code;
    },
    [t, i18n],
  );
  return { reason, carrier };
}
