/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids sort by creation
 * time, so the outbox and the server's index stay in insertion order.
 */
export function uuidV7(
  now: number = Date.now(),
  random: (bytes: Uint8Array) => Uint8Array = fillRandom,
): string {
  const bytes = random(new Uint8Array(16));
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | ((bytes[6] as number) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  let hex = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) hex += '-';
    hex += HEX[bytes[i] as number];
  }
  return hex;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/**
 * Random bytes drawn from the system in blocks, each byte handed out once: one
 * `getRandomValues` call per 256 ids rather than one per id (its fixed cost per call was ~5 % of
 * a durable wrap-up save's CPU; bench/wrap-up.bench.ts).
 */
const POOL_BYTES = 16 * 256;
let pool: Uint8Array | null = null;
let used = POOL_BYTES;

function fillRandom(bytes: Uint8Array): Uint8Array {
  if (!pool || used + bytes.length > POOL_BYTES) {
    pool = globalThis.crypto.getRandomValues(pool ?? new Uint8Array(POOL_BYTES));
    used = 0;
  }
  bytes.set(pool.subarray(used, used + bytes.length));
  used += bytes.length;
  return bytes;
}
