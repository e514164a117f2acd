import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnValid, redactPaymentData } from '../../../../src/shared/guidance';
import { trackingNumber } from '../../../../src/shared/demo/carriers';
import { orderNumber } from '../../../../src/shared/demo/ids';
import { toFullWidth, usNumber, writeJapaneseNumber } from '../../../../src/shared/demo/phones';
import { Random } from '../../../../src/shared/demo/random';
import type { Carrier } from '../../../../src/shared/domain';

/**
 * Property tests: fast-check generates the ways an agent may type what a customer reads out —
 * a card number with any separators, a security code after any of its names — and the numbers
 * that must survive (phones, order and tracking numbers, alone or in lists).
 */

const RUNS = { numRuns: 600, seed: 20261206 };

/** Appends the Luhn check digit to a body of digits. */
function withLuhn(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
}

type Shape = 'block' | '4-4-4-4' | '4-4-4-4-3' | '4-6-5' | '4-6-4' | 'spoken';
const LENGTH: Record<Exclude<Shape, 'block' | 'spoken'>, number> = {
  '4-4-4-4': 16,
  '4-4-4-4-3': 19,
  '4-6-5': 15,
  '4-6-4': 14,
};

const card = fc
  .record({
    shape: fc.constantFrom<Shape>('block', '4-4-4-4', '4-4-4-4-3', '4-6-5', '4-6-4', 'spoken'),
    lead: fc.constantFrom('4', '51', '55', '2221', '34', '37', '35', '36', '6011', '62'),
    blockLength: fc.integer({ min: 13, max: 19 }),
    fill: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 19, maxLength: 19 }),
  })
  .map(({ shape, lead, blockLength, fill }) => {
    const length = shape === 'block' || shape === 'spoken' ? blockLength : LENGTH[shape];
    const body = (lead + fill.join('')).slice(0, length - 1);
    const digits = withLuhn(body);
    const sizes =
      shape === 'block'
        ? [length]
        : shape === 'spoken'
          ? Array.from({ length }, () => 1)
          : shape.split('-').map(Number);
    const groups: string[] = [];
    let at = 0;
    for (const size of sizes) {
      groups.push(digits.slice(at, at + size));
      at += size;
    }
    return { digits, groups };
  });

/** One separator as typed between groups: the character, maybe padded, maybe wrapped. */
const separator = fc.constantFrom(
  ' ',
  '  ',
  '\u3000',
  '-',
  ' - ',
  '－',
  'ー',
  '‐',
  '.',
  '．',
  '/',
  ' / ',
  '／',
  ',',
  ', ',
  '，',
  '、',
  '・',
  '_',
  '＿',
  '\n',
  '\r\n',
  '-\n',
  ')(',
  '] [',
  '）（',
  '」「',
  '】【',
);

const words = fc.constantFrom(
  '',
  'カード番号は',
  'お客さまのカードは ',
  'card number: ',
  'Card ',
  'えーと、',
  '番号（',
  '[',
  'no. ',
);
const after = fc.constantFrom('', 'です', ' です。', '）', ']', ' thanks', '、期限は来年', '\n');

/** Digits only, half-width: what a reader could still get from the text. */
function digitsOf(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\D/g, '');
}

