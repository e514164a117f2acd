import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { session as sessionSchema, type Session } from '../shared/protocol/auth';
import type { SessionStore } from '../main/core/sync';

/**
 * The demo agent's session as a plain file in the harness's data folder. Harness only: the app
 * keeps sessions in Electron's safeStorage, never in a readable file.
 */
export function fileSessionStore(dataDir: string): SessionStore {
  const file = join(dataDir, 'harness-session.json');
  return {
    load() {
      try {
        const parsed = sessionSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    save(session: Session) {
      writeFileSync(file, JSON.stringify(session), { mode: 0o600 });
    },
    clear() {
      rmSync(file, { force: true });
    },
  };
}
