import type { DeliveryRegion } from '../domain/region-closure';

/**
 * The 47 prefectures with what the generator needs: population (10,000s, 2020 census, for
 * weighting where customers live), the capital's coordinates (for shipping distance), the
 * region (for transit rules), the capital's landline area code and the postal-code range.
 */
export type Region = DeliveryRegion;

export interface Prefecture {
  name: string;
  nameEn: string;
  city: string;
  cityEn: string;
  population: number;
  lat: number;
  lon: number;
  region: Region;
  /** The capital's area code without the trunk 0 ("3" for Tokyo, "45" for Yokohama). */
  areaCode: string;
  /** First three digits of its postal codes, inclusive range. */
  postal: readonly [number, number];
  municipalities: readonly string[];
}

type Row = [
  string,
  string,
  string,
  string,
  number,
  number,
  number,
  Region,
  string,
  number,
  number,
  string,
];

// prettier-ignore
const ROWS: readonly Row[] = [
  ['北海道', 'Hokkaido', '札幌', 'Sapporo', 522, 43.06, 141.35, 'hokkaido', '11', 40, 99, '札幌市中央区,札幌市北区,旭川市,函館市,釧路市'],
  ['青森県', 'Aomori', '青森', 'Aomori', 124, 40.82, 140.74, 'tohoku', '17', 30, 39, '青森市,八戸市,弘前市'],
  ['岩手県', 'Iwate', '盛岡', 'Morioka', 121, 39.7, 141.15, 'tohoku', '19', 20, 29, '盛岡市,一関市,奥州市'],
  ['宮城県', 'Miyagi', '仙台', 'Sendai', 230, 38.27, 140.87, 'tohoku', '22', 980, 989, '仙台市青葉区,仙台市泉区,石巻市,名取市'],
  ['秋田県', 'Akita', '秋田', 'Akita', 96, 39.72, 140.1, 'tohoku', '18', 10, 19, '秋田市,横手市,大仙市'],
  ['山形県', 'Yamagata', '山形', 'Yamagata', 107, 38.24, 140.36, 'tohoku', '23', 990, 999, '山形市,鶴岡市,米沢市'],
  ['福島県', 'Fukushima', '福島', 'Fukushima', 183, 37.75, 140.47, 'tohoku', '24', 960, 979, '福島市,郡山市,いわき市'],
  ['茨城県', 'Ibaraki', '水戸', 'Mito', 287, 36.34, 140.45, 'kanto', '29', 300, 319, '水戸市,つくば市,日立市,土浦市'],
  ['栃木県', 'Tochigi', '宇都宮', 'Utsunomiya', 193, 36.57, 139.88, 'kanto', '28', 320, 329, '宇都宮市,小山市,栃木市'],
  ['群馬県', 'Gunma', '前橋', 'Maebashi', 194, 36.39, 139.06, 'kanto', '27', 370, 379, '前橋市,高崎市,太田市'],
  ['埼玉県', 'Saitama', 'さいたま', 'Saitama', 734, 35.86, 139.65, 'kanto', '48', 330, 369, 'さいたま市浦和区,さいたま市大宮区,川口市,川越市,所沢市,越谷市'],
  ['千葉県', 'Chiba', '千葉', 'Chiba', 628, 35.61, 140.12, 'kanto', '43', 260, 299, '千葉市中央区,船橋市,市川市,松戸市,柏市,浦安市'],
  ['東京都', 'Tokyo', '東京', 'Tokyo', 1405, 35.69, 139.69, 'kanto', '3', 100, 208, '世田谷区,練馬区,大田区,江戸川区,足立区,杉並区,渋谷区,新宿区,江東区,港区,八王子市,町田市'],
  ['神奈川県', 'Kanagawa', '横浜', 'Yokohama', 924, 35.45, 139.64, 'kanto', '45', 210, 259, '横浜市港北区,横浜市青葉区,川崎市中原区,相模原市中央区,藤沢市,横須賀市'],
  ['新潟県', 'Niigata', '新潟', 'Niigata', 220, 37.9, 139.02, 'chubu', '25', 940, 959, '新潟市中央区,長岡市,上越市'],
  ['富山県', 'Toyama', '富山', 'Toyama', 103, 36.7, 137.21, 'chubu', '76', 930, 939, '富山市,高岡市'],
  ['石川県', 'Ishikawa', '金沢', 'Kanazawa', 113, 36.59, 136.63, 'chubu', '76', 920, 929, '金沢市,白山市,小松市'],
  ['福井県', 'Fukui', '福井', 'Fukui', 77, 36.07, 136.22, 'chubu', '776', 910, 919, '福井市,坂井市'],
  ['山梨県', 'Yamanashi', '甲府', 'Kofu', 81, 35.66, 138.57, 'chubu', '55', 400, 409, '甲府市,甲斐市'],
  ['長野県', 'Nagano', '長野', 'Nagano', 205, 36.65, 138.18, 'chubu', '26', 380, 399, '長野市,松本市,上田市'],
  ['岐阜県', 'Gifu', '岐阜', 'Gifu', 198, 35.39, 136.72, 'chubu', '58', 500, 509, '岐阜市,大垣市,各務原市'],
  ['静岡県', 'Shizuoka', '静岡', 'Shizuoka', 363, 34.98, 138.38, 'chubu', '54', 410, 439, '静岡市葵区,浜松市中央区,富士市,沼津市'],
  ['愛知県', 'Aichi', '名古屋', 'Nagoya', 754, 35.18, 136.91, 'chubu', '52', 440, 499, '名古屋市中区,名古屋市千種区,豊田市,岡崎市,一宮市,豊橋市'],
  ['三重県', 'Mie', '津', 'Tsu', 177, 34.73, 136.51, 'kinki', '59', 510, 519, '津市,四日市市,鈴鹿市'],
  ['滋賀県', 'Shiga', '大津', 'Otsu', 141, 35.0, 135.87, 'kinki', '77', 520, 529, '大津市,草津市,彦根市'],
  ['京都府', 'Kyoto', '京都', 'Kyoto', 258, 35.02, 135.76, 'kinki', '75', 600, 629, '京都市左京区,京都市伏見区,宇治市,亀岡市'],
  ['大阪府', 'Osaka', '大阪', 'Osaka', 884, 34.69, 135.52, 'kinki', '6', 530, 599, '大阪市北区,大阪市天王寺区,堺市堺区,豊中市,吹田市,東大阪市,枚方市'],
  ['兵庫県', 'Hyogo', '神戸', 'Kobe', 547, 34.69, 135.18, 'kinki', '78', 650, 679, '神戸市中央区,神戸市東灘区,姫路市,西宮市,尼崎市,明石市'],
  ['奈良県', 'Nara', '奈良', 'Nara', 133, 34.69, 135.83, 'kinki', '742', 630, 639, '奈良市,橿原市,生駒市'],
  ['和歌山県', 'Wakayama', '和歌山', 'Wakayama', 92, 34.23, 135.17, 'kinki', '73', 640, 649, '和歌山市,田辺市'],
  ['鳥取県', 'Tottori', '鳥取', 'Tottori', 55, 35.5, 134.24, 'chugoku', '857', 680, 689, '鳥取市,米子市'],
  ['島根県', 'Shimane', '松江', 'Matsue', 67, 35.47, 133.05, 'chugoku', '852', 690, 699, '松江市,出雲市'],
  ['岡山県', 'Okayama', '岡山', 'Okayama', 189, 34.66, 133.93, 'chugoku', '86', 700, 719, '岡山市北区,倉敷市,津山市'],
  ['広島県', 'Hiroshima', '広島', 'Hiroshima', 280, 34.4, 132.46, 'chugoku', '82', 720, 739, '広島市中区,広島市安佐南区,福山市,呉市'],
  ['山口県', 'Yamaguchi', '山口', 'Yamaguchi', 134, 34.19, 131.47, 'chugoku', '83', 740, 759, '山口市,下関市,宇部市'],
  ['徳島県', 'Tokushima', '徳島', 'Tokushima', 72, 34.07, 134.56, 'shikoku', '88', 770, 779, '徳島市,阿南市'],
  ['香川県', 'Kagawa', '高松', 'Takamatsu', 95, 34.34, 134.04, 'shikoku', '87', 760, 769, '高松市,丸亀市'],
  ['愛媛県', 'Ehime', '松山', 'Matsuyama', 133, 33.84, 132.77, 'shikoku', '89', 790, 799, '松山市,今治市,新居浜市'],
  ['高知県', 'Kochi', '高知', 'Kochi', 69, 33.56, 133.53, 'shikoku', '88', 780, 789, '高知市,南国市'],
  ['福岡県', 'Fukuoka', '福岡', 'Fukuoka', 514, 33.61, 130.42, 'kyushu', '92', 800, 839, '福岡市博多区,福岡市中央区,北九州市小倉北区,久留米市'],
  ['佐賀県', 'Saga', '佐賀', 'Saga', 81, 33.25, 130.3, 'kyushu', '952', 840, 849, '佐賀市,唐津市'],
  ['長崎県', 'Nagasaki', '長崎', 'Nagasaki', 131, 32.74, 129.87, 'kyushu', '95', 850, 859, '長崎市,佐世保市,諫早市'],
  ['熊本県', 'Kumamoto', '熊本', 'Kumamoto', 174, 32.79, 130.74, 'kyushu', '96', 860, 869, '熊本市中央区,八代市,合志市'],
  ['大分県', 'Oita', '大分', 'Oita', 112, 33.24, 131.61, 'kyushu', '97', 870, 879, '大分市,別府市'],
  ['宮崎県', 'Miyazaki', '宮崎', 'Miyazaki', 107, 31.91, 131.42, 'kyushu', '985', 880, 889, '宮崎市,都城市,延岡市'],
  ['鹿児島県', 'Kagoshima', '鹿児島', 'Kagoshima', 159, 31.56, 130.56, 'kyushu', '99', 890, 899, '鹿児島市,霧島市,鹿屋市'],
  ['沖縄県', 'Okinawa', '那覇', 'Naha', 147, 26.21, 127.68, 'okinawa', '98', 900, 909, '那覇市,沖縄市,浦添市,うるま市'],
];

