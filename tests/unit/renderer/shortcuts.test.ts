import { describe, expect, it } from 'vitest';
import {
  ACTION_DONE_KEYS,
  branchIndexForKey,
  CALL_SHORTCUTS,
  HARASSMENT_KEYS,
  hotkeyCaps,
  inCallShortcut,
  isOutreachOutcomeKey,
  isTypingTarget,
  keyPressOf,
  OUTREACH_OUTCOME_KEY,
  type KeyPress,
  type PhysicalKeyPress,
} from '../../../src/renderer/src/app/shortcuts';
import {
  callClock,
  callerNumber,
  doneCallSession,
  formatDuration,
} from '../../../src/renderer/src/calls/call-display';
import { directCall, ringingCall } from '../../../src/shared/calls/call-session';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  isComposing: false,
  typing: false,
  ...extra,
});

describe('call shortcuts', () => {
  it('are distinct', () => {
    const keys = Object.values(CALL_SHORTCUTS).map((k) => k.toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('print as key caps for the platform', () => {
    expect(hotkeyCaps(CALL_SHORTCUTS.endCall, false)).toEqual(['Ctrl', 'Shift', 'E']);
    expect(hotkeyCaps(CALL_SHORTCUTS.endCall, true)).toEqual(['⌘', '⇧', 'E']);
    expect(hotkeyCaps(CALL_SHORTCUTS.knowledge, false)).toEqual(['Ctrl', 'J']);
    expect(hotkeyCaps(CALL_SHORTCUTS.scriptNext, false)).toEqual(['→']);
    expect(hotkeyCaps('3', false)).toEqual(['3']);
  });

  it('pick a branch with a bare digit, never while typing, composing or with a modifier', () => {
    expect(branchIndexForKey(press('1'), 2)).toBe(0);
    expect(branchIndexForKey(press('2'), 2)).toBe(1);
    expect(branchIndexForKey(press('3'), 2)).toBeNull();
    expect(branchIndexForKey(press('0'), 9)).toBeNull();
    expect(branchIndexForKey(press('a'), 9)).toBeNull();
    expect(branchIndexForKey(press('1', { typing: true }), 2)).toBeNull();
    expect(branchIndexForKey(press('1', { isComposing: true }), 2)).toBeNull();
    expect(branchIndexForKey(press('1', { ctrlKey: true }), 2)).toBeNull();
    expect(branchIndexForKey(press('1', { metaKey: true }), 2)).toBeNull();
    expect(branchIndexForKey(press('1', { altKey: true }), 2)).toBeNull();
  });

  it("read a key event as a press, the event's own fields and nothing else", () => {
    const event = {
      key: '2',
      ctrlKey: false,
      metaKey: true,
      altKey: false,
      shiftKey: true,
      isComposing: true,
      code: 'Digit2',
    };
    const { code: _notAPressField, ...fields } = event;
    expect(keyPressOf(event, true)).toEqual({ ...fields, typing: true });
    expect(
      branchIndexForKey(keyPressOf({ ...event, metaKey: false, isComposing: false }, false), 2),
    ).toBe(1);
  });

  it('know a text field from a button or a radio', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'tel' })).toBe(true);
    expect(isTypingTarget({ tagName: 'input' })).toBe(true);
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'radio' })).toBe(false);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe('call display', () => {
  const T0 = Date.parse('2026-11-23T00:00:00Z');

  it('formats durations', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65_400)).toBe('1:05');
    expect(formatDuration(3_600_000 + 61_000)).toBe('1:01:01');
    expect(formatDuration(-5)).toBe('0:00');
  });

  it('counts ringing time, then talk time (stopped when the call ends)', () => {
    const ring = ringingCall('c', '090-1234-5678', T0);
    expect(callClock(ring)).toEqual({ kind: 'ringing', from: ring.ringingAt, until: null });
    const manual = directCall('m', '0312345678', 'manual', T0);
    expect(callClock(manual)?.kind).toBe('talk');
    expect(callClock(manual)?.from).toBe(manual.answeredAt);
    const wrap = { ...manual, state: 'wrap_up' as const, endedAt: 'x', wrapUpStartedAt: 'x' };
    expect(callClock(wrap)).toEqual({ kind: 'talk', from: manual.answeredAt, until: 'x' });
    expect(callClock({ ...manual, state: 'done' })).toBeNull();
  });

  it('shows the caller number formatted, or as received when unreadable', () => {
    expect(callerNumber(ringingCall('c', '+819012345678', T0))).toBe('090-1234-5678');
    expect(callerNumber(ringingCall('c', 'anonymous', T0))).toBe('anonymous');
  });

  it('rebuilds a done call from its saved wrap-up', () => {
    const call = doneCallSession(
      'c1',
      {
        startedAt: '2026-11-23T00:00:00.000Z',
        endedAt: '2026-11-23T00:05:00.000Z',
        savedAt: '2026-11-23T00:06:00.000Z',
        afterCallWorkSeconds: 60,
      },
      { ani: '090-1234-5678', e164: '+819012345678' },
    );
    expect(call).toMatchObject({ callId: 'c1', state: 'done', e164: '+819012345678' });
    expect(call.afterCallWorkSeconds).toBe(60);
  });
});

