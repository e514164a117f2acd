import { setPriority } from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * How to start a worker thread's code: a file electron-vite bundled next to the main entry in
 * the app (see electron.vite.config.ts), or a TypeScript source (its file: URL) loaded through
 * tsx under plain Node (tests, benches, the browser harness). Plain strings, so an entry can
 * travel to another worker in a message.
 */
export type WorkerEntry = { file: string } | { typescriptSource: string };

export function spawnWorker(
  entry: WorkerEntry,
  workerData?: unknown,
  resourceLimits?: ResourceLimits,
): Worker {
  if ('file' in entry) return new Worker(entry.file, { workerData, resourceLimits });
  // Node 20 does not carry `--import tsx` into worker threads; tsx's API loads the source.
  const source = JSON.stringify(entry.typescriptSource);
  return new Worker(
    `import('tsx/esm/api').then(({ tsImport }) => tsImport(${source}, ${source}))`,
    { eval: true, workerData, resourceLimits },
  );
}

/**
 * Background threads (sync, page decoding, model fitting) give way to the thread that answers
 * the agent when the CPU is short: measured on two cores, a bootstrap's threads otherwise
 * slowed the screen pop. On Linux a nice value belongs to a thread, so this lowers only the
 * calling worker thread; on Windows and macOS the same call would lower the whole app, so
 * there it does nothing.
 */
export function giveWayToTheForeground(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(0, BACKGROUND_NICE);
  } catch {
    // A sandbox that forbids it leaves the thread at its priority; nothing else changes.
  }
}

const BACKGROUND_NICE = 10;
