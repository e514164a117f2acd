import { parentPort } from 'node:worker_threads';
import type { FromPageDecoder, ToPageDecoder } from './page-decoder-protocol';
import { decodePullPage } from './page-decoding';
import { giveWayToTheForeground } from '../platform/worker-entry';

/**
 * The page decoder: turns a pulled page's bytes into records ready to write (UTF-8, JSON, the
 * protocol's validation, new customers' phone and search entries) on a thread of its own, while
 * the thread that writes stores the page before. See page-decoder.ts.
 */
const port = parentPort;
if (!port) throw new Error('page-decoder-worker must run in a worker thread');
giveWayToTheForeground();

port.on('message', ({ id, bytes, options }: ToPageDecoder) => {
  let answer: FromPageDecoder;
  try {
    answer = { id, json: JSON.stringify(decodePullPage(new Uint8Array(bytes), options)) };
  } catch (error) {
    answer = { id, error: (error as Error).message };
  }
  port.postMessage(answer);
});
