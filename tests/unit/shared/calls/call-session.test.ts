import { describe, expect, it } from 'vitest';
import {
  applyCallEvent,
  directCall,
  wrapUpTimes,
  type CallEvent,
  type CallResult,
  type CallSession,
} from '../../../../src/shared/calls/call-session';

const T0 = Date.parse('2025-06-02T01:00:00.000Z');
const sec = (n: number) => T0 + n * 1000;

function ok(result: CallResult): CallSession {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.call;
}

function run(events: Array<[CallEvent, number]>): CallSession {
  let call: CallSession | null = null;
  for (const [event, at] of events) call = ok(applyCallEvent(call, event, at));
  if (!call) throw new Error('no events');
  return call;
}

const ring: CallEvent = { type: 'ringing', callId: 'c1', ani: '090-1234-5678' };
const answer: CallEvent = { type: 'answered', callId: 'c1' };
const end: CallEvent = { type: 'ended', callId: 'c1' };
const saved: CallEvent = { type: 'wrapUpSaved', callId: 'c1' };

describe('call session state machine', () => {
  it('walks ringing → in_call → wrap_up → done with every timestamp and the ACW seconds', () => {
    const rung = run([[ring, sec(0)]]);
    expect(rung).toMatchObject({
      callId: 'c1',
      origin: 'cti',
      ani: '090-1234-5678',
      e164: '+819012345678',
      state: 'ringing',
      ringingAt: '2025-06-02T01:00:00.000Z',
      answeredAt: null,
    });
    const done = run([
      [ring, sec(0)],
      [answer, sec(5)],
      [end, sec(185)],
      [saved, sec(227.4)],
    ]);
    expect(done).toEqual({
      callId: 'c1',
      origin: 'cti',
      ani: '090-1234-5678',
      e164: '+819012345678',
      state: 'done',
      ringingAt: '2025-06-02T01:00:00.000Z',
      answeredAt: '2025-06-02T01:00:05.000Z',
      endedAt: '2025-06-02T01:03:05.000Z',
      wrapUpStartedAt: '2025-06-02T01:03:05.000Z',
      wrapUpSavedAt: '2025-06-02T01:03:47.400Z',
      afterCallWorkSeconds: 42,
    });
    expect(wrapUpTimes(done)).toEqual({
      startedAt: '2025-06-02T01:00:05.000Z',
      endedAt: '2025-06-02T01:03:05.000Z',
      afterCallWorkSeconds: 42,
    });
  });

  it('ends a call that was never answered as missed; it cannot be answered or wrapped up after', () => {
    const missed = run([
      [ring, sec(0)],
      [end, sec(20)],
    ]);
    expect(missed).toMatchObject({
      state: 'missed',
      answeredAt: null,
      endedAt: '2025-06-02T01:00:20.000Z',
    });
    expect(wrapUpTimes(missed)).toBeNull();
    const late = applyCallEvent(missed, answer, sec(21));
    expect(late).toMatchObject({ ok: false, error: { code: 'out_of_order' } });
    expect(applyCallEvent(missed, saved, sec(21))).toMatchObject({
      ok: false,
      error: { code: 'out_of_order', message: expect.stringContaining('missed') },
    });
  });

  it('starts a manual call on the line, without ringing', () => {
    const call = directCall('manual-1', '03 1234 5678', 'manual', sec(0));
    expect(call).toMatchObject({
      origin: 'manual',
      state: 'in_call',
      e164: '+81312345678',
      ringingAt: null,
      answeredAt: '2025-06-02T01:00:00.000Z',
    });
    const ended = ok(applyCallEvent(call, { type: 'ended', callId: 'manual-1' }, sec(60)));
    const done = ok(applyCallEvent(ended, { type: 'wrapUpSaved', callId: 'manual-1' }, sec(90)));
    expect(done).toMatchObject({ state: 'done', afterCallWorkSeconds: 30 });
    expect(wrapUpTimes(done)?.startedAt).toBe('2025-06-02T01:00:00.000Z');
  });

  it('keeps a caller number it cannot read, with e164 null', () => {
    const call = ok(applyCallEvent(null, { type: 'ringing', callId: 'x', ani: 'anonymous' }, T0));
    expect(call).toMatchObject({ ani: 'anonymous', e164: null });
    expect(ok(applyCallEvent(null, { type: 'ringing', callId: 'y', ani: '' }, T0)).e164).toBeNull();
  });

  it('accepts repeated events without changing anything (idempotent)', () => {
    const states: Array<[CallEvent[], CallEvent[]]> = [
      [[ring], [ring, { ...ring, ani: '+81 90 1234 5678' }]],
      [
        [ring, answer],
        [ring, answer],
      ],
      [
        [ring, answer, end],
        [ring, answer, end],
      ],
      [
        [ring, answer, end, saved],
        [ring, answer, end, saved],
      ],
      [
        [ring, end],
        [ring, end],
      ],
    ];
    for (const [path, repeats] of states) {
      const call = run(path.map((event, i) => [event, sec(i * 10)]));
      for (const repeat of repeats) {
        const result = applyCallEvent(call, repeat, sec(999));
        expect(result, `${repeat.type} after ${path.map((e) => e.type).join('→')}`).toEqual({
          ok: true,
          call,
          changed: false,
        });
      }
    }
  });

  it('refuses out-of-order events with a clear error and no change', () => {
    for (const event of [answer, end, saved]) {
      const result = applyCallEvent(null, event, T0);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
      if (!result.ok) expect(result.error.message).toContain('"c1"');
    }
    const rung = run([[ring, T0]]);
    expect(applyCallEvent(rung, saved, T0)).toMatchObject({
      ok: false,
      error: { code: 'out_of_order', message: expect.stringContaining('ringing') },
    });
    const onLine = run([
      [ring, T0],
      [answer, T0],
    ]);
    expect(applyCallEvent(onLine, saved, T0)).toMatchObject({
      ok: false,
      error: { code: 'out_of_order', message: expect.stringContaining('on the line') },
    });
  });

  it('refuses a repeated ring that names another caller', () => {
    const rung = run([[ring, T0]]);
    expect(applyCallEvent(rung, { ...ring, ani: '0312345678' }, T0)).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const manual = directCall('m', '0312345678', 'manual', T0);
    expect(
      applyCallEvent(manual, { type: 'ringing', callId: 'm', ani: '0312345678' }, T0),
    ).toMatchObject({ ok: false, error: { code: 'out_of_order' } });
  });

  it('never measures negative or absurd after-call work (clock steps)', () => {
    const ended = run([
      [ring, sec(0)],
      [answer, sec(1)],
      [end, sec(100)],
    ]);
    expect(ok(applyCallEvent(ended, saved, sec(50))).afterCallWorkSeconds).toBe(0);
    expect(ok(applyCallEvent(ended, saved, sec(100 + 200_000))).afterCallWorkSeconds).toBe(86_400);
  });
});
