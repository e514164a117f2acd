import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_VERSION_HEADER, DESK_ID_HEADER } from '../../../shared/protocol/update-feed';

export const DESK_ID_FILE = 'desk-id';
const DESK_ID_PATTERN = /^desk-[0-9a-f-]{36}$/;

/**
 * This install's id, made on first start and kept in the data folder: the retailer lists which
 * desk runs which Koe version and rolls updates out per desk by it (the same desk always lands
 * in the same rollout bucket). Not a secret and not personal: a random UUID. A missing or
 * damaged file (a crash mid-write) gets a fresh id.
 */
export function loadOrCreateDeskId(dataDir: string): string {
  const file = join(dataDir, DESK_ID_FILE);
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (DESK_ID_PATTERN.test(existing)) return existing;
  } catch {
    // No id yet: make one below.
  }
  const id = `desk-${randomUUID()}`;
  mkdirSync(dataDir, { recursive: true });
  // Written whole and renamed: a crash leaves the old file or the new one, never half of it.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${id}\n`);
  renameSync(temp, file);
  return id;
}

/**
 * A revoked desk's id is refused by the retailer for good: once its customer data is erased the
 * install forgets it, so the next start (the agent starting over, their account or center enabled
 * again) registers as a new desk at its first sign-in.
 */
export function forgetDeskId(dataDir: string): void {
  rmSync(join(dataDir, DESK_ID_FILE), { force: true });
}

/** The headers every request of this desk to the retailer carries (it lists who runs what). */
export function deskHeaders(desk: { id: string; version: string }): Record<string, string> {
  return { [DESK_ID_HEADER]: desk.id, [APP_VERSION_HEADER]: desk.version };
}