describe('redactPaymentData (generated variants)', () => {
  it('takes out a card number written with any separator, in half- or full-width digits', () => {
    fc.assert(
      fc.property(card, separator, words, after, fc.boolean(), (c, sep, before, tail, wide) => {
        // Brackets wrap every group: "(4111)(1111)…" — the opening and closing ends too.
        const wrap = sep === ')(' ? ['(', ')'] : sep === '）（' ? ['（', '）'] : ['', ''];
        let typed = wrap[0] + c.groups.join(sep) + wrap[1];
        if (wide) typed = toFullWidth(typed);
        const r = redactPaymentData(before + typed + tail);
        expect(r.cardNumbers).toBe(1);
        expect(r.text).toContain('[REDACTED_CARD]');
        // Not even 7 of its digits in a row remain (the first 6 and last 4 are not secret).
        const left = digitsOf(r.text);
        for (let i = 0; i + 7 <= c.digits.length; i++)
          expect(left).not.toContain(c.digits.slice(i, i + 7));
      }),
      RUNS,
    );
  });

  it('takes out a card number typed sloppily, with a different separator between groups', () => {
    fc.assert(
      fc.property(card, fc.array(separator, { minLength: 5, maxLength: 5 }), (c, seps) => {
        if (c.groups.length !== 4 && c.groups.join('-').length !== 17) return;
        const typed = c.groups.map((g, i) => (i === 0 ? g : (seps[i] as string) + g)).join('');
        const r = redactPaymentData(`番号 ${typed} です`);
        expect(r.cardNumbers).toBe(1);
        expect(digitsOf(r.text)).toBe('');
      }),
      RUNS,
    );
  });

  const code = fc
    .tuple(
      fc.integer({ min: 3, max: 4 }),
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 4 }),
    )
    .map(([n, d]) => d.slice(0, n).join(''));
  const codeWord = fc.constantFrom(
    'cvv',
    'CVV',
    'Cvv',
    'CVV2',
    'cvc',
    'CVC',
    'CID',
    'security code',
    'Security Code',
    'セキュリティコード',
    'セキュリティーコード',
    'セキュリティ・コード',
    'ｾｷｭﾘﾃｨｺｰﾄﾞ',
    'カード裏面の3桁',
    '裏の3桁',
    '確認コード',
  );
  const glue = fc.constantFrom('', ':', ': ', '：', ' ', '　', ' is ', 'は', 'は ', ' = ', '＝');

  it('takes out a security code after any of its names: cvv123, CVV:123, セキュリティーコード：１２３', () => {
    fc.assert(
      fc.property(
        codeWord,
        glue,
        code,
        fc.boolean(),
        words,
        after,
        (word, g, digits, wide, b, t) => {
          // "CVV2" glued to "0000" reads as CVV and 20000 even to a person: a space then.
          const joint = g === '' && /\d$/.test(word) ? ' ' : g;
          const typed = word + joint + (wide ? toFullWidth(digits) : digits);
          const r = redactPaymentData(b + typed + t);
          expect(r.securityCodes).toBeGreaterThanOrEqual(1);
          expect(digitsOf(r.text)).not.toContain(digits);
        },
      ),
      RUNS,
    );
  });

  const carriers: Carrier[] = ['yamato', 'sagawa', 'japan_post', 'ups', 'fedex'];
  /** A number a customer or agent mentions that is not payment data. */
  const everyday = fc
    .record({
      kind: fc.constantFrom('jp-mobile', 'jp-landline', 'us', 'order', 'tracking', 'date', 'yen'),
      seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      index: fc.integer({ min: 1, max: 9_999_999 }),
      carrier: fc.constantFrom(...carriers),
    })
    .map(({ kind, seed, index, carrier }) => {
      const random = new Random(seed);
      switch (kind) {
        case 'jp-mobile':
          return writeJapaneseNumber(random, [
            random.pick(['90', '80', '70']),
            random.digits(4),
            random.digits(4),
          ]);
        case 'jp-landline':
          return random.chance(0.5)
            ? writeJapaneseNumber(random, ['3', random.digits(4), random.digits(4)])
            : writeJapaneseNumber(random, [
                random.pick(['45', '6', '52', '776', '466']),
                random.digits(3),
                random.digits(4),
              ]);
        case 'us':
          return usNumber(random, new Set()).number;
        case 'order':
          return orderNumber(
            `${random.int(20, 29)}${String(random.int(1, 12)).padStart(2, '0')}`,
            index,
          );
        case 'tracking':
          return trackingNumber(carrier, index);
        case 'date':
          return `${random.int(2024, 2027)}/${random.int(1, 12)}/${random.int(1, 28)} ${random.int(0, 23)}:${String(random.int(0, 59)).padStart(2, '0')}`;
        case 'yen':
          return `${random.int(1, 999_999).toLocaleString('en-US')}円`;
      }
    });
  const listSeparator = fc.constantFrom('、', ', ', '\n', ' / ', '・', ' と ', ' or ', '。', ' ');

  it('keeps phone, order and tracking numbers, alone or in lists', () => {
    fc.assert(
      fc.property(
        fc.array(everyday, { minLength: 1, maxLength: 4 }),
        listSeparator,
        words,
        after,
        (numbers, sep, before, tail) => {
          const text = before + numbers.join(sep) + tail;
          expect(redactPaymentData(text)).toEqual({ text, cardNumbers: 0, securityCodes: 0 });
        },
      ),
      { ...RUNS, numRuns: 2000 },
    );
  });
});
