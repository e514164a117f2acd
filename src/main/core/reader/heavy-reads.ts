import type { OutreachList, SearchResult } from '../../../shared/ipc';
import type { PredictionService } from '../predictions';
import type { ReaderMethods } from './reader-methods';

/** What the services ask of the heavy reads, wherever they run (see reader-methods.ts). */
export interface HeavyReads {
  outreachList(limit: number): Promise<OutreachList>;
  searchCustomers(query: string, limit: number): Promise<SearchResult>;
  countCustomers(): Promise<number>;
}

/** Runs a reader method: in place, or on the reader worker (`WorkerRpc.call`). */
export type RunReaderMethod = <K extends keyof ReaderMethods>(
  method: K,
  input: Parameters<ReaderMethods[K]>[0],
) => Promise<Awaited<ReturnType<ReaderMethods[K]>>>;

export function heavyReadsThrough(
  run: RunReaderMethod,
  deps: { now: () => number; predictions: PredictionService | null },
): HeavyReads {
  return {
    outreachList: (limit) =>
      run('outreachList', {
        limit,
        now: deps.now(),
        delivery: deps.predictions?.models().delivery ?? null,
        estimateAt: deps.predictions?.now() ?? 0,
      }),
    searchCustomers: (query, limit) => run('searchCustomers', { query, limit }),
    countCustomers: () => run('countCustomers', {}),
  };
}

/** The heavy reads on the calling thread (tests and benches that build the services alone). */
export function inlineHeavyReads(
  methods: ReaderMethods,
  deps: { now: () => number; predictions: PredictionService | null },
): HeavyReads {
  const run: RunReaderMethod = (method, input) =>
    (
      methods[method] as (
        i: typeof input,
      ) => Promise<Awaited<ReturnType<ReaderMethods[typeof method]>>>
    )(input);
  return heavyReadsThrough(run, deps);
}
