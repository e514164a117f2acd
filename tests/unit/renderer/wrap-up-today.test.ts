import { describe, expect, it } from 'vitest';
import type { TodayCall } from '../../../src/shared/ipc';
import {
  callerNumber,
  isEditable,
  newestFirst,
  nextEditDeadline,
  todayCallStatus,
} from '../../../src/renderer/src/wrap-up/today-display';

const NOW = Date.parse('2026-11-23T05:00:00Z');
const call = (over: Partial<TodayCall> = {}): TodayCall => ({
  callId: 'c1',
  state: 'done',
  ani: '09012345678',
  e164: '+819012345678',
  startedAt: '2026-11-23T04:30:00Z',
  customerId: 'cust-1',
  customerName: '佐藤 花子',
  wrapUp: {
    vocId: 'v1',
    primaryReason: 'delivery.late',
    resolution: 'resolved',
    savedAt: '2026-11-23T04:40:00Z',
    editableUntil: '2026-11-23T05:10:00Z',
    delivery: { state: 'delivered', reason: null, detail: null },
  },
  ...over,
});

describe('my calls today', () => {
  it('says whether each call is saved, missed, being wrapped up or on the line', () => {
    expect(todayCallStatus(call())).toBe('delivered');
    const saved = call().wrapUp!;
    const pending = { ...saved, delivery: { state: 'pending', reason: null, detail: null } };
    expect(todayCallStatus(call({ wrapUp: pending as typeof saved }))).toBe('pending');
    const refused = {
      ...saved,
      delivery: { state: 'refused', reason: 'conflict', detail: 'ids must not be reused' },
    };
    expect(todayCallStatus(call({ wrapUp: refused as typeof saved }))).toBe('refused');
    expect(todayCallStatus(call({ state: 'missed', wrapUp: null }))).toBe('missed');
    expect(todayCallStatus(call({ state: 'wrap_up', wrapUp: null }))).toBe('wrapUp');
    expect(todayCallStatus(call({ state: 'in_call', wrapUp: null }))).toBe('onCall');
    expect(todayCallStatus(call({ state: 'ringing', wrapUp: null }))).toBe('onCall');
  });

  it('offers Edit only while the edit window is open', () => {
    expect(isEditable(call(), NOW)).toBe(true);
    expect(isEditable(call(), Date.parse('2026-11-23T05:10:00Z'))).toBe(false);
    expect(isEditable(call({ wrapUp: null }), NOW)).toBe(false);
    const garbled = call();
    if (garbled.wrapUp) garbled.wrapUp.editableUntil = 'soon';
    expect(isEditable(garbled, NOW)).toBe(false);
  });

  it('re-renders when the next Edit button must go', () => {
    const later = call({ callId: 'c2' });
    if (later.wrapUp) later.wrapUp.editableUntil = '2026-11-23T05:20:00Z';
    expect(nextEditDeadline([later, call(), call({ wrapUp: null })], NOW)).toBe(
      Date.parse('2026-11-23T05:10:00Z'),
    );
    expect(nextEditDeadline([call()], Date.parse('2026-11-23T06:00:00Z'))).toBeNull();
  });

  it('formats the caller’s number; a withheld one is null', () => {
    expect(callerNumber(call())).toBe('090-1234-5678');
    expect(callerNumber({ ani: '+1 212 555 0100', e164: '+12125550100' })).toBe('+1 212 555 0100');
    expect(callerNumber({ ani: '12345', e164: null })).toBe('12345');
    expect(callerNumber({ ani: 'anonymous', e164: null })).toBeNull();
    expect(callerNumber({ ani: ' ', e164: null })).toBeNull();
  });

  it('lists the newest call first', () => {
    const early = call({ callId: 'early', startedAt: '2026-11-23T01:00:00Z' });
    const late = call({ callId: 'late', startedAt: '2026-11-23T04:59:00Z' });
    expect(newestFirst([early, call(), late]).map((c) => c.callId)).toEqual([
      'late',
      'c1',
      'early',
    ]);
  });
});
