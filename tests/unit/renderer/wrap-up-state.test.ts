import { describe, expect, it } from 'vitest';
import { reasonTaxonomy } from '../../../src/shared/demo/taxonomy';
import type { VocRecord } from '../../../src/shared/domain';
import { wrapUpInput } from '../../../src/shared/ipc';
import {
  effectiveAvoidable,
  errorsByField,
  firstInvalidField,
  formatElapsed,
  initialWrapUpState,
  stateFromRecord,
  toWrapUpInput,
  wrapUpReducer,
  wrapUpShortcut,
  type WrapUpAction,
  type WrapUpContext,
  type WrapUpFormState,
} from '../../../src/renderer/src/wrap-up/wrap-up-state';

const taxonomy = reasonTaxonomy();
const run = (state: WrapUpFormState, ...actions: WrapUpAction[]) =>
  actions.reduce(wrapUpReducer, state);
const fresh = (predictedReason: string | null = 'delivery.late') =>
  initialWrapUpState({ taxonomy, predictedReason, orderId: 'o-1' });
const context: WrapUpContext = {
  callId: 'call-1',
  customerId: 'c-1',
  predictedReason: 'delivery.late',
  script: { scriptId: 'late-delivery', version: 3 },
  harassment: null,
  taxonomy,
};

describe('initial state', () => {
  it('preselects the predicted reason as primary, with the order the call was about', () => {
    expect(fresh()).toEqual({
      reasonCodes: ['delivery.late'],
      sentiment: null,
      resolution: null,
      avoidableChoice: null,
      customerWords: '',
      orderId: 'o-1',
      callbackAt: null,
      showErrors: false,
    });
  });

  it('does not preselect a prediction the agent could not pick', () => {
    expect(fresh(null).reasonCodes).toEqual([]);
    expect(fresh('delivery').reasonCodes).toEqual([]); // a group
    expect(fresh('gone.code').reasonCodes).toEqual([]);
    const inactive = taxonomy.map((n) =>
      n.code === 'delivery.late' ? { ...n, active: false } : n,
    );
    expect(
      initialWrapUpState({ taxonomy: inactive, predictedReason: 'delivery.late', orderId: null })
        .reasonCodes,
    ).toEqual([]);
  });
});

describe('reasons', () => {
  it('toggles reasons on and off; the first is primary and can be changed', () => {
    let state = run(fresh(), { type: 'toggleReason', code: 'delivery.wismo' });
    expect(state.reasonCodes).toEqual(['delivery.late', 'delivery.wismo']);
    state = run(state, { type: 'makePrimary', code: 'delivery.wismo' });
    expect(state.reasonCodes).toEqual(['delivery.wismo', 'delivery.late']);
    state = run(state, { type: 'toggleReason', code: 'delivery.wismo' });
    expect(state.reasonCodes).toEqual(['delivery.late']);
    state = run(state, { type: 'removeReason', code: 'delivery.late' });
    expect(state.reasonCodes).toEqual([]);
    expect(run(state, { type: 'makePrimary', code: 'other' })).toBe(state);
  });

  it('a number key makes a reason primary: added at the front, or moved there', () => {
    let state = run(fresh(), { type: 'pickPrimary', code: 'delivery.wismo' });
    expect(state.reasonCodes).toEqual(['delivery.wismo', 'delivery.late']);
    state = run(state, { type: 'pickPrimary', code: 'delivery.late' });
    expect(state.reasonCodes).toEqual(['delivery.late', 'delivery.wismo']);
    state = run(state, { type: 'pickPrimary', code: 'delivery.late' });
    expect(state.reasonCodes).toEqual(['delivery.late', 'delivery.wismo']);
  });

  it('takes at most five reasons', () => {
    const five = run(
      fresh(),
      ...['delivery.wismo', 'delivery.change', 'order.cancel', 'other'].map(
        (code): WrapUpAction => ({ type: 'toggleReason', code }),
      ),
    );
    expect(five.reasonCodes).toHaveLength(5);
    expect(run(five, { type: 'toggleReason', code: 'billing.payment' })).toBe(five);
    expect(run(five, { type: 'pickPrimary', code: 'billing.payment' })).toBe(five);
    // Reordering a full list is still allowed.
    expect(run(five, { type: 'pickPrimary', code: 'other' }).reasonCodes[0]).toBe('other');
  });
});

