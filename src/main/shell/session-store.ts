import { join } from 'node:path';
import { safeStorage } from 'electron';
import { openSessionFile, type SessionFile } from './session-file';

/** The retailer session in the user's data folder, encrypted with Electron's safeStorage. */
export function safeStorageSessions(dataDir: string): Promise<SessionFile> {
  return openSessionFile(join(dataDir, 'retailer-session.bin'), safeStorage);
}
