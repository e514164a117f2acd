import type { PersonName } from './names';
import { WeightedTable, type Random } from './random';

/**
 * E-mail addresses built the way people build them: romaji of the name, initials, a birth
 * year or a date, on the providers Japanese customers use (carrier mail included).
 */
const JA_DOMAINS = new WeightedTable([
  ['gmail.com', 30],
  ['yahoo.co.jp', 22],
  ['icloud.com', 12],
  ['docomo.ne.jp', 10],
  ['ezweb.ne.jp', 5],
  ['softbank.ne.jp', 5],
  ['au.com', 3],
  ['outlook.jp', 4],
  ['hotmail.co.jp', 4],
  ['nifty.com', 2],
  ['biglobe.ne.jp', 2],
  ['ybb.ne.jp', 1],
] as const);

const EN_DOMAINS = new WeightedTable([
  ['gmail.com', 45],
  ['outlook.com', 15],
  ['icloud.com', 15],
  ['yahoo.com', 12],
  ['hotmail.com', 8],
  ['proton.me', 5],
] as const);

type Pattern = (given: string, family: string, random: Random) => string;

const PATTERNS = new WeightedTable<Pattern>([
  [(g, f) => `${g}.${f}`, 14],
  [(g, f) => `${f}.${g}`, 10],
  [(g, f, r) => `${g}.${f}${r.int(1, 99)}`, 14],
  [(g, f, r) => `${f}_${g}${r.int(1955, 2006)}`, 12],
  [(g, f, r) => `${g[0]}${f}${String(r.int(0, 999)).padStart(3, '0')}`, 12],
  [
    (g, _f, r) =>
      `${g}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}`,
    10,
  ],
  [(g, f, r) => `${f}-${g}.${r.int(10, 99)}`, 8],
  [(g, f, r) => `${g}_${f[0]}${r.int(100, 9999)}`, 10],
]);

export function emailAddress(
  random: Random,
  given: PersonName,
  family: PersonName,
  english: boolean,
  reserved: ReadonlySet<string>,
): string {
  for (;;) {
    const local = PATTERNS.pick(random)(given.romaji, family.romaji, random);
    const email = `${local}@${(english ? EN_DOMAINS : JA_DOMAINS).pick(random)}`;
    if (!reserved.has(email)) return email;
  }
}
