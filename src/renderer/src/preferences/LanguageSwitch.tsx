import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import { useLocale } from './use-locale';

export function LanguageSwitch() {
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
}