describe('avoidable', () => {
  it('follows the primary reason’s taxonomy default until the agent answers', () => {
    let state = fresh();
    expect(effectiveAvoidable(state, taxonomy)).toBe(true); // late delivery
    state = run(state, { type: 'toggleReason', code: 'order.cancel' });
    expect(effectiveAvoidable(state, taxonomy)).toBe(true); // still primary: late delivery
    state = run(state, { type: 'makePrimary', code: 'order.cancel' });
    expect(effectiveAvoidable(state, taxonomy)).toBe(false);
    state = run(state, { type: 'setAvoidable', value: true });
    expect(effectiveAvoidable(state, taxonomy)).toBe(true);
    state = run(state, { type: 'makePrimary', code: 'delivery.late' });
    state = run(state, { type: 'setAvoidable', value: false });
    expect(effectiveAvoidable(state, taxonomy)).toBe(false); // the agent's answer sticks
    expect(effectiveAvoidable(fresh(null), taxonomy)).toBe(false);
  });
});

describe('saving', () => {
  it('refuses an incomplete form with the errors of each field, first field first', () => {
    const built = toWrapUpInput(fresh(null), context);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(Object.keys(errorsByField(built.errors))).toEqual([
      'reasonCodes',
      'sentiment',
      'resolution',
    ]);
    expect(firstInvalidField(built.errors)).toBe('reasonCodes');
    const onlyResolution = run(fresh(), { type: 'setSentiment', value: 'neutral' });
    const second = toWrapUpInput(onlyResolution, context);
    expect(second.ok ? null : firstInvalidField(second.errors)).toBe('resolution');
    expect(firstInvalidField([])).toBeNull();
    expect(run(fresh(), { type: 'attemptSave' }).showErrors).toBe(true);
  });

  it('builds the contract’s input: chosen reasons and the prediction both recorded', () => {
    const state = run(
      fresh(),
      { type: 'toggleReason', code: 'returns.refund' },
      { type: 'makePrimary', code: 'returns.refund' },
      { type: 'setSentiment', value: 'negative' },
      { type: 'setResolution', value: 'callback' },
      { type: 'setCallback', at: '2026-12-08T05:00:00.000Z' },
      { type: 'setWords', value: 'カード 4111 1111 1111 1111 で払った' },
      { type: 'setOrder', orderId: null },
    );
    const built = toWrapUpInput(state, context);
    expect(built).toEqual({
      ok: true,
      input: {
        callId: 'call-1',
        customerId: 'c-1',
        orderId: null,
        reasonCodes: ['returns.refund', 'delivery.late'],
        predictedReason: 'delivery.late',
        sentiment: 'negative',
        resolution: 'callback',
        avoidable: true,
        // As typed: main redacts definitively.
        customerWords: 'カード 4111 1111 1111 1111 で払った',
        scriptId: 'late-delivery',
        scriptVersion: 3,
        callbackAt: '2026-12-08T05:00:00.000Z',
        harassment: null,
      },
    });
    if (built.ok) expect(wrapUpInput.safeParse(built.input).success).toBe(true);
  });

  it('a saved record comes back into the form with every answer the agent’s own', () => {
    const record = {
      reasonCodes: ['order.cancel', 'other'],
      sentiment: 'positive',
      resolution: 'resolved',
      avoidable: true,
      customerWords: 'キャンセルしたい',
      orderId: 'o-9',
    } as VocRecord;
    const state = stateFromRecord(record);
    expect(state).toEqual({
      reasonCodes: ['order.cancel', 'other'],
      sentiment: 'positive',
      resolution: 'resolved',
      avoidableChoice: true,
      customerWords: 'キャンセルしたい',
      orderId: 'o-9',
      callbackAt: null,
      showErrors: false,
    });
    expect(run(fresh(), { type: 'load', state })).toBe(state);
  });
});

