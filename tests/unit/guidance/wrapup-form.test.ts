import { describe, expect, it } from 'vitest';
import { reasonTaxonomy } from '../../../src/shared/demo/taxonomy';
import {
  avoidableDefault,
  describeWrapUpError,
  validateWrapUp,
  type WrapUpForm,
} from '../../../src/shared/guidance';

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