export const PREFECTURES: readonly Prefecture[] = ROWS.map((row) => ({
  name: row[0],
  nameEn: row[1],
  city: row[2],
  cityEn: row[3],
  population: row[4],
  lat: row[5],
  lon: row[6],
  region: row[7],
  areaCode: row[8],
  postal: [row[9], row[10]] as const,
  municipalities: row[11].split(','),
}));

export const PREFECTURE_BY_NAME: ReadonlyMap<string, Prefecture> = new Map(
  PREFECTURES.map((p) => [p.name, p]),
);

export function prefectureNamed(name: string): Prefecture {
  const prefecture = PREFECTURE_BY_NAME.get(name);
  if (!prefecture) throw new Error(`Unknown prefecture ${name}`);
  return prefecture;
}

const INDEX = new Map(PREFECTURES.map((p, i) => [p, i]));
const distances = new Float64Array(PREFECTURES.length * PREFECTURES.length).fill(-1);

/**
 * Great-circle distance between two capitals in km, times 1.25 for roads and sea routes.
 * Memoized: every shipment asks several times, and trigonometry adds up at bench size.
 */
export function shippingDistanceKm(from: Prefecture, to: Prefecture): number {
  const key = (INDEX.get(from) ?? 0) * PREFECTURES.length + (INDEX.get(to) ?? 0);
  let km = distances[key] as number;
  if (km < 0) distances[key] = km = greatCircleKm(from, to);
  return km;
}

function greatCircleKm(from: Prefecture, to: Prefecture): number {
  if (from === to) return 25;
  const rad = Math.PI / 180;
  const dLat = (to.lat - from.lat) * rad;
  const dLon = (to.lon - from.lon) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(from.lat * rad) * Math.cos(to.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 1.25 * 2 * 6371 * Math.asin(Math.sqrt(h));
}
