import { describe, expect, it, vi } from 'vitest';
import { createCallDesk, type CallDeskChange } from '../../../src/main/core/calls/call-desk';

function clock(start = Date.parse('2025-06-02T01:00:00.000Z')) {
  let now = start;
  return {
    now: () => now,
    advance: (seconds: number) => void (now += seconds * 1000),
    set: (iso: string) => void (now = Date.parse(iso)),
  };
}

function setup() {
  const time = clock();
  let ids = 0;
  const desk = createCallDesk({ now: time.now, newCallId: (origin) => `${origin}-${++ids}` });
  const changes: CallDeskChange[] = [];
  desk.subscribe((change) => changes.push(change));
  return { desk, time, changes };
}

describe('CallDesk', () => {
  it('holds the current call, notifies each change, and is active until the wrap-up is saved', () => {
    const { desk, time, changes } = setup();
    expect(desk.current()).toBeNull();
    expect(desk.isCallActive()).toBe(false);

    desk.apply({ type: 'ringing', callId: 'c1', ani: '09012345678' });
    expect(desk.isCallActive()).toBe(true);
    time.advance(3);
    desk.apply({ type: 'answered', callId: 'c1' });
    desk.apply({ type: 'answered', callId: 'c1' }); // repeated: no notification
    time.advance(120);
    desk.apply({ type: 'ended', callId: 'c1' });
    expect(desk.current()?.state).toBe('wrap_up');
    expect(desk.isCallActive()).toBe(true);
    time.advance(45);
    const saved = desk.apply({ type: 'wrapUpSaved', callId: 'c1' });
    expect(saved).toMatchObject({ ok: true, call: { state: 'done', afterCallWorkSeconds: 45 } });
    expect(desk.isCallActive()).toBe(false);
    expect(desk.current()).toBeNull();
    expect(desk.today().map((c) => c.callId)).toEqual(['c1']);
    expect(changes.map((c) => [c.cause, c.previousState, c.call.state])).toEqual([
      ['ringing', null, 'ringing'],
      ['answered', 'ringing', 'in_call'],
      ['ended', 'in_call', 'wrap_up'],
      ['wrapUpSaved', 'wrap_up', 'done'],
    ]);
  });

  it('has one line: a second call cannot ring while one rings or is on the line', () => {
    const { desk } = setup();
    desk.apply({ type: 'ringing', callId: 'c1', ani: '09012345678' });
    expect(desk.apply({ type: 'ringing', callId: 'c2', ani: '0312345678' })).toMatchObject({
      ok: false,
      error: { code: 'busy', message: expect.stringContaining('"c1"') },
    });
    // An `ended` for another call while one is active: that call never rang here.
    expect(desk.apply({ type: 'ended', callId: 'c2' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_call' },
    });
    expect(desk.startCall({ ani: '0312345678', origin: 'manual' })).toMatchObject({
      ok: false,
      error: { code: 'busy' },
    });
    expect(desk.current()?.callId).toBe('c1');
  });

  it('lets a new call ring during an earlier wrap-up, which stays pending until saved', () => {
    const { desk } = setup();
    desk.apply({ type: 'ringing', callId: 'c1', ani: '09012345678' });
    desk.apply({ type: 'answered', callId: 'c1' });
    desk.apply({ type: 'ended', callId: 'c1' });
    expect(desk.apply({ type: 'ringing', callId: 'c2', ani: '0312345678' }).ok).toBe(true);
    expect(desk.current()?.callId).toBe('c2');
    desk.apply({ type: 'ended', callId: 'c2' }); // missed
    expect(desk.get('c2')?.state).toBe('missed');
    expect(desk.isCallActive()).toBe(true); // c1's wrap-up
    expect(desk.current()?.callId).toBe('c1');
    desk.apply({ type: 'wrapUpSaved', callId: 'c1' });
    expect(desk.isCallActive()).toBe(false);
    expect(desk.today().map((c) => [c.callId, c.state])).toEqual([
      ['c2', 'missed'],
      ['c1', 'done'],
    ]);
  });

  it('starts manual and link calls on the line; a link for the ringing caller is the same call', () => {
    const { desk, changes } = setup();
    const manual = desk.startCall({ ani: '０９０-１２３４-５６７８', origin: 'manual' });
    expect(manual).toMatchObject({
      ok: true,
      changed: true,
      call: { callId: 'manual-1', origin: 'manual', state: 'in_call', e164: '+819012345678' },
    });
    expect(changes.at(-1)?.cause).toBe('started');
    desk.apply({ type: 'ended', callId: 'manual-1' });
    desk.apply({ type: 'wrapUpSaved', callId: 'manual-1' });

    desk.apply({ type: 'ringing', callId: 'c9', ani: '+81 3-1234-5678' });
    expect(desk.startCall({ ani: '03-1234-5678', origin: 'link' })).toMatchObject({
      ok: true,
      changed: false,
      call: { callId: 'c9', state: 'ringing' },
    });
    desk.apply({ type: 'answered', callId: 'c9' });
    desk.apply({ type: 'ended', callId: 'c9' });
    const link = desk.startCall({ ani: '0312345678', origin: 'link' });
    expect(link).toMatchObject({ ok: true, call: { callId: 'link-2', origin: 'link' } });
  });

  it("keeps only today's finished calls, but never forgets an active one", () => {
    const { desk, time } = setup();
    time.set('2025-06-02T10:00:00');
    desk.apply({ type: 'ringing', callId: 'old', ani: '0312345678' });
    desk.apply({ type: 'ended', callId: 'old' });
    desk.apply({ type: 'ringing', callId: 'late', ani: '0312345678' });
    desk.apply({ type: 'answered', callId: 'late' });
    time.set('2025-06-03T00:05:00');
    expect(desk.today().map((c) => c.callId)).toEqual(['late']);
    desk.apply({ type: 'ended', callId: 'late' });
    desk.apply({ type: 'wrapUpSaved', callId: 'late' });
    expect(desk.today()).toEqual([]);
  });

  it('saves a wrap-up only once it is persisted, with the times the record needs', () => {
    const { desk, time, changes } = setup();
    desk.apply({ type: 'ringing', callId: 'c1', ani: '09012345678' });
    time.advance(2);
    desk.apply({ type: 'answered', callId: 'c1' });
    time.advance(60);
    desk.apply({ type: 'ended', callId: 'c1' });
    time.advance(30);
    const failing = () => {
      throw new Error('disk full');
    };
    expect(() => desk.saveWrapUp('c1', failing)).toThrow('disk full');
    expect(desk.get('c1')?.state).toBe('wrap_up');
    expect(desk.isCallActive()).toBe(true);

    time.advance(5);
    const persisted: unknown[] = [];
    const result = desk.saveWrapUp('c1', (call, times) => persisted.push([call.state, times]));
    expect(result).toMatchObject({ ok: true, changed: true, call: { state: 'done' } });
    expect(persisted).toEqual([
      [
        'done',
        {
          startedAt: '2025-06-02T01:00:02.000Z',
          endedAt: '2025-06-02T01:01:02.000Z',
          afterCallWorkSeconds: 35,
        },
      ],
    ]);
    expect(desk.isCallActive()).toBe(false);
    expect(changes.at(-1)).toMatchObject({ cause: 'wrapUpSaved', previousState: 'wrap_up' });

    // An edit later: persisted again with the first save's times, no change on the desk.
    time.advance(100);
    const edit = desk.saveWrapUp('c1', (_call, times) =>
      persisted.push(times.afterCallWorkSeconds),
    );
    expect(edit).toMatchObject({ ok: true, changed: false });
    expect(persisted.at(-1)).toBe(35);

    const notYet = vi.fn();
    desk.apply({ type: 'ringing', callId: 'c2', ani: '09012345678' });
    expect(desk.saveWrapUp('c2', notYet)).toMatchObject({
      ok: false,
      error: { code: 'out_of_order' },
    });
    expect(desk.saveWrapUp('c3', notYet)).toMatchObject({
      ok: false,
      error: { code: 'unknown_call' },
    });
    expect(notYet).not.toHaveBeenCalled();
  });

  it('bounds the day and survives a failing listener', () => {
    const desk = createCallDesk({ maxCalls: 3, log: () => {} });
    desk.subscribe(() => {
      throw new Error('listener bug');
    });
    for (let i = 0; i < 5; i++) {
      desk.apply({ type: 'ringing', callId: `c${i}`, ani: '0312345678' });
      desk.apply({ type: 'ended', callId: `c${i}` });
    }
    expect(desk.today().map((c) => c.callId)).toEqual(['c4', 'c3', 'c2']);
  });
});
