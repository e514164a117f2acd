import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { parsePhone, toE164 } from '../../../src/shared/phone';

/** What libphonenumber alone answers: the reference the shortcut for common numbers must match. */
function byLibphonenumber(input: string) {
  const parsed = parsePhoneNumberFromString(input, 'JP');
  return parsed?.isPossible() ? { e164: parsed.number, national: parsed.nationalNumber } : null;
}

/** Every five-digit prefix of a shape, each with a few tails (libphonenumber decides by prefix). */
function* numbersOfShape(firsts: string[], length: number) {
  let seed = 7;
  const digit = () => (seed = (seed * 48271) % 2147483647) % 10;
  for (const first of firsts)
    for (let rest = 0; rest < 10 ** (5 - first.length); rest++) {
      const prefix = first + String(rest).padStart(5 - first.length, '0');
      for (let tail = 0; tail < 3; tail++) {
        let n = prefix;
        while (n.length < length) n += digit();
        yield n;
      }
    }
}

describe('phone numbers', () => {
  it('normalize every format a person or a phone system writes', () => {
    for (const input of [
      '090-1234-5678',
      '09012345678',
      '090 1234 5678',
      '０９０－１２３４－５６７８',
      '+81 90 1234 5678',
      '+81-90-1234-5678',
      '819012345678',
      ' 090-1234-5678 ',
    ])
      expect(toE164(input), input).toBe('+819012345678');
    expect(toE164('(03) 1234-5678')).toBe('+81312345678');
    expect(toE164('0120-123-456')).toBe('+81120123456');
    expect(toE164('+1 415 555 0100')).toBe('+14155550100');
    for (const input of ['', 'abc', '12', '佐藤花子', '1'.repeat(41)])
      expect(toE164(input)).toBeNull();
  });

  it('the shortcut for landlines and mobiles answers what libphonenumber answers, prefix by prefix', () => {
    const groupings: ((national: string) => string)[] = [
      (n) => `0${n}`,
      (n) => `0${n.slice(0, 2)}-${n.slice(2, 6)}-${n.slice(6)}`,
      (n) => `0${n.slice(0, 2)} ${n.slice(2, 6)} ${n.slice(6)}`,
      (n) => `(0${n.slice(0, 2)}) ${n.slice(2, 6)}-${n.slice(6)}`,
      (n) => `0${n.slice(0, 2)}(${n.slice(2, 6)})${n.slice(6)}`,
      (n) => `+81 ${n.slice(0, 2)}-${n.slice(2, 6)}-${n.slice(6)}`,
      (n) => `+81${n}`,
      (n) => `０${[...n].map((d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).join('')}`,
    ];
    const landlines = numbersOfShape(['02', '03', '04', '05', '06', '07', '08', '09'], 10);
    const mobiles = numbersOfShape(['070', '080', '090'], 11);
    let compared = 0;
    for (const digits of [...landlines, ...mobiles]) {
      const input = groupings[compared % groupings.length]!(digits.slice(1));
      const expected = byLibphonenumber(input.normalize('NFKC'));
      expect(expected, input).not.toBeNull();
      expect(parsePhone(input), input).toEqual(expected);
      compared++;
    }
    expect(compared).toBe((8 * 1000 + 3 * 100) * 3);
  });

  it('numbers outside the shortcut still take the long way and get the same answer', () => {
    // 010 is the international call prefix, 00xx carrier codes, 050 IP phones (11 digits).
    for (const input of ['010-1-415-555-0100', '0120-444-444', '050-1234-5678', '0570-000-123'])
      expect(parsePhone(input), input).toEqual(byLibphonenumber(input));
    expect(parsePhone('010-1-415-555-0100')?.e164).toBe('+14155550100');
  });
});
