import { describe, expect, it } from 'vitest';
import { reasonTaxonomy } from '../../../../src/shared/demo/taxonomy';
import {
  avoidableDefault,
  describeWrapUpError,
  validateWrapUp,
  type WrapUpForm,
} from '../../../../src/shared/guidance';

const taxonomy = reasonTaxonomy();
const valid: WrapUpForm = {
  reasonCodes: ['delivery.late'],
  sentiment: 'negative',
  resolution: 'resolved',
  avoidable: true,
  customerWords: '届かない',
};

describe('validateWrapUp', () => {
  it('accepts a complete form', () => {
    expect(validateWrapUp(valid, taxonomy)).toEqual([]);
    expect(validateWrapUp({ ...valid, reasonCodes: ['other'] }, taxonomy)).toEqual([]);
  });

  it('requires a reason, a sentiment and a resolution', () => {
    expect(
      validateWrapUp({ ...valid, reasonCodes: [], sentiment: null, resolution: null }, taxonomy),
    ).toEqual([
      { field: 'reasonCodes', code: 'required' },
      { field: 'sentiment', code: 'required' },
      { field: 'resolution', code: 'required' },
    ]);
  });

  it('reasons must be active leaves of the taxonomy, without duplicates, at most 5', () => {
    const inactive = taxonomy.map((n) =>
      n.code === 'delivery.change' ? { ...n, active: false } : n,
    );
    expect(
      validateWrapUp(
        {
          ...valid,
          reasonCodes: [
            'delivery',
            'nope.nope',
            'delivery.change',
            'delivery.late',
            'delivery.late',
          ],
        },
        inactive,
      ),
    ).toEqual([
      { field: 'reasonCodes', code: 'not_leaf', reasonCode: 'delivery' },
      { field: 'reasonCodes', code: 'unknown_reason', reasonCode: 'nope.nope' },
      { field: 'reasonCodes', code: 'inactive_reason', reasonCode: 'delivery.change' },
      { field: 'reasonCodes', code: 'duplicate', reasonCode: 'delivery.late' },
    ]);
    const six = [
      'delivery.late',
      'delivery.wismo',
      'delivery.change',
      'delivery.damaged',
      'order.cancel',
      'other',
    ];
    expect(validateWrapUp({ ...valid, reasonCodes: six }, taxonomy)).toEqual([
      { field: 'reasonCodes', code: 'too_many', max: 5 },
    ]);
  });

  it('a parent whose children are all inactive becomes a leaf', () => {
    const onlyParent = taxonomy.map((n) =>
      n.parentCode === 'conduct' ? { ...n, active: false } : n,
    );
    expect(validateWrapUp({ ...valid, reasonCodes: ['conduct'] }, onlyParent)).toEqual([]);
  });

  it('customer words at most 4000 characters', () => {
    expect(validateWrapUp({ ...valid, customerWords: 'あ'.repeat(4000) }, taxonomy)).toEqual([]);
    expect(validateWrapUp({ ...valid, customerWords: 'あ'.repeat(4001) }, taxonomy)).toEqual([
      { field: 'customerWords', code: 'too_long', max: 4000, length: 4001 },
    ]);
  });

  it('counts customer words as stored: a security code grows into its longer mark', () => {
    // 'CVVは123、' (8 characters) is stored as 'CVVは[REDACTED_CVV]、' (19).
    const words = 'CVVは123、'.repeat(500); // 4,000 typed, 9,500 once redacted
    expect(words).toHaveLength(4000);
    expect(validateWrapUp({ ...valid, customerWords: words }, taxonomy)).toEqual([
      { field: 'customerWords', code: 'too_long', max: 4000, length: 9500 },
    ]);
  });

  it('every error has words in both languages', () => {
    const errors = validateWrapUp(
      {
        reasonCodes: ['delivery', 'x', 'x'],
        sentiment: null,
        resolution: null,
        avoidable: null,
        customerWords: 'a'.repeat(4001),
      },
      taxonomy,
    );
    for (const e of errors) {
      expect(describeWrapUpError(e, 'ja')).not.toMatch(/undefined/);
      expect(describeWrapUpError(e, 'en')).not.toMatch(/undefined/);
    }
  });
});

describe('avoidableDefault', () => {
  it('comes from the taxonomy node; unknown codes are not avoidable', () => {
    expect(avoidableDefault('delivery.late', taxonomy)).toBe(true);
    expect(avoidableDefault('order.cancel', taxonomy)).toBe(false);
    expect(avoidableDefault('no.such', taxonomy)).toBe(false);
  });
});

describe('validateWrapUp: a callback needs its date and time', () => {
  const now = Date.parse('2026-12-06T10:00:00+09:00');
  const callback = { ...valid, resolution: 'callback' as const };

  it('requires the time when the resolution is callback, and only then', () => {
    expect(validateWrapUp({ ...callback, callbackAt: null }, taxonomy, { now })).toEqual([
      { field: 'callbackAt', code: 'required' },
    ]);
    expect(validateWrapUp(callback, taxonomy)).toEqual([{ field: 'callbackAt', code: 'required' }]);
    expect(validateWrapUp({ ...valid, callbackAt: null }, taxonomy, { now })).toEqual([]);
  });

  it('takes a time later than now and within 30 days', () => {
    const at = (iso: string) => validateWrapUp({ ...callback, callbackAt: iso }, taxonomy, { now });
    expect(at('2026-12-06T10:01:00+09:00')).toEqual([]);
    expect(at('2027-01-05T10:00:00+09:00')).toEqual([]);
    expect(at('2026-12-06T10:00:00+09:00')).toEqual([{ field: 'callbackAt', code: 'past' }]);
    expect(at('2026-12-05T18:00:00+09:00')).toEqual([{ field: 'callbackAt', code: 'past' }]);
    expect(at('2027-01-05T10:01:00+09:00')).toEqual([
      { field: 'callbackAt', code: 'too_far', maxDays: 30 },
    ]);
    expect(at('tomorrow')).toEqual([{ field: 'callbackAt', code: 'invalid' }]);
  });

  it('without a clock, checks presence only (a correction keeps a callback whose time passed)', () => {
    expect(validateWrapUp({ ...callback, callbackAt: '2020-01-01T00:00:00Z' }, taxonomy)).toEqual(
      [],
    );
  });

  it('says each error in both languages', () => {
    const errors = [
      { field: 'callbackAt', code: 'required' },
      { field: 'callbackAt', code: 'invalid' },
      { field: 'callbackAt', code: 'past' },
      { field: 'callbackAt', code: 'too_far', maxDays: 30 },
    ] as const;
    for (const error of errors) {
      const ja = describeWrapUpError(error, 'ja');
      const en = describeWrapUpError(error, 'en');
      expect(ja).toMatch(/折り返し/);
      expect(en).toMatch(/callback/i);
    }
    expect(describeWrapUpError(errors[3], 'en')).toContain('30 days');
  });
});
