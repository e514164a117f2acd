import { openDatabase } from '../src/main/core/platform/connection';
import { readSideOf } from './lib/bench-core';
import { benchCacheFile } from './lib/bench-database';
import { figure, loadAverage, note, type Figure } from './lib/figures';
import { benchScreenPop } from './screen-pop.bench';
import { benchSearch } from './search.bench';

/**
 * Growth with size: the screen pop's p50/p95/p99 and every search class's p95 on caches of 10,000, 100,000
 * and 1,000,000 customers (`KOE_BENCH_GROWTH_SIZES`, comma-separated; the smaller caches are
 * generated once beside the bench-size one). At each size: `growth_<size>_<figure>` against the
 * raw statements answering the same question on the same cache, in the same run; then
 * `growth_<size>_<figure>_vs_<smallest>`: Koe's p95 at that size against its p95 at the smallest.
 * The load average is noted before each size (a shared machine drifts between sizes, so the
 * ratios to raw are the figures to compare).
 */
export async function benchGrowth(sizes = growthSizes()): Promise<Figure[]> {
  const figures: Figure[] = [];
  const atSmallest = new Map<string, number>();
  for (const customers of sizes) {
    const side = readSideOf(await openDatabase({ filename: await benchCacheFile(customers) }));
    try {
      const size = sizeLabel(customers);
      note(`growth: ${customers.toLocaleString()} customers, load ${loadAverage()}`);
      // The pop's p50 and p99 too: a loaded machine's preemptions land on p95 and p99.
      const measured = [...(await benchScreenPop(side)), ...(await benchSearch(side))];
      for (const f of measured) {
        figures.push({ ...f, name: `growth_${size}_${f.name}` });
        const smallest = atSmallest.get(f.name);
        if (smallest === undefined) atSmallest.set(f.name, f.value);
        else {
          const name = `growth_${size}_${f.name}_vs_${sizeLabel(sizes[0]!)}`;
          figures.push(figure(name, f.value, 'ms', smallest));
        }
      }
    } finally {
      await side.close();
    }
  }
  return figures;
}

function growthSizes(): number[] {
  return (process.env.KOE_BENCH_GROWTH_SIZES ?? '10000,100000,1000000')
    .split(',')
    .map(Number)
    .sort((a, b) => a - b);
}

const sizeLabel = (customers: number) =>
  customers >= 1_000_000 && customers % 1_000_000 === 0
    ? `${customers / 1_000_000}m`
    : customers % 1_000 === 0
      ? `${customers / 1_000}k`
      : String(customers);
