import { loadavg } from 'node:os';

/** One benchmark figure, printed as one JSON line: the format `npm run bench` promises. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The same quantity for the baseline, measured in the same run. */
  baseline: number;
  /** value / baseline. */
  ratio: number;
}

export function figure(name: string, value: number, unit: string, baseline: number): Figure {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    name,
    value: round(value),
    unit,
    baseline: round(baseline),
    ratio: round(value / baseline),
  };
}

export function printFigure(f: Figure): void {
  process.stdout.write(`${JSON.stringify(f)}\n`);
}

/** Progress and context go to stderr so stdout stays one JSON figure per line. */
export function note(message: string): void {
  process.stderr.write(`${message}\n`);
}

export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)] as number;
}

/** Runs `fn` for each input after a warm-up and returns the sorted latencies in milliseconds. */
export async function sampleLatencies<T>(
  inputs: readonly T[],
  fn: (input: T) => unknown,
  warmup = Math.min(200, inputs.length),
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(inputs[i % inputs.length] as T);
  const samples: number[] = [];
  for (const input of inputs) {
    const start = process.hrtime.bigint();
    await fn(input);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples.sort((a, b) => a - b);
}

/** A small seeded PRNG so every run samples the same customers. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The 1-, 5- and 15-minute load averages, noted beside figures taken on a shared machine. */
export function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
}
