import type { EventBus } from '../platform/event-bus';
import type { IpcServices } from '../platform/router';
import type { HeavyReads } from '../reader';
import type { RetailerServices } from '../sync';
import type { PreferencesStore } from './preferences';

/** The app:* channels: what this Koe is (version, language, data source) and the language. */
export function createAppServices(deps: {
  appVersion: string;
  preferences: PreferencesStore;
  events: EventBus;
  retailer: RetailerServices | null;
  heavyReads: HeavyReads;
}): Pick<IpcServices, 'app:info' | 'app:setLocale'> {
  const { appVersion, preferences, events, retailer, heavyReads } = deps;
  return {
    'app:info': async () => ({
      version: appVersion,
      locale: preferences.get().locale,
      dataSource: retailer && !retailer.isDemo ? 'retailer' : 'demo',
      retailerUrl: retailer?.url ?? null,
      customerCount: await heavyReads.countCustomers(),
    }),
    'app:setLocale': ({ locale }) => {
      preferences.update({ locale });
      events.emit('app:localeChanged', { locale });
      return { locale };
    },
  };
}
