import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { language, type Language } from '../../../shared/domain';

const preferencesSchema = z.object({
  locale: language,
  /** The retailer API to sync with; null runs the embedded demo retailer. */
  retailerUrl: z.string().nullable().default(null),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export interface PreferencesStore {
  get(): Preferences;
  update(change: Partial<Preferences>): Preferences;
}

/** Japanese first: any OS locale that is not English starts the app in Japanese. */
export function defaultLocale(systemLocale: string | undefined): Language {
  return systemLocale?.toLowerCase().startsWith('en') ? 'en' : 'ja';
}

/**
 * The agent's own settings on this machine (not retailer data), in a small JSON file written
 * atomically (temp file + rename) so a crash mid-write keeps the previous version.
 */
export function loadPreferences(dataDir: string, systemLocale?: string): PreferencesStore {
  const file = join(dataDir, 'preferences.json');
  let current: Preferences = { locale: defaultLocale(systemLocale), retailerUrl: null };
  try {
    const parsed = preferencesSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) current = parsed.data;
  } catch {
    // No file yet, or unreadable: start from the defaults.
  }
  return {
    get: () => current,
    update(change) {
      current = preferencesSchema.parse({ ...current, ...change });
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(current, null, 2));
      renameSync(`${file}.tmp`, file);
      return current;
    },
  };
}