describe('keys', () => {
  const key = (
    code: string,
    mods: Partial<Record<'alt' | 'ctrl' | 'meta' | 'shift', boolean>> = {},
    k = '',
  ) => ({
    code,
    key: k,
    altKey: mods.alt ?? false,
    ctrlKey: mods.ctrl ?? false,
    metaKey: mods.meta ?? false,
    shiftKey: mods.shift ?? false,
  });

  it('Alt+1–3 sentiment, Alt+4–6 resolution, Alt+7 avoidable, Alt+8/9/0 focus', () => {
    expect(wrapUpShortcut(key('Digit1', { alt: true }))).toEqual({
      kind: 'sentiment',
      value: 'positive',
    });
    expect(wrapUpShortcut(key('Digit3', { alt: true }, '£'))).toEqual({
      kind: 'sentiment',
      value: 'negative',
    });
    expect(wrapUpShortcut(key('Numpad2', { alt: true }))).toEqual({
      kind: 'sentiment',
      value: 'neutral',
    });
    expect(wrapUpShortcut(key('Digit4', { alt: true }))).toEqual({
      kind: 'resolution',
      value: 'resolved',
    });
    expect(wrapUpShortcut(key('Digit6', { alt: true }))).toEqual({
      kind: 'resolution',
      value: 'callback',
    });
    expect(wrapUpShortcut(key('Digit7', { alt: true }))).toEqual({ kind: 'toggleAvoidable' });
    expect(wrapUpShortcut(key('Digit8', { alt: true }))).toEqual({ kind: 'focus', field: 'words' });
    expect(wrapUpShortcut(key('Digit9', { alt: true }))).toEqual({ kind: 'focus', field: 'order' });
    expect(wrapUpShortcut(key('Digit0', { alt: true }))).toEqual({
      kind: 'focus',
      field: 'reasons',
    });
  });

  it('Ctrl/⌘+Enter saves; plain digits, Alt+letters and other chords are not the form’s', () => {
    expect(wrapUpShortcut(key('Enter', { ctrl: true }, 'Enter'))).toEqual({ kind: 'save' });
    expect(wrapUpShortcut(key('Enter', { meta: true }, 'Enter'))).toEqual({ kind: 'save' });
    expect(wrapUpShortcut(key('Enter', {}, 'Enter'))).toBeNull();
    expect(wrapUpShortcut(key('Digit1', {}, '1'))).toBeNull();
    expect(wrapUpShortcut(key('KeyA', { alt: true }, 'a'))).toBeNull();
    expect(wrapUpShortcut(key('Digit1', { alt: true, shift: true }))).toBeNull();
    expect(wrapUpShortcut(key('Digit1', { alt: true, ctrl: true }))).toBeNull();
  });
});

describe('formatElapsed', () => {
  it('shows mm:ss, and h:mm:ss past an hour', () => {
    expect(formatElapsed(0)).toBe('00:00');
    expect(formatElapsed(59_999)).toBe('00:59');
    expect(formatElapsed(61_000)).toBe('01:01');
    expect(formatElapsed(3_599_000)).toBe('59:59');
    expect(formatElapsed(3_661_000)).toBe('1:01:01');
    expect(formatElapsed(-5_000)).toBe('00:00');
  });
});

describe('a callback', () => {
  const now = Date.parse('2026-12-06T10:00:00+09:00');
  const callback = (at: string | null) =>
    run(
      fresh(),
      { type: 'setSentiment', value: 'neutral' },
      { type: 'setResolution', value: 'callback' },
      { type: 'setCallback', at },
    );

  it('is refused without its time, and the time is the field the agent lands on', () => {
    const built = toWrapUpInput(callback(null), context, now);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors).toEqual([{ field: 'callbackAt', code: 'required' }]);
    expect(firstInvalidField(built.errors)).toBe('callbackAt');
    const past = toWrapUpInput(callback('2026-12-06T09:00:00+09:00'), context, now);
    expect(past.ok || past.errors).toEqual([{ field: 'callbackAt', code: 'past' }]);
  });

  it('goes with the record, and only for a callback', () => {
    const at = '2026-12-08T05:00:00.000Z';
    const built = toWrapUpInput(callback(at), context, now);
    if (!built.ok) throw new Error('expected a valid form');
    expect(built.input.callbackAt).toBe(at);
    expect(wrapUpInput.parse(built.input).callbackAt).toBe(at);
    // Changed to resolved afterwards: the time chosen before is not recorded.
    const resolved = run(callback(at), { type: 'setResolution', value: 'resolved' });
    const again = toWrapUpInput(resolved, context, now);
    if (!again.ok) throw new Error('expected a valid form');
    expect(again.input).not.toHaveProperty('callbackAt');
  });

  it('comes back from a saved record, and the actions done go with the record', () => {
    const at = '2026-12-08T05:00:00.000Z';
    const built = toWrapUpInput(callback(at), {
      ...context,
      nextBestActionsDone: ['delay_coupon'],
    });
    if (!built.ok) throw new Error('expected a valid form');
    expect(built.input.nextBestActionsDone).toEqual(['delay_coupon']);
    const none = toWrapUpInput(callback(at), { ...context, nextBestActionsDone: [] });
    if (!none.ok) throw new Error('expected a valid form');
    expect(none.input).not.toHaveProperty('nextBestActionsDone');
    const record = {
      reasonCodes: ['other'],
      sentiment: 'neutral',
      resolution: 'callback',
      avoidable: false,
      customerWords: '',
      orderId: null,
    } as unknown as VocRecord;
    expect(stateFromRecord({ ...record, callbackAt: at }).callbackAt).toBe(at);
    expect(stateFromRecord(record).callbackAt).toBeNull();
  });
});
