/**
 * The demo retailer's catalog: what agents read on the order card, so names are the ones
 * customers say on the phone. Category and fragility drive returns (fashion sizes) and damage
 * claims (ceramics, glass, bottles); bulk drives the carrier choice.
 */
export type ProductCategory =
  | 'food'
  | 'kitchen'
  | 'home'
  | 'appliance'
  | 'electronics'
  | 'fashion'
  | 'beauty'
  | 'books'
  | 'kids'
  | 'pets';

export interface Product {
  sku: string;
  nameJa: string;
  nameEn: string;
  /** Tax-included yen. */
  price: number;
  category: ProductCategory;
  fragile: boolean;
  bulky: boolean;
  /** Relative popularity. */
  weight: number;
}

type Row = [string, string, string, number, ProductCategory, string, number];

// Flags: f = fragile, b = bulky.
// prettier-ignore
const ROWS: readonly Row[] = [
  ['RICE-YPK-5', '北海道産 ゆめぴりか 5kg', 'Hokkaido Yumepirika Rice 5kg', 3_480, 'food', 'b', 8],
  ['RICE-KSH-10', '新潟県産 コシヒカリ 10kg', 'Niigata Koshihikari Rice 10kg', 6_980, 'food', 'b', 6],
  ['TEA-UJI-100', '宇治抹茶 缶入り 100g', 'Uji Matcha Tin 100g', 2_400, 'food', '', 4],
  ['COF-DRIP-30', 'ドリップコーヒー 詰め合わせ 30袋', 'Drip Coffee Assortment (30 bags)', 2_980, 'food', '', 7],
  ['WTR-2L-9', '天然水 2L×9本', 'Natural Spring Water 2L × 9', 1_180, 'food', 'b', 9],
  ['CRY-RTT-10', 'レトルトカレー 10食セット', 'Retort Curry (10 meals)', 2_380, 'food', '', 6],
  ['SOBA-SNS-10', '信州そば 乾麺 10束', 'Shinshu Soba Noodles (10 bundles)', 2_200, 'food', '', 3],
  ['CRAB-HKD-1K', '北海道産 ボイルズワイガニ 1kg', 'Hokkaido Boiled Snow Crab 1kg', 9_980, 'food', '', 2],
  ['MLN-CRW-1', '静岡県産 クラウンメロン 1玉', 'Shizuoka Crown Melon', 8_640, 'food', 'f', 1],
  ['APL-FUJI-5K', '青森県産 ふじりんご 5kg', 'Aomori Fuji Apples 5kg', 4_280, 'food', 'b', 3],
  ['CAKE-MCH-RL', '抹茶ロールケーキ', 'Matcha Roll Cake', 2_700, 'food', 'f', 2],
  ['SAKE-JDG-720', '純米大吟醸 720ml', 'Junmai Daiginjo Sake 720ml', 3_850, 'food', 'f', 3],
  ['WINE-KSH-750', '山梨県産 甲州ワイン 750ml', 'Yamanashi Koshu White Wine 750ml', 2_980, 'food', 'f', 2],
  ['KNF-SEKI-SNT', '関の刃物 三徳包丁 165mm', 'Seki Santoku Knife 165mm', 8_800, 'kitchen', '', 2],
  ['PLT-ARITA-5', '有田焼 取り皿 5枚セット', 'Arita Porcelain Side Plates (set of 5)', 6_600, 'kitchen', 'f', 2],
  ['GLS-KIRIKO', '江戸切子 ロックグラス', 'Edo Kiriko Rocks Glass', 12_100, 'kitchen', 'f', 1],
  ['POT-IGA-8', '伊賀焼 土鍋 8号', 'Iga-yaki Clay Pot (size 8)', 7_480, 'kitchen', 'fb', 1],
  ['BENTO-WARM', '保温弁当箱 ステンレス', 'Insulated Stainless Lunch Box', 3_300, 'kitchen', '', 3],
  ['TMB-VAC-420', '真空断熱タンブラー 420ml', 'Vacuum Insulated Tumbler 420ml', 2_750, 'kitchen', '', 4],
  ['TWL-IMB-GFT', '今治タオル ギフトセット', 'Imabari Towel Gift Set', 5_500, 'home', '', 5],
  ['TWL-ORG-BATH', '無印風 オーガニックコットン バスタオル', 'Organic Cotton Bath Towel', 1_990, 'home', '', 7],
  ['BLK-WEAR', '着る毛布 ルームウェア', 'Wearable Blanket Loungewear', 3_290, 'home', '', 4],
  ['FTN-DOWN-S', '羽毛掛け布団 シングル', 'Down Comforter (single)', 19_800, 'home', 'b', 2],
  ['PLW-MEMORY', '低反発まくら', 'Memory Foam Pillow', 3_980, 'home', '', 4],
  ['CNDL-HINOKI', 'アロマキャンドル ひのき', 'Hinoki Aroma Candle', 2_200, 'home', 'f', 2],
  ['BOX-STR-3', '収納ボックス 3個組', 'Storage Boxes (set of 3)', 2_990, 'home', 'b', 4],
  ['CHR-MESH', 'オフィスチェア メッシュ', 'Mesh Office Chair', 16_800, 'home', 'b', 2],
  ['PLT-PACHIRA', '観葉植物 パキラ 6号鉢', 'Pachira Houseplant (6-inch pot)', 4_980, 'home', 'fb', 2],
  ['YOGA-MAT-6', 'ヨガマット 6mm', 'Yoga Mat 6mm', 2_280, 'home', '', 3],
  ['RCK-IH-55', '圧力IH炊飯器 5.5合', 'Pressure IH Rice Cooker (5.5 cups)', 32_800, 'appliance', 'b', 2],
  ['KTL-ELEC-1L', '電気ケトル 1.0L', 'Electric Kettle 1.0L', 3_980, 'appliance', '', 4],
  ['FAN-CIRC', 'サーキュレーター 静音モデル', 'Quiet Air Circulator', 6_480, 'appliance', 'b', 3],
  ['HTR-FOOT', '足元ヒーター', 'Under-Desk Foot Heater', 4_980, 'appliance', '', 3],
  ['VAC-CORDLESS', 'コードレス掃除機', 'Cordless Vacuum Cleaner', 24_800, 'appliance', 'b', 2],
  ['DRY-HAIR-HP', '大風量ヘアドライヤー', 'High-Power Hair Dryer', 12_800, 'appliance', '', 3],
  ['TBR-SONIC', '電動歯ブラシ 音波式', 'Sonic Electric Toothbrush', 9_800, 'appliance', '', 3],
  ['EAR-PRO2', 'ワイヤレスイヤホン Pro 2', 'Wireless Earbuds Pro 2', 19_800, 'electronics', '', 5],
  ['CHG-USBC-65', 'USB-C 急速充電器 65W', 'USB-C Fast Charger 65W', 4_280, 'electronics', '', 6],
  ['CBL-USBC-2M', 'USB-C ケーブル 2m 2本組', 'USB-C Cable 2m (2-pack)', 1_280, 'electronics', '', 7],
  ['BAT-10000', 'モバイルバッテリー 10000mAh', 'Power Bank 10000mAh', 3_480, 'electronics', '', 5],
  ['KBD-WLS', 'ワイヤレスキーボード 日本語配列', 'Wireless Keyboard (JIS layout)', 5_980, 'electronics', '', 3],
  ['MSE-SILENT', '静音ワイヤレスマウス', 'Silent Wireless Mouse', 2_480, 'electronics', '', 4],
  ['MON-27-4K', '27インチ 4K モニター', '27-inch 4K Monitor', 39_800, 'electronics', 'fb', 1],
  ['WCH-LITE', 'スマートウォッチ Lite', 'Smartwatch Lite', 14_800, 'electronics', '', 3],
  ['SPK-BT-WP', '防水 Bluetooth スピーカー', 'Waterproof Bluetooth Speaker', 6_980, 'electronics', '', 3],
  ['CASE-FOLIO', 'スマホケース 手帳型', 'Folio Phone Case', 2_180, 'electronics', '', 5],
  ['SHT-OXF', 'オックスフォードシャツ', 'Oxford Shirt', 3_990, 'fashion', '', 5],
  ['SHO-RUN-LT', 'ランニングシューズ 軽量モデル', 'Lightweight Running Shoes', 8_990, 'fashion', '', 5],
  ['JKT-DOWN-LT', 'ライトダウンジャケット', 'Light Down Jacket', 6_990, 'fashion', '', 4],
  ['SCK-5P', '靴下 5足組', 'Socks (5 pairs)', 1_290, 'fashion', '', 6],
  ['UMB-FOLD', '折りたたみ傘 晴雨兼用', 'Folding Umbrella (sun & rain)', 2_490, 'fashion', '', 4],
  ['BAG-CANVAS', '帆布トートバッグ', 'Canvas Tote Bag', 4_400, 'fashion', '', 3],
  ['LOT-MOIST-200', '化粧水 しっとりタイプ 200ml', 'Hydrating Lotion 200ml', 1_650, 'beauty', '', 6],
  ['SUN-SPF50', '日焼け止め SPF50+', 'Sunscreen SPF50+', 1_320, 'beauty', '', 5],
  ['SHP-AMINO-RF', 'アミノ酸シャンプー 詰め替え', 'Amino Acid Shampoo Refill', 1_480, 'beauty', '', 6],
  ['BK-BIZ-BEST', 'ビジネス書 ベストセラー', 'Bestselling Business Book', 1_760, 'books', '', 4],
  ['MNG-SET-10', '人気コミック 1〜10巻セット', 'Popular Manga Vol. 1–10', 5_280, 'books', '', 3],
  ['TOY-BLOCKS', 'ブロック 基本セット', 'Building Blocks Starter Set', 4_378, 'kids', '', 3],
  ['DPR-M-64x2', '紙おむつ Mサイズ 64枚×2', 'Diapers Size M (64 × 2)', 3_580, 'kids', 'b', 5],
  ['BBF-12', 'ベビーフード 12食セット', 'Baby Food (12 meals)', 2_160, 'kids', '', 3],
  ['DOG-FOOD-3K', '国産ドッグフード 3kg', 'Japanese-Made Dog Food 3kg', 3_300, 'pets', 'b', 4],
  ['CAT-LTR-7Lx4', '猫砂 紙タイプ 7L×4', 'Paper Cat Litter 7L × 4', 2_680, 'pets', 'b', 4],
];

export const PRODUCTS: readonly Product[] = ROWS.map(
  ([sku, nameJa, nameEn, price, category, flags, weight]) => ({
    sku,
    nameJa,
    nameEn,
    price,
    category,
    fragile: flags.includes('f'),
    bulky: flags.includes('b'),
    weight,
  }),
);

export function productBySku(sku: string): Product {
  const product = PRODUCTS.find((p) => p.sku === sku);
  if (!product) throw new Error(`Unknown product ${sku}`);
  return product;
}
