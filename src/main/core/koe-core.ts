import { join } from 'node:path';
import type { Language } from '../../shared/domain';
import { openDatabase, type LocalDatabase } from './db/connection';
import { createEventBus, type EventBus } from './events/event-bus';
import { createIpcRouter, type IpcRouter } from './ipc/router';
import { parseKoeLink } from './links/koe-link';
import { loadPreferences, type PreferencesStore } from './preferences/preferences';
import { createServices } from './services';
import { seedDemoDataIfEmpty } from './demo/seed-demo-data';

export interface KoeCoreOptions {
  /** Where the local cache and preferences live (Electron's userData, or a test's temp dir). */
  dataDir: string;
  appVersion: string;
  /** The OS locale, used until the agent picks a language. */
  systemLocale?: string;
  /** Electron's build of better-sqlite3 (its ABI differs from Node's); omitted under Node. */
  nativeBinding?: string;
  /** Fill an empty cache with the embedded demo retailer's data (true unless a retailer is set). */
  seedDemoData?: boolean;
}

/** Everything below the shell: plain Node, run the same by Electron, the harness and tests. */
export interface KoeCore {
  router: IpcRouter;
  events: EventBus;
  database: LocalDatabase;
  preferences: PreferencesStore;
  /** Routes a koe:// link (from the OS or a second instance) to the UI. False if not ours. */
  openLink(url: string): boolean;
  /** True while the agent is on a call or wrapping one up: nothing may restart the app then. */
  isCallActive(): boolean;
  locale(): Language;
  close(): Promise<void>;
}

export async function startKoeCore(options: KoeCoreOptions): Promise<KoeCore> {
  const database = await openDatabase({
    filename: join(options.dataDir, 'koe.sqlite'),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  if (options.seedDemoData ?? true) await seedDemoDataIfEmpty(database);
  const events = createEventBus();
  const preferences = loadPreferences(options.dataDir, options.systemLocale);
  const router = createIpcRouter(
    createServices({ db: database.db, events, preferences, appVersion: options.appVersion }),
  );
  return {
    router,
    events,
    database,
    preferences,
    openLink(url) {
      const link = parseKoeLink(url);
      if (!link) return false;
      events.emit('app:navigate', link);
      return true;
    },
    // Calls arrive with the CTI bridge (the call issue); until then no call can be active.
    isCallActive: () => false,
    locale: () => preferences.get().locale,
    close: () => database.close(),
  };
}
