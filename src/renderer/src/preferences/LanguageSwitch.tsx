import { SegmentedControl } from '@mantine/core';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import { useLocale } from './use-locale';

/** Memoized: its segmented control measures its indicator on each render (a forced layout). */
export const LanguageSwitch = memo(function LanguageSwitch() {
  const { t } = useTranslation();
  const [locale, setLocale] = useLocale();
  return (
    <SegmentedControl
      size="xs"
      radius="xl"
      aria-label={t('settings.language')}
      value={locale}
      onChange={(value) => setLocale(value as Language)}
      data={[
        // Each language is named in itself, so an agent who cannot read the other finds theirs.
        { value: 'ja', label: t('settings.languageJa') },
        { value: 'en', label: t('settings.languageEn') },
      ]}
    />
  );
});
