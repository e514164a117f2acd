import { describe, expect, it } from 'vitest';
import { decodeRefusal, encodeRefusal } from '../../../src/main/core/sync/outbox-refusal';
import { reconnectDelayMs } from '../../../src/main/core/sync/stream-reconnect';

const timing = { reconnectBaseMs: 1_000, reconnectMaxMs: 30_000 };

describe('reconnecting the live stream', () => {
  it('doubles the wait with each failure, up to the cap', () => {
    const top = (failures: number) => reconnectDelayMs(failures, timing, null, () => 1);
    expect([0, 1, 2, 3, 4].map(top)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
    expect(top(5)).toBe(30_000);
    expect(top(50)).toBe(30_000);
  });

  it('spreads desks over the upper half of the wait (jitter)', () => {
    expect(reconnectDelayMs(3, timing, null, () => 0)).toBe(4_000);
    expect(reconnectDelayMs(3, timing, null, () => 0.5)).toBe(6_000);
  });

  it('waits at least what the server asked for, but never past the cap', () => {
    expect(reconnectDelayMs(0, timing, 5_000, () => 0)).toBe(5_000);
    expect(reconnectDelayMs(0, timing, 600_000, () => 0)).toBe(30_000);
  });
});

describe('a refusal kept in the outbox', () => {
  it('keeps its code and the retailer’s words', () => {
    expect(decodeRefusal(encodeRefusal('conflict', 'ids must not be reused'))).toEqual({
      reason: 'conflict',
      detail: 'ids must not be reused',
    });
  });

  it('reads a refusal stored before codes existed as other, with its words', () => {
    expect(decodeRefusal('An agent may only save VoC records as itself.')).toEqual({
      reason: 'other',
      detail: 'An agent may only save VoC records as itself.',
    });
    expect(decodeRefusal('{"reason":"nonsense","detail":"x"}').reason).toBe('other');
    expect(decodeRefusal(null)).toEqual({ reason: 'other', detail: '' });
  });
});
