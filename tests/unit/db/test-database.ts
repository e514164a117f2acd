import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';

/** A fresh, fully migrated in-memory cache. */
export function openTestDatabase(): Promise<LocalDatabase> {
  return openDatabase({ filename: ':memory:' });
}
