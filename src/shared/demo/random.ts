/**
 * A small seeded PRNG (sfc32) so the demo data is the same on every machine and every run.
 * `Math.random` is never used here: byte-identical output for a seed is a tested promise.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    // sfc32 needs a few rounds before its output stops echoing the seed.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A standard normal draw (Box–Muller; one of the pair is discarded for simplicity). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Zero-padded decimal digits, e.g. `digits(4)` → "0427". */
  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(Math.floor(this.next() * 10));
    return out;
  }
}

/**
 * Cumulative weights for O(log n) weighted picks; built once per table, since the generator
 * draws from the same tables millions of times at bench size.
 */
export class WeightedTable<T> {
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(private readonly items: readonly (readonly [T, number])[]) {
    let sum = 0;
    this.cumulative = items.map(([, weight]) => (sum += weight));
    this.total = sum;
  }

  pick(random: Random): T {
    return this.at(random.next());
  }

  /** The item at quantile `u` in [0, 1). */
  at(u: number): T {
    const target = u * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return (this.items[lo] as readonly [T, number])[0];
  }

  mean(value: (item: T) => number): number {
    return this.items.reduce((sum, [item, weight]) => sum + value(item) * weight, 0) / this.total;
  }
}

/** A 32-bit hash of integers (murmur3 finalizer per word): one independent seed per customer. */
export function hashInts(...values: number[]): number {
  let h = 0x811c9dc5;
  for (const value of values) {
    let k = Math.imul(value | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A bijection of [0, modulus): spreads sequential indexes into random-looking but unique
 * values (phone subscriber numbers, tracking numbers) without remembering which were used.
 * `multiplier` must be coprime with `modulus`.
 */
export function scatter(
  index: number,
  modulus: number,
  multiplier: number,
  offset: number,
): number {
  // Split the multiplication so it stays exact below 2^53 (moduli up to 1e10, multiplier < 2^32).
  const hi = Math.floor(multiplier / 65536);
  const lo = multiplier % 65536;
  const x = index % modulus;
  const product = (((x * hi) % modulus) * 65536 + x * lo) % modulus;
  return (product + offset) % modulus;
}
