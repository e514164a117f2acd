import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signInDemoAgent } from '../../../src/main/core/sync/demo-sign-in';

const AGENT = { email: 'agent@demo.koe.example', password: 'demo' };

/** A sync worker whose sign-ins answer from `outcomes` in turn (the last one repeats). */
function workerAnswering(...outcomes: boolean[]) {
  const attempts: string[] = [];
  return {
    attempts,
    signIn: async (email: string) => {
      attempts.push(email);
      return { ok: outcomes[Math.min(attempts.length - 1, outcomes.length - 1)] ?? false };
    },
  };
}

/** Lets the answered sign-in settle, then runs every timer it scheduled. */
async function nextRetry() {
  await vi.runOnlyPendingTimersAsync();
}

describe('the demo agent signs in by itself', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps trying while the retailer cannot be reached, and stops at the first success', async () => {
    const worker = workerAnswering(false, false, true);
    signInDemoAgent(worker, AGENT);
    await nextRetry();
    await nextRetry();
    expect(worker.attempts).toHaveLength(3);
    await nextRetry();
    expect(vi.getTimerCount()).toBe(0);
    expect(worker.attempts).toEqual([AGENT.email, AGENT.email, AGENT.email]);
  });

  it('waits at most 30 s between two attempts, however long the retailer was away', async () => {
    const worker = workerAnswering(false);
    signInDemoAgent(worker, AGENT);
    for (let i = 0; i < 12; i += 1) await nextRetry();
    const before = worker.attempts.length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(worker.attempts.length).toBe(before + 1);
  });

  it('tries no more once stopped (the core closed) or told to give up (the desk was revoked)', async () => {
    const stopped = workerAnswering(false);
    signInDemoAgent(stopped, AGENT).stop();
    await nextRetry();
    await nextRetry();
    expect(stopped.attempts).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);

    // Stopped while a retry waits: the retry is cancelled.
    const waiting = workerAnswering(false);
    const signIn = signInDemoAgent(waiting, AGENT);
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(1);
    signIn.stop();
    expect(vi.getTimerCount()).toBe(0);

    let revoked = false;
    const refused = workerAnswering(false);
    signInDemoAgent(refused, AGENT, () => revoked);
    await vi.advanceTimersByTimeAsync(0); // the first answer: refused, a retry is due
    expect(vi.getTimerCount()).toBe(1);
    revoked = true;
    await nextRetry();
    await nextRetry();
    expect(refused.attempts).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });
});
