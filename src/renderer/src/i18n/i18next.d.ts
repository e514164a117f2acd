import 'i18next';
import type { Catalog } from '../../../shared/i18n';

// Typed keys: `t('search.placeholdr')` fails tsc instead of showing a raw key to an agent.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalog };
  }
}
