import { describe, expect, it } from 'vitest';
import { RetailerRefusal, sendBatches } from '../../../src/main/core/retailer-client';

/** An outbox of numbered rows sent two at a time; `answer` decides what each send does. */
function outbox(rows: number[], answer: (batch: number[]) => void) {
  const waiting = [...rows];
  const log: string[] = [];
  const drain = () =>
    sendBatches<number>({
      next: () => waiting.slice(0, 2),
      send: async (batch) => answer(batch),
      taken(batch) {
        waiting.splice(0, batch.length);
        log.push(`taken ${batch.join(',')}`);
      },
      refused(batch, error) {
        waiting.splice(0, batch.length);
        log.push(`refused ${batch.join(',')} (${error.status})`);
      },
      failed: (batch) => log.push(`failed ${batch.join(',')}`),
    });
  return { waiting, log, drain };
}

describe('sendBatches', () => {
  it('sends batch after batch until none is waiting and counts the rows taken', async () => {
    const box = outbox([1, 2, 3, 4, 5], () => {});
    expect(await box.drain()).toBe(5);
    expect(box.log).toEqual(['taken 1,2', 'taken 3,4', 'taken 5']);
    expect(box.waiting).toEqual([]);
  });

  it('sets a batch refused for good aside and goes on with the next', async () => {
    const box = outbox([1, 2, 3], (batch) => {
      if (batch.includes(1)) throw new RetailerRefusal('forbidden', 'Agents only', 403, null);
    });
    expect(await box.drain()).toBe(1);
    expect(box.log).toEqual(['refused 1,2 (403)', 'taken 3']);
  });

  it('stops at any other failure, the batch kept for the next try', async () => {
    for (const error of [
      new RetailerRefusal('unavailable', 'Try later', 503, null),
      new Error('offline'),
    ]) {
      const box = outbox([1, 2, 3], (batch) => {
        if (batch.includes(3)) throw error;
      });
      expect(await box.drain()).toBe(2);
      expect(box.log).toEqual(['taken 1,2', 'failed 3']);
      expect(box.waiting).toEqual([3]);
    }
  });
});
