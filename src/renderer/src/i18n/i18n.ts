import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import { catalogs } from '../../../shared/i18n';

/** Japanese until the core tells us the agent's saved choice (app:info / app:localeChanged). */
export const DEFAULT_LANGUAGE: Language = 'ja';

export const i18n: I18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: {
    ja: { translation: catalogs.ja },
    en: { translation: catalogs.en },
  },
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: ['ja', 'en'],
  // The catalogs are bundled: initialise synchronously so the first render has its strings.
  initAsync: false,
  // React escapes every interpolated value when it renders text; escaping here would double it.
  interpolation: { escapeValue: false },
  returnNull: false,
});

// `lang` picks Japanese glyph forms for CJK text and tells screen readers which voice to use.
i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

export function currentLanguage(): Language {
  return i18n.resolvedLanguage === 'en' ? 'en' : 'ja';
}
