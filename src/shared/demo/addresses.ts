import type { Prefecture } from './prefectures';
import type { Random } from './random';

/** A postal code inside the prefecture's range, written `NNN-NNNN` as on a Japanese label. */
export function postalCode(random: Random, prefecture: Prefecture): string {
  const [lo, hi] = prefecture.postal;
  return `${String(random.int(lo, hi)).padStart(3, '0')}-${random.digits(4)}`;
}

// Common 町名 found all over Japan, so any municipality can plausibly have them.
// prettier-ignore
const TOWNS = [
  '本町', '中央', '栄町', '緑町', '旭町', '新町', '幸町', '東町', '南町', '西町', '北町', '桜町',
  '若葉', '松原', '青葉台', '泉町', '宮前', '大手町', '錦町', '末広町', '寿町', '日の出町', '朝日町',
  '富士見', '元町', '花園', '神明町', '八幡町', '住吉町', '桜ケ丘',
];

// prettier-ignore
const BUILDINGS = [
  'コーポ桜', 'メゾン・ド・ソレイユ', 'ハイツ青葉', 'グランドメゾン', 'パークハウス', 'サンライズマンション',
  'レジデンス中央', 'ライオンズマンション', 'フォレストヒルズ', 'シャトー緑', 'ヴィラ若葉', 'エステート本町',
];

/** Municipality + 町名 + 丁目-番-号, and an apartment for about half (as in the cities). */
export function addressLine(random: Random, prefecture: Prefecture): string {
  const municipality = random.pick(prefecture.municipalities);
  const block = `${random.pick(TOWNS)}${random.int(1, 5)}丁目${random.int(1, 28)}-${random.int(1, 20)}`;
  if (!random.chance(0.5)) return `${municipality}${block}`;
  const room = `${random.int(1, 12)}0${random.int(1, 8)}`;
  return `${municipality}${block} ${random.pick(BUILDINGS)} ${room}`;
}
