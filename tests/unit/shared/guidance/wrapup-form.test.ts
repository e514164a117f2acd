import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { reasonTaxonomy } from '../../../../src/shared/demo/taxonomy';
import {
  avoidableDefault,
  describeWrapUpError,
  storedWordsLength,
  validateWrapUp,
  wrapUpErrorMessage,
  type WrapUpError,
  type WrapUpForm,
} from '../../../../src/shared/guidance';
import { catalogs } from '../../../../src/shared/i18n';

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
    // The form's counter shows the same stored length.
    expect(storedWordsLength(words)).toBe(9500);
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

describe('the customer’s words too long', () => {
  it('says both numbers in the language’s own way', () => {
    // A security code's mark is longer than the code: 3,998 characters typed are 4,009 stored.
    const words = `CVV 123 ${'あ'.repeat(3990)}`;
    const [error] = validateWrapUp({ ...valid, customerWords: words }, taxonomy);
    expect(describeWrapUpError(error!, 'en')).toBe(
      'Customer’s words: at most 4,000 characters (4,009 as stored, card data masked).',
    );
    expect(describeWrapUpError(error!, 'ja')).toBe(
      'お客さまの言葉は4,000文字までです（カード情報を伏せて保存すると4,009文字）。',
    );
  });
});

describe('form errors come from the catalogs', () => {
  const every: WrapUpError[] = [
    { field: 'reasonCodes', code: 'required' },
    { field: 'sentiment', code: 'required' },
    { field: 'resolution', code: 'required' },
    { field: 'callbackAt', code: 'required' },
    { field: 'callbackAt', code: 'invalid' },
    { field: 'callbackAt', code: 'past' },
    { field: 'callbackAt', code: 'too_far', maxDays: 30 },
    { field: 'callbackAt', code: 'too_far', maxDays: 1 },
    { field: 'reasonCodes', code: 'too_many', max: 5 },
    { field: 'reasonCodes', code: 'too_many', max: 1 },
    { field: 'reasonCodes', code: 'unknown_reason', reasonCode: 'x.y' },
    { field: 'reasonCodes', code: 'inactive_reason', reasonCode: 'x.y' },
    { field: 'reasonCodes', code: 'not_leaf', reasonCode: 'delivery' },
    { field: 'reasonCodes', code: 'duplicate', reasonCode: 'x.y' },
    { field: 'customerWords', code: 'too_long', max: 4000, length: 4009 },
  ];

  it('say in main exactly what i18next says in the form, in both languages', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      lng: 'ja',
      resources: { ja: { translation: catalogs.ja }, en: { translation: catalogs.en } },
      interpolation: { escapeValue: false },
    });
    const t = i18n.t as unknown as (key: string, options: object) => string;
    for (const lng of ['ja', 'en'] as const) {
      for (const error of every) {
        const { key, values } = wrapUpErrorMessage(error, lng);
        const said = t(`wrapUp.errors.${key}`, { ...values, lng });
        expect(said, `${lng} ${error.code}`).not.toMatch(/wrapUp\.errors|{{|undefined/);
        expect(describeWrapUpError(error, lng), `${lng} ${error.code}`).toBe(said);
      }
    }
  });

  it('count in English: one day, 30 days; one reason, 5 reasons', () => {
    const say = (error: WrapUpError) => describeWrapUpError(error, 'en');
    expect(say({ field: 'callbackAt', code: 'too_far', maxDays: 1 })).toBe(
      'The callback must be within 1 day.',
    );
    expect(say({ field: 'callbackAt', code: 'too_far', maxDays: 30 })).toBe(
      'The callback must be within 30 days.',
    );
    expect(say({ field: 'reasonCodes', code: 'too_many', max: 1 })).toBe('At most 1 reason.');
    expect(say({ field: 'reasonCodes', code: 'too_many', max: 5 })).toBe('At most 5 reasons.');
  });
});