describe('in-call and outreach keys', () => {
  const alt = (code: string, extra: Partial<PhysicalKeyPress> = {}): PhysicalKeyPress => ({
    code,
    altKey: true,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    ...extra,
  });

  it('Alt+1–4 are the harassment steps and note, Alt+5–9 the actions done, by physical key', () => {
    expect(inCallShortcut(alt('Digit1'))).toEqual({ kind: 'harassment', step: 'warningGiven' });
    expect(inCallShortcut(alt('Digit2'))).toEqual({ kind: 'harassment', step: 'demandRepeated' });
    expect(inCallShortcut(alt('Numpad3'))).toEqual({ kind: 'harassment', step: 'terminate' });
    expect(inCallShortcut(alt('Digit4'))).toEqual({ kind: 'harassment', step: 'note' });
    expect(inCallShortcut(alt('Digit5'))).toEqual({ kind: 'actionDone', index: 0 });
    expect(inCallShortcut(alt('Digit9'))).toEqual({ kind: 'actionDone', index: 4 });
    expect(inCallShortcut(alt('Digit0'))).toBeNull();
  });

  it('are not taken with another modifier, without Alt, or by Alt+letters', () => {
    expect(inCallShortcut(alt('Digit1', { altKey: false }))).toBeNull();
    expect(inCallShortcut(alt('Digit1', { shiftKey: true }))).toBeNull();
    expect(inCallShortcut(alt('Digit1', { ctrlKey: true }))).toBeNull();
    expect(inCallShortcut(alt('Digit1', { metaKey: true }))).toBeNull();
    expect(inCallShortcut(alt('KeyW'))).toBeNull();
  });

  it('Alt+− moves to the outreach outcome (digit row or keypad), nothing else does', () => {
    expect(isOutreachOutcomeKey(alt('Minus'))).toBe(true);
    expect(isOutreachOutcomeKey(alt('NumpadSubtract'))).toBe(true);
    expect(isOutreachOutcomeKey(alt('Minus', { shiftKey: true }))).toBe(false);
    expect(isOutreachOutcomeKey(alt('Minus', { altKey: false }))).toBe(false);
    expect(isOutreachOutcomeKey(alt('Equal'))).toBe(false);
  });

  it('do not collide: the typed-number key is new, Alt digits split between harassment and actions', () => {
    const modifierKeys = Object.values(CALL_SHORTCUTS).map((k) => k.toLowerCase());
    expect(new Set(modifierKeys).size).toBe(modifierKeys.length);
    // The header's other chords (AdminButton, SearchField, SettingsButton).
    for (const other of ['mod+shift+a', 'mod+k', 'mod+,'])
      expect(modifierKeys).not.toContain(other);
    const digits = [...Object.values(HARASSMENT_KEYS), ...ACTION_DONE_KEYS];
    expect(new Set(digits).size).toBe(digits.length);
    expect(hotkeyCaps(CALL_SHORTCUTS.typedNumber, false)).toEqual(['Ctrl', 'Shift', 'N']);
    expect(hotkeyCaps(OUTREACH_OUTCOME_KEY, true)).toEqual(['⌥', '−']);
  });
});
