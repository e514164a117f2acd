import type { CustomerFlag, Language } from '../domain';
import { addressLine, postalCode } from './addresses';
import { emailAddress } from './emails';
import {
  EN_FAMILY_NAMES,
  EN_GIVEN_NAMES,
  JA_FAMILY_NAMES,
  JA_GIVEN_NAMES,
  type PersonName,
} from './names';
import { landlineNumber, mobileNumber, usNumber, type GeneratedPhone } from './phones';
import { PREFECTURES, prefectureNamed, type Prefecture } from './prefectures';
import { WeightedTable, type Random } from './random';

/** Who a generated customer is, before any order: name, where they live, how to reach them. */
export interface CustomerProfile {
  language: Language;
  family: PersonName;
  given: PersonName;
  prefecture: Prefecture;
  postalCode: string;
  addressLine: string;
  phones: GeneratedPhone[];
  emails: string[];
  flags: CustomerFlag[];
}

/** Numbers and addresses the featured customers own, which no generated customer may reuse. */
export interface Reserved {
  phones: ReadonlySet<string>;
  emails: ReadonlySet<string>;
}

/** Share of English-speaking customers (expats, visitors with a Japanese address). */
export const ENGLISH_SHARE = 0.08;

const JA_FAMILY = new WeightedTable(JA_FAMILY_NAMES);
const JA_GIVEN = new WeightedTable(JA_GIVEN_NAMES);
const EN_FAMILY = new WeightedTable(EN_FAMILY_NAMES);
const EN_GIVEN = new WeightedTable(EN_GIVEN_NAMES);

const BY_POPULATION = new WeightedTable(PREFECTURES.map((p) => [p, p.population] as const));

// English speakers cluster in the big cities, near bases, and in ski and beach towns.
const EN_PREFECTURES = new WeightedTable(
  (
    [
      ['東京都', 40],
      ['神奈川県', 15],
      ['大阪府', 9],
      ['沖縄県', 8],
      ['京都府', 5],
      ['兵庫県', 4],
      ['福岡県', 4],
      ['愛知県', 4],
      ['千葉県', 4],
      ['埼玉県', 3],
      ['北海道', 3],
      ['長野県', 1],
    ] as const
  ).map(([name, weight]) => [prefectureNamed(name), weight] as const),
);

// Rare by design: an agent should meet them, not see them on every card.
const FLAG_RATES: readonly (readonly [CustomerFlag, number])[] = [
  ['harassment_history', 0.006],
  ['claim_risk', 0.015],
  ['return_abuse_risk', 0.012],
  ['address_changed_recently', 0.02],
  ['hearing_support', 0.005],
];

export function generateProfile(
  random: Random,
  index: number,
  reserved: Reserved,
): CustomerProfile {
  const english = random.chance(ENGLISH_SHARE);
  const family = (english ? EN_FAMILY : JA_FAMILY).pick(random);
  const given = (english ? EN_GIVEN : JA_GIVEN).pick(random);
  const prefecture = (english ? EN_PREFECTURES : BY_POPULATION).pick(random);

  const phones: GeneratedPhone[] = [];
  if (english) {
    phones.push(
      random.chance(0.45)
        ? usNumber(random, reserved.phones)
        : mobileNumber(random, index, reserved.phones),
    );
  } else if (random.chance(0.05)) {
    // Older customers who only give the house phone.
    phones.push(landlineNumber(random, prefecture.areaCode, 'home', reserved.phones));
  } else {
    phones.push(mobileNumber(random, index, reserved.phones));
    if (random.chance(0.15))
      phones.push(landlineNumber(random, prefecture.areaCode, 'home', reserved.phones));
    else if (random.chance(0.03))
      phones.push(landlineNumber(random, prefecture.areaCode, 'work', reserved.phones));
  }

  const emails: string[] = [];
  const emailCount = random.chance(0.03) ? 0 : random.chance(0.1) ? 2 : 1;
  while (emails.length < emailCount) {
    const email = emailAddress(random, given, family, english, reserved.emails);
    if (!emails.includes(email)) emails.push(email);
  }

  const flags = FLAG_RATES.filter(([, rate]) => random.chance(rate)).map(([flag]) => flag);
  return {
    language: english ? 'en' : 'ja',
    family,
    given,
    prefecture,
    postalCode: postalCode(random, prefecture),
    addressLine: addressLine(random, prefecture),
    phones,
    emails,
    flags,
  };
}
