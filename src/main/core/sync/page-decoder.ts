import type { Worker } from 'node:worker_threads';
import { spawnWorker, type WorkerEntry } from '../platform/worker-entry';
import type { FromPageDecoder, ToPageDecoder } from './page-decoder-protocol';
import { decodePullPage, type DecodedPullPage, type DecodeOptions } from './page-decoding';
import { SyncError } from './sync-error';

/**
 * Turns a pulled page's bytes into records ready to write. Decoding (UTF-8, JSON, validation,
 * new customers' index entries) was over a quarter of a bootstrap's time on the writing
 * thread; on a thread of its own it overlaps with the writes of the page before.
 */
export interface PageDecoder {
  decode(bytes: ArrayBuffer, options: DecodeOptions): Promise<DecodedPullPage>;
  close(): Promise<void>;
}

/** Decodes on the calling thread: for tests and short-lived tools, where a thread is not worth it. */
export const inThreadPageDecoder: PageDecoder = {
  decode: async (bytes, options) => decodePullPage(new Uint8Array(bytes), options),
  close: async () => undefined,
};

export const typescriptPageDecoderEntry: WorkerEntry = {
  typescriptSource: new URL('./page-decoder-worker.ts', import.meta.url).href,
};

/**
 * A decoder on a worker thread, started on first use and again after it dies (a page it was
 * decoding then fails as an invalid response, which the sync engine retries). An idle decoder
 * does not keep the process alive.
 */
export function startPageDecoder(entry: WorkerEntry): PageDecoder {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<
    number,
    { resolve: (page: DecodedPullPage) => void; reject: (error: Error) => void }
  >();
  const failAll = (message: string) => {
    for (const p of pending.values()) p.reject(new SyncError('invalid_response', message));
    pending.clear();
  };

  const running = (): Worker => {
    if (worker) return worker;
    const started = spawnWorker(entry);
    started.on('message', (answer: FromPageDecoder) => {
      const request = pending.get(answer.id);
      pending.delete(answer.id);
      if (pending.size === 0) started.unref();
      if ('json' in answer) request?.resolve(JSON.parse(answer.json) as DecodedPullPage);
      else request?.reject(new SyncError('invalid_response', answer.error));
    });
    const died = (message: string) => {
      if (worker !== started) return;
      worker = null;
      failAll(message);
    };
    started.on('error', (error) => died(`The page decoder failed: ${error.message}`));
    started.on('exit', () => died('The page decoder stopped.'));
    started.unref();
    return (worker = started);
  };

  return {
    decode(bytes, options) {
      const target = running();
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        target.ref();
        target.postMessage({ id, bytes, options } satisfies ToPageDecoder, [bytes]);
      });
    },
    async close() {
      const stopping = worker;
      worker = null;
      failAll('The page decoder was closed.');
      await stopping?.terminate();
    },
  };
}
