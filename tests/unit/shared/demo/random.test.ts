import { describe, expect, it } from 'vitest';
import { Random, WeightedTable, hashInts, scatter } from '../../../../src/shared/demo/random';
import { isoInstant } from '../../../../src/shared/demo/time';
import { trackingNumber } from '../../../../src/shared/demo/carriers';
import { toFullWidth } from '../../../../src/shared/demo/phones';

describe('demo generator building blocks', () => {
  it('Random repeats for a seed and stays in range', () => {
    const a = new Random(42);
    const b = new Random(42);
    const draws = Array.from({ length: 1000 }, () => a.next());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b.next()));
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Random(43).next()).not.toBe(draws[0]);
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });

  it('WeightedTable follows its weights', () => {
    const table = new WeightedTable([
      ['a', 1],
      ['b', 3],
    ] as const);
    const random = new Random(1);
    let b = 0;
    for (let i = 0; i < 10_000; i++) if (table.pick(random) === 'b') b++;
    expect(b / 10_000).toBeCloseTo(0.75, 1);
    expect(table.at(0)).toBe('a');
    expect(table.at(0.999)).toBe('b');
  });

  it('scatter is a bijection', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) seen.add(scatter(i, 10_000, 48_271, 17));
    expect(seen.size).toBe(10_000);
    expect(hashInts(1, 2)).not.toBe(hashInts(2, 1));
  });

  it('isoInstant matches Date#toISOString', () => {
    const random = new Random(9);
    for (let i = 0; i < 10_000; i++) {
      const ms = random.next() * 2e12 + 1e12;
      expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('tracking numbers have each carrier’s shape and are unique', () => {
    expect(trackingNumber('yamato', 1)).toMatch(/^\d{4}-\d{4}-\d{4}$/);
    expect(trackingNumber('sagawa', 1)).toMatch(/^\d{12}$/);
    expect(trackingNumber('japan_post', 1)).toMatch(/^\d{4}-\d{4}-\d{4}$/);
    expect(trackingNumber('ups', 1)).toMatch(/^1Z[0-9A-Z]{16}$/);
    expect(trackingNumber('fedex', 1)).toMatch(/^\d{12}$/);
    const yamato = new Set(Array.from({ length: 5_000 }, (_, i) => trackingNumber('yamato', i)));
    expect(yamato.size).toBe(5_000);
  });

  it('writes full-width digits and hyphens', () => {
    expect(toFullWidth('090-1234-5678')).toBe('０９０－１２３４－５６７８');
  });
});
