import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

const source = JSON.stringify(
  new URL('../../../src/main/core/platform/worker-entry.ts', import.meta.url).href,
);

/** The nice value a fresh worker thread reports after calling giveWayToTheForeground. */
function niceOfAWorkerThatGaveWay(): Promise<number> {
  const worker = new Worker(
    `import('tsx/esm/api')
      .then(({ tsImport }) => tsImport(${source}, ${source}))
      .then((m) => {
        m.giveWayToTheForeground();
        require('node:worker_threads').parentPort.postMessage(require('node:os').getPriority(0));
      });`,
    { eval: true },
  );
  return new Promise((resolve, reject) => {
    worker.once('message', (nice: number) => void worker.terminate().then(() => resolve(nice)));
    worker.once('error', reject);
  });
}

describe('background threads', () => {
  it.runIf(process.platform === 'linux')(
    'give way to the foreground: the worker thread is niced, the app thread is not',
    async () => {
      const before = getPriority(0);
      const nice = await niceOfAWorkerThatGaveWay();
      expect(nice).toBeGreaterThan(before);
      expect(getPriority(0)).toBe(before);
    },
  );
});
