import { Worker } from 'node:worker_threads';

/**
 * How to start a worker thread's code: a file electron-vite bundled next to the main entry in
 * the app (see electron.vite.config.ts), or a TypeScript source (its file: URL) loaded through
 * tsx under plain Node (tests, benches, the browser harness). Plain strings, so an entry can
 * travel to another worker in a message.
 */
export type WorkerEntry = { file: string } | { typescriptSource: string };

export function spawnWorker(entry: WorkerEntry, workerData?: unknown): Worker {
  if ('file' in entry) return new Worker(entry.file, { workerData });
  // Node 20 does not carry `--import tsx` into worker threads; tsx's API loads the source.
  const source = JSON.stringify(entry.typescriptSource);
  return new Worker(
    `import('tsx/esm/api').then(({ tsImport }) => tsImport(${source}, ${source}))`,
    { eval: true, workerData },
  );
}
