import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import { callKoe } from '../app/koe-call';

/** The UI language, and a setter that switches at once and saves the choice in the core. */
export function useLocale(): [Language, (locale: Language) => void] {
  const { i18n } = useTranslation();
  const locale: Language = i18n.resolvedLanguage === 'en' ? 'en' : 'ja';
  const setLocale = (next: Language) => {
    void i18n.changeLanguage(next);
    // The core persists it and echoes app:localeChanged (the Electron menu follows it too).
    void callKoe('app:setLocale', { locale: next });
  };
  return [locale, setLocale];
}
