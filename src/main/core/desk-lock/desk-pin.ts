import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The desk PIN, kept as a slow salted hash (scrypt) in the data folder: the core checks it, the
 * renderer never sees it. Slow on purpose: a copied file gives no quick way back to the PIN.
 */
export interface DeskPinStore {
  isSet(): boolean;
  set(pin: string): Promise<void>;
  verify(pin: string): Promise<boolean>;
}

const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

interface StoredPin {
  v: 1;
  salt: string;
  hash: string;
  N: number;
  r: number;
  p: number;
}

function derive(pin: string, salt: Buffer, params: { N: number; r: number; p: number }) {
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * 2 };
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(pin, salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export function fileDeskPinStore(dataDir: string): DeskPinStore {
  const file = join(dataDir, 'desk-pin.json');
  const read = (): StoredPin | null => {
    if (!existsSync(file)) return null;
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredPin;
      return stored.v === 1 ? stored : null;
    } catch {
      return null;
    }
  };
  return {
    isSet: () => read() !== null,
    async set(pin) {
      const salt = randomBytes(16);
      const hash = await derive(pin, salt, PARAMS);
      const stored: StoredPin = {
        v: 1,
        salt: salt.toString('base64'),
        hash: hash.toString('base64'),
        ...PARAMS,
      };
      // Written whole, then renamed: a crash never leaves half a PIN file that opens nothing.
      writeFileSync(`${file}.tmp`, JSON.stringify(stored), { mode: 0o600 });
      renameSync(`${file}.tmp`, file);
    },
    async verify(pin) {
      const stored = read();
      if (!stored) return false;
      const expected = Buffer.from(stored.hash, 'base64');
      const actual = await derive(pin, Buffer.from(stored.salt, 'base64'), stored);
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
  };
}
