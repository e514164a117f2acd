import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../platform/errors';
import type { KeyVault } from './key-vault';
import {
  grantId,
  keyFileContent,
  unwrapWithGrant,
  wrapUnderGrant,
  type KeyFileContent,
} from './wrapped-key';

export const CACHE_KEY_FILE = 'cache-key';
export const DEVICE_GRANT_FILE = 'device-grant';
const DATA_KEY_BYTES = 32;

/** How the cache is protected on this desk, for the shell to tell the agent. */
export type CacheProtection =
  /** Encrypted with a kept key; `boundToRetailer` once the retailer's grant wraps it. */
  | { mode: 'encrypted'; vault: KeyVault['kind']; boundToRetailer: boolean }
  /**
   * No safe place for a key (no OS keychain): the key lives in this process only, so the file
   * is unreadable once Koe quits, and customer data is pulled again at the next start.
   */
  | { mode: 'memory_only'; reason: 'no_keychain' };

export interface CacheKeys {
  /** The data key every connection to the cache is opened with. */
  key: Buffer;
  protection(): CacheProtection;
  /**
   * The retailer's device grant from a sign-in or refresh: the key is (re)wrapped under it and
   * the grant kept, sealed by the vault, for offline starts.
   */
  acceptGrant(grant: string): void;
  /**
   * The retailer revoked this desk: its grant file goes, so the key cannot be unwrapped again
   * (not even with this keychain); this run keeps the key in memory until it ends.
   */
  forgetGrant(): void;
}

/**
 * The cache's data key: random per install (32 bytes), never written in the clear. On disk it
 * is wrapped under the retailer's device grant (AES-256-GCM, HKDF) and that is sealed by the
 * vault (the OS keychain); the grant is kept sealed by the vault in a file of its own, so
 * deleting that one file (a revoked desk) makes the key unrecoverable even with the keychain.
 */
export function openCacheKeys(options: { dataDir: string; vault: KeyVault }): CacheKeys {
  const { dataDir, vault } = options;
  if (vault.refusal()) {
    const key = randomBytes(DATA_KEY_BYTES);
    return {
      key,
      protection: () => ({ mode: 'memory_only', reason: 'no_keychain' }),
      acceptGrant: () => {},
      forgetGrant: () => {},
    };
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const keyFile = join(dataDir, CACHE_KEY_FILE);
  const grantFile = join(dataDir, DEVICE_GRANT_FILE);

  const readSealed = (file: string): Buffer | null => {
    if (!existsSync(file)) return null;
    try {
      return vault.open(readFileSync(file));
    } catch {
      throw refused('the OS keychain of this computer and user cannot open it');
    }
  };
  const writeSealed = (file: string, plain: Buffer) => {
    // Whole or not at all: a crash leaves the old file or the new one.
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, vault.seal(plain), { mode: 0o600 });
    renameSync(temp, file);
  };
  const writeKeyFile = (content: KeyFileContent) =>
    writeSealed(keyFile, Buffer.from(JSON.stringify(content)));

  let grant = readSealed(grantFile)?.toString('utf8') ?? null;
  const sealedKey = readSealed(keyFile);
  let key: Buffer;
  let content: KeyFileContent;
  if (sealedKey) {
    const parsed = keyFileContent.safeParse(safeJson(sealedKey));
    if (!parsed.success) throw refused('its key file is damaged');
    content = parsed.data;
    const opened = unwrap(content, grant);
    if (!opened) {
      throw refused(
        grant
          ? "this desk's grant from the retailer does not open its key"
          : 'the grant from the retailer is missing',
      );
    }
    key = opened;
  } else {
    key = randomBytes(DATA_KEY_BYTES);
    content = grant
      ? { version: 1, wraps: [wrapUnderGrant(key, grant)] }
      : { version: 1, wraps: [], unbound: key.toString('base64') };
    writeKeyFile(content);
  }

  return {
    key,
    protection: () => ({ mode: 'encrypted', vault: vault.kind, boundToRetailer: !content.unbound }),
    acceptGrant(next) {
      if (next === grant && !content.unbound) return;
      // Old and new wraps together first: a crash before the grant file is written still opens.
      const bridging: KeyFileContent = {
        version: 1,
        wraps: [wrapUnderGrant(key, next), ...content.wraps],
        ...(content.unbound ? { unbound: content.unbound } : {}),
      };
      writeKeyFile(bridging);
      writeSealed(grantFile, Buffer.from(next, 'utf8'));
      grant = next;
      content = { version: 1, wraps: [bridging.wraps[0]!] };
      writeKeyFile(content);
    },
    forgetGrant() {
      rmSync(grantFile, { force: true });
      grant = null;
      // The key's wraps all need a grant now: not even an unbound copy is left.
      if (content.unbound) {
        content = { version: 1, wraps: content.wraps };
        writeKeyFile(content);
      }
    },
  };
}

function unwrap(content: KeyFileContent, grant: string | null): Buffer | null {
  if (grant) {
    const id = grantId(grant);
    for (const w of content.wraps) {
      if (w.grantId !== id) continue;
      const key = unwrapWithGrant(w, grant);
      if (key) return key;
    }
  }
  // Kept under the vault alone only until the desk's first grant is written.
  return content.unbound ? Buffer.from(content.unbound, 'base64') : null;
}

function safeJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
}

function refused(why: string): AppError {
  return new AppError(
    'cache_key_refused',
    `The customer data on this computer cannot be opened: ${why}.`,
  );
}

/**
 * Starting over on a desk whose cache can no longer be opened: the cache files of every
 * retailer and the key files go (they are unreadable anyway); the next start makes a new key.
 */
export function discardCacheAndKeys(dataDir: string): void {
  for (const name of readdirSync(dataDir)) {
    if (/^koe(-[0-9a-f]{12})?\.sqlite(-wal|-shm|-journal)?$/.test(name)) {
      rmSync(join(dataDir, name), { force: true });
    }
  }
  rmSync(join(dataDir, CACHE_KEY_FILE), { force: true });
  rmSync(join(dataDir, DEVICE_GRANT_FILE), { force: true });
}
