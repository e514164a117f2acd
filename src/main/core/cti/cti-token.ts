import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The token file in the data dir; only the agent's OS account may read it. */
export const CTI_TOKEN_FILE = 'cti-token';

/** 32 random bytes as base64url: 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The per-install secret a softphone or telephony connector presents to the CTI bridge. Made
 * with node:crypto on first start, then kept (mode 0600) so the connector is configured once.
 * A missing, empty or damaged file (a crash mid-write) gets a fresh token.
 */
export function loadOrCreateCtiToken(dataDir: string): string {
  const file = join(dataDir, CTI_TOKEN_FILE);
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (TOKEN_PATTERN.test(existing)) {
      restrictToOwner(file);
      return existing;
    }
  } catch {
    // No token yet: make one below.
  }
  const token = randomBytes(32).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  // Written to a private temp file and renamed, so the token is never readable by others and a
  // crash leaves either the old file or the whole new one.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${token}\n`, { mode: 0o600 });
  restrictToOwner(temp);
  renameSync(temp, file);
  return token;
}

/**
 * Compares a presented token with the real one in constant time (for any length: both are
 * hashed first, so neither the content nor the length leaks through timing).
 */
export function tokenMatches(presented: string | null | undefined, expected: string): boolean {
  if (typeof presented !== 'string' || presented.length === 0 || presented.length > 512) {
    return false;
  }
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The umask may have widened the mode; on Windows this is a no-op (the profile is private). */
function restrictToOwner(file: string): void {
  try {
    chmodSync(file, 0o600);
  } catch {
    // Filesystems without POSIX modes.
  }
}
