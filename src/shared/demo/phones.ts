import { WeightedTable, scatter, type Random } from './random';

/**
 * Phone numbers as retailers' order systems actually hold them: whatever the customer typed at
 * checkout, in a dozen shapes, sometimes in full-width digits. The ingest normalizes them to
 * E.164; the generator keeps the E.164 it meant so tests can check the round trip.
 */
export interface GeneratedPhone {
  /** As written in the retailer's record. */
  number: string;
  /** What `toE164(number)` must return. */
  e164: string;
  kind: 'mobile' | 'home' | 'work';
}

type Style = (parts: readonly string[], trunk: string) => string;

/** Full-width digits and hyphens (全角), as typed on a Japanese IME. */
export function toFullWidth(text: string): string {
  return text.replace(/[0-9-]/g, (c) =>
    c === '-' ? '－' : String.fromCharCode(c.charCodeAt(0) + 0xfee0),
  );
}

// `parts` are the national number's groups without the trunk 0, e.g. ['90', '1234', '5678'].
const JAPANESE_STYLES = new WeightedTable<Style>([
  [(p, t) => `${t}${p[0]}-${p[1]}-${p[2]}`, 40],
  [(p, t) => `${t}${p.join('')}`, 18],
  [(p, t) => `${t}${p[0]} ${p[1]} ${p[2]}`, 4],
  [(p, t) => `${t}${p[0]}(${p[1]})${p[2]}`, 3],
  [(p, t) => `(${t}${p[0]}) ${p[1]}-${p[2]}`, 4],
  [(p) => `+81 ${p[0]}-${p[1]}-${p[2]}`, 8],
  [(p) => `+81${p.join('')}`, 6],
  [(p) => `81-${p[0]}-${p[1]}-${p[2]}`, 3],
  [(p) => `81${p.join('')}`, 2],
  [(p, t) => toFullWidth(`${t}${p[0]}-${p[1]}-${p[2]}`), 6],
  [(p, t) => toFullWidth(`${t}${p.join('')}`), 3],
]);

/** Formats Japanese national-number groups (no trunk 0) in a random retailer style. */
export function writeJapaneseNumber(random: Random, groups: readonly string[]): string {
  return JAPANESE_STYLES.pick(random)(groups, '0');
}

const MOBILE_PREFIXES = new WeightedTable([
  ['90', 45],
  ['80', 40],
  ['70', 15],
] as const);

// 9e7 subscriber numbers 1000-0000…9999-9999; the multiplier has no factor 2, 3 or 5, so it is
// coprime with 9e7 and the mapping is a bijection.
const SUBSCRIBER_SPACE = 90_000_000;

/**
 * A mobile number unique to `index`: the subscriber part is a bijection of the index, so two
 * generated customers never share a mobile (shared numbers are a featured-customer case).
 */
export function mobileNumber(
  random: Random,
  index: number,
  reserved: ReadonlySet<string>,
): GeneratedPhone {
  const subscriber = String(
    10_000_000 + scatter(index, SUBSCRIBER_SPACE, 2_654_435_761, 7_654_321),
  );
  let prefix: string = MOBILE_PREFIXES.pick(random);
  let e164 = `+81${prefix}${subscriber}`;
  if (reserved.has(e164)) {
    prefix = prefix === '90' ? '80' : '90';
    e164 = `+81${prefix}${subscriber}`;
  }
  const groups = [prefix, subscriber.slice(0, 4), subscriber.slice(4)];
  return { number: writeJapaneseNumber(random, groups), e164, kind: 'mobile' };
}

/** A landline in the capital's area code: 03-1234-5678, 045-123-4567, 0776-12-3456. */
export function landlineNumber(
  random: Random,
  areaCode: string,
  kind: 'home' | 'work',
  reserved: ReadonlySet<string>,
): GeneratedPhone {
  // Japanese national significant numbers are 9 digits; a local number never starts with 0/1.
  const localLength = 9 - areaCode.length;
  for (;;) {
    const local = String(random.int(2, 9)) + random.digits(localLength - 1);
    const e164 = `+81${areaCode}${local}`;
    if (reserved.has(e164)) continue;
    const split = localLength - 4;
    const groups = [areaCode, local.slice(0, split), local.slice(split)];
    return { number: writeJapaneseNumber(random, groups), e164, kind };
  }
}

const US_AREA_CODES = ['415', '212', '646', '310', '206', '617', '312', '512', '503', '808'];

/** A US mobile for English-speaking customers who kept their home number. */
export function usNumber(random: Random, reserved: ReadonlySet<string>): GeneratedPhone {
  for (;;) {
    const area = random.pick(US_AREA_CODES);
    const exchange = String(random.int(2, 9)) + random.digits(2);
    const line = random.digits(4);
    const e164 = `+1${area}${exchange}${line}`;
    if (reserved.has(e164) || exchange === '555') continue;
    const style = random.int(0, 2);
    const number =
      style === 0
        ? `+1 ${area}-${exchange}-${line}`
        : style === 1
          ? `+1 (${area}) ${exchange}-${line}`
          : e164;
    return { number, e164, kind: 'mobile' };
  }
}
