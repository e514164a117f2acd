/**
 * Names as the retailer's order system holds them: kanji with the katakana reading customers
 * give at checkout, and the romaji people use in their e-mail addresses. Surname weights are
 * their approximate frequency (10,000s of people), so 佐藤 and 鈴木 dominate as they do in Japan.
 */
export interface PersonName {
  kanji: string;
  kana: string;
  romaji: string;
}

type NameRow = readonly [string, string, string, number];

// prettier-ignore
const SURNAME_ROWS: readonly NameRow[] = [
  ['佐藤', 'サトウ', 'sato', 187], ['鈴木', 'スズキ', 'suzuki', 179], ['高橋', 'タカハシ', 'takahashi', 141],
  ['田中', 'タナカ', 'tanaka', 133], ['伊藤', 'イトウ', 'ito', 107], ['渡辺', 'ワタナベ', 'watanabe', 106],
  ['山本', 'ヤマモト', 'yamamoto', 107], ['中村', 'ナカムラ', 'nakamura', 104], ['小林', 'コバヤシ', 'kobayashi', 102],
  ['加藤', 'カトウ', 'kato', 89], ['吉田', 'ヨシダ', 'yoshida', 84], ['山田', 'ヤマダ', 'yamada', 81],
  ['佐々木', 'ササキ', 'sasaki', 68], ['山口', 'ヤマグチ', 'yamaguchi', 64], ['松本', 'マツモト', 'matsumoto', 63],
  ['井上', 'イノウエ', 'inoue', 61], ['木村', 'キムラ', 'kimura', 57], ['林', 'ハヤシ', 'hayashi', 54],
  ['斎藤', 'サイトウ', 'saito', 53], ['清水', 'シミズ', 'shimizu', 52], ['山崎', 'ヤマザキ', 'yamazaki', 48],
  ['森', 'モリ', 'mori', 47], ['池田', 'イケダ', 'ikeda', 44], ['橋本', 'ハシモト', 'hashimoto', 44],
  ['阿部', 'アベ', 'abe', 44], ['石川', 'イシカワ', 'ishikawa', 43], ['山下', 'ヤマシタ', 'yamashita', 42],
  ['中島', 'ナカジマ', 'nakajima', 41], ['石井', 'イシイ', 'ishii', 41], ['小川', 'オガワ', 'ogawa', 40],
  ['前田', 'マエダ', 'maeda', 39], ['岡田', 'オカダ', 'okada', 39], ['長谷川', 'ハセガワ', 'hasegawa', 38],
  ['藤田', 'フジタ', 'fujita', 38], ['後藤', 'ゴトウ', 'goto', 37], ['近藤', 'コンドウ', 'kondo', 37],
  ['村上', 'ムラカミ', 'murakami', 36], ['遠藤', 'エンドウ', 'endo', 34], ['青木', 'アオキ', 'aoki', 34],
  ['坂本', 'サカモト', 'sakamoto', 34], ['斉藤', 'サイトウ', 'saito', 33], ['福田', 'フクダ', 'fukuda', 33],
  ['太田', 'オオタ', 'ota', 33], ['西村', 'ニシムラ', 'nishimura', 32], ['藤井', 'フジイ', 'fujii', 32],
  ['金子', 'カネコ', 'kaneko', 31], ['岡本', 'オカモト', 'okamoto', 31], ['藤原', 'フジワラ', 'fujiwara', 31],
  ['中野', 'ナカノ', 'nakano', 30], ['三浦', 'ミウラ', 'miura', 30], ['原田', 'ハラダ', 'harada', 30],
  ['中川', 'ナカガワ', 'nakagawa', 30], ['松田', 'マツダ', 'matsuda', 29], ['竹内', 'タケウチ', 'takeuchi', 29],
  ['小野', 'オノ', 'ono', 29], ['田村', 'タムラ', 'tamura', 28], ['中山', 'ナカヤマ', 'nakayama', 28],
  ['和田', 'ワダ', 'wada', 27], ['石田', 'イシダ', 'ishida', 27], ['森田', 'モリタ', 'morita', 27],
  ['上田', 'ウエダ', 'ueda', 27], ['原', 'ハラ', 'hara', 26], ['内田', 'ウチダ', 'uchida', 26],
  ['柴田', 'シバタ', 'shibata', 26], ['酒井', 'サカイ', 'sakai', 26], ['宮崎', 'ミヤザキ', 'miyazaki', 25],
  ['横山', 'ヨコヤマ', 'yokoyama', 25], ['高木', 'タカギ', 'takagi', 25], ['安藤', 'アンドウ', 'ando', 25],
  ['宮本', 'ミヤモト', 'miyamoto', 24], ['大野', 'オオノ', 'ono', 24], ['小島', 'コジマ', 'kojima', 24],
  ['谷口', 'タニグチ', 'taniguchi', 23], ['今井', 'イマイ', 'imai', 23], ['工藤', 'クドウ', 'kudo', 23],
  ['高田', 'タカダ', 'takada', 22], ['増田', 'マスダ', 'masuda', 22], ['丸山', 'マルヤマ', 'maruyama', 22],
  ['杉山', 'スギヤマ', 'sugiyama', 22], ['村田', 'ムラタ', 'murata', 22], ['大塚', 'オオツカ', 'otsuka', 21],
  ['新井', 'アライ', 'arai', 21], ['小山', 'コヤマ', 'koyama', 21], ['平野', 'ヒラノ', 'hirano', 21],
  ['藤本', 'フジモト', 'fujimoto', 21], ['河野', 'コウノ', 'kono', 21], ['上野', 'ウエノ', 'ueno', 20],
  ['野口', 'ノグチ', 'noguchi', 20], ['武田', 'タケダ', 'takeda', 20], ['松井', 'マツイ', 'matsui', 20],
  ['千葉', 'チバ', 'chiba', 20], ['岩崎', 'イワサキ', 'iwasaki', 20], ['菅原', 'スガワラ', 'sugawara', 20],
  ['木下', 'キノシタ', 'kinoshita', 19], ['久保', 'クボ', 'kubo', 19], ['佐野', 'サノ', 'sano', 19],
  ['野村', 'ノムラ', 'nomura', 19], ['松尾', 'マツオ', 'matsuo', 19], ['市川', 'イチカワ', 'ichikawa', 19],
  ['菊地', 'キクチ', 'kikuchi', 19],
];

// Given names across generations (昭和 to 令和), so customers are of every age.
// prettier-ignore
const GIVEN_NAME_ROWS: readonly NameRow[] = [
  ['花子', 'ハナコ', 'hanako', 1], ['陽子', 'ヨウコ', 'yoko', 1], ['恵子', 'ケイコ', 'keiko', 1],
  ['京子', 'キョウコ', 'kyoko', 1], ['幸子', 'サチコ', 'sachiko', 1], ['裕子', 'ユウコ', 'yuko', 1],
  ['直美', 'ナオミ', 'naomi', 1], ['由美子', 'ユミコ', 'yumiko', 1], ['久美子', 'クミコ', 'kumiko', 1],
  ['真由美', 'マユミ', 'mayumi', 1], ['明美', 'アケミ', 'akemi', 1], ['智子', 'トモコ', 'tomoko', 1],
  ['美穂', 'ミホ', 'miho', 1], ['愛', 'アイ', 'ai', 1], ['恵', 'メグミ', 'megumi', 1],
  ['彩', 'アヤ', 'aya', 1], ['麻衣', 'マイ', 'mai', 1], ['美咲', 'ミサキ', 'misaki', 1],
  ['沙織', 'サオリ', 'saori', 1], ['香織', 'カオリ', 'kaori', 1], ['由佳', 'ユカ', 'yuka', 1],
  ['千尋', 'チヒロ', 'chihiro', 1], ['綾香', 'アヤカ', 'ayaka', 1], ['奈々', 'ナナ', 'nana', 1],
  ['美香', 'ミカ', 'mika', 1], ['理恵', 'リエ', 'rie', 1], ['陽菜', 'ヒナ', 'hina', 1],
  ['結衣', 'ユイ', 'yui', 1], ['葵', 'アオイ', 'aoi', 1], ['さくら', 'サクラ', 'sakura', 1],
  ['美月', 'ミツキ', 'mitsuki', 1], ['凛', 'リン', 'rin', 1], ['芽依', 'メイ', 'mei', 1],
  ['結菜', 'ユイナ', 'yuina', 1], ['七海', 'ナナミ', 'nanami', 1], ['真央', 'マオ', 'mao', 1],
  ['莉子', 'リコ', 'riko', 1], ['紬', 'ツムギ', 'tsumugi', 1], ['楓', 'カエデ', 'kaede', 1],
  ['明日香', 'アスカ', 'asuka', 1], ['智美', 'トモミ', 'tomomi', 1], ['瞳', 'ヒトミ', 'hitomi', 1],
  ['菜摘', 'ナツミ', 'natsumi', 1], ['春香', 'ハルカ', 'haruka', 1], ['詩織', 'シオリ', 'shiori', 1],
  ['典子', 'ノリコ', 'noriko', 1], ['由紀', 'ユキ', 'yuki', 1], ['晴美', 'ハルミ', 'harumi', 1],
  ['一郎', 'イチロウ', 'ichiro', 1], ['太郎', 'タロウ', 'taro', 1], ['健一', 'ケンイチ', 'kenichi', 1],
  ['誠', 'マコト', 'makoto', 1], ['浩', 'ヒロシ', 'hiroshi', 1], ['隆', 'タカシ', 'takashi', 1],
  ['清', 'キヨシ', 'kiyoshi', 1], ['茂', 'シゲル', 'shigeru', 1], ['修', 'オサム', 'osamu', 1],
  ['実', 'ミノル', 'minoru', 1], ['勝', 'マサル', 'masaru', 1], ['明', 'アキラ', 'akira', 1],
  ['和夫', 'カズオ', 'kazuo', 1], ['正樹', 'マサキ', 'masaki', 1], ['直樹', 'ナオキ', 'naoki', 1],
  ['大輔', 'ダイスケ', 'daisuke', 1], ['健太', 'ケンタ', 'kenta', 1], ['拓也', 'タクヤ', 'takuya', 1],
  ['翔太', 'ショウタ', 'shota', 1], ['亮', 'リョウ', 'ryo', 1], ['達也', 'タツヤ', 'tatsuya', 1],
  ['和也', 'カズヤ', 'kazuya', 1], ['哲也', 'テツヤ', 'tetsuya', 1], ['秀樹', 'ヒデキ', 'hideki', 1],
  ['洋平', 'ヨウヘイ', 'yohei', 1], ['雄太', 'ユウタ', 'yuta', 1], ['翔', 'ショウ', 'sho', 1],
  ['大樹', 'ダイキ', 'daiki', 1], ['拓海', 'タクミ', 'takumi', 1], ['蓮', 'レン', 'ren', 1],
  ['悠真', 'ユウマ', 'yuma', 1], ['湊', 'ミナト', 'minato', 1], ['陽翔', 'ハルト', 'haruto', 1],
  ['颯太', 'ソウタ', 'sota', 1], ['大翔', 'ヒロト', 'hiroto', 1], ['悠斗', 'ユウト', 'yuto', 1],
  ['陸', 'リク', 'riku', 1], ['樹', 'イツキ', 'itsuki', 1], ['智也', 'トモヤ', 'tomoya', 1],
  ['剛', 'ツヨシ', 'tsuyoshi', 1], ['慎一', 'シンイチ', 'shinichi', 1], ['光', 'ヒカル', 'hikaru', 1],
  ['俊介', 'シュンスケ', 'shunsuke', 1], ['康介', 'コウスケ', 'kosuke', 1], ['雅人', 'マサト', 'masato', 1],
  ['浩二', 'コウジ', 'koji', 1], ['賢治', 'ケンジ', 'kenji', 1], ['悟', 'サトル', 'satoru', 1],
  ['博之', 'ヒロユキ', 'hiroyuki', 1], ['裕太', 'ユウタ', 'yuta', 1], ['聡', 'サトシ', 'satoshi', 1],
];

// English-speaking customers: Latin names with the katakana transcription a Japanese system
// stores in its kana field (what an agent reads aloud).
// prettier-ignore
const EN_GIVEN_ROWS: readonly NameRow[] = [
  ['Emily', 'エミリー', 'emily', 1], ['James', 'ジェームズ', 'james', 1], ['Michael', 'マイケル', 'michael', 1],
  ['Sarah', 'サラ', 'sarah', 1], ['David', 'デイビッド', 'david', 1], ['Jessica', 'ジェシカ', 'jessica', 1],
  ['Daniel', 'ダニエル', 'daniel', 1], ['Olivia', 'オリビア', 'olivia', 1], ['Matthew', 'マシュー', 'matthew', 1],
  ['Emma', 'エマ', 'emma', 1], ['Christopher', 'クリストファー', 'christopher', 1], ['Sophia', 'ソフィア', 'sophia', 1],
  ['Andrew', 'アンドリュー', 'andrew', 1], ['Hannah', 'ハンナ', 'hannah', 1], ['Ryan', 'ライアン', 'ryan', 1],
  ['Grace', 'グレース', 'grace', 1], ['Thomas', 'トーマス', 'thomas', 1], ['Chloe', 'クロエ', 'chloe', 1],
  ['Benjamin', 'ベンジャミン', 'benjamin', 1], ['Rachel', 'レイチェル', 'rachel', 1], ['Kevin', 'ケビン', 'kevin', 1],
  ['Laura', 'ローラ', 'laura', 1], ['Brian', 'ブライアン', 'brian', 1], ['Megan', 'ミーガン', 'megan', 1],
  ['Jason', 'ジェイソン', 'jason', 1], ['Amanda', 'アマンダ', 'amanda', 1], ['William', 'ウィリアム', 'william', 1],
  ['Lucy', 'ルーシー', 'lucy', 1], ['Nathan', 'ネイサン', 'nathan', 1], ['Anna', 'アンナ', 'anna', 1],
];

// prettier-ignore
const EN_FAMILY_ROWS: readonly NameRow[] = [
  ['Smith', 'スミス', 'smith', 1], ['Johnson', 'ジョンソン', 'johnson', 1], ['Williams', 'ウィリアムズ', 'williams', 1],
  ['Brown', 'ブラウン', 'brown', 1], ['Jones', 'ジョーンズ', 'jones', 1], ['Miller', 'ミラー', 'miller', 1],
  ['Davis', 'デイビス', 'davis', 1], ['Wilson', 'ウィルソン', 'wilson', 1], ['Anderson', 'アンダーソン', 'anderson', 1],
  ['Taylor', 'テイラー', 'taylor', 1], ['Moore', 'ムーア', 'moore', 1], ['Martin', 'マーティン', 'martin', 1],
  ['Jackson', 'ジャクソン', 'jackson', 1], ['White', 'ホワイト', 'white', 1], ['Harris', 'ハリス', 'harris', 1],
  ['Clark', 'クラーク', 'clark', 1], ['Lewis', 'ルイス', 'lewis', 1], ['Walker', 'ウォーカー', 'walker', 1],
  ['Hall', 'ホール', 'hall', 1], ['Young', 'ヤング', 'young', 1], ['King', 'キング', 'king', 1],
  ['Wright', 'ライト', 'wright', 1], ['Scott', 'スコット', 'scott', 1], ['Green', 'グリーン', 'green', 1],
  ['Baker', 'ベイカー', 'baker', 1], ['Adams', 'アダムズ', 'adams', 1], ['Nelson', 'ネルソン', 'nelson', 1],
  ['Carter', 'カーター', 'carter', 1], ['Mitchell', 'ミッチェル', 'mitchell', 1], ['Campbell', 'キャンベル', 'campbell', 1],
  ['Evans', 'エバンズ', 'evans', 1], ['Murphy', 'マーフィー', 'murphy', 1], ['Cook', 'クック', 'cook', 1],
  ['Morgan', 'モーガン', 'morgan', 1], ['Bell', 'ベル', 'bell', 1], ['Kelly', 'ケリー', 'kelly', 1],
  ['Wood', 'ウッド', 'wood', 1], ['Hughes', 'ヒューズ', 'hughes', 1], ['Patel', 'パテル', 'patel', 1],
  ['Nguyen', 'グエン', 'nguyen', 1],
];

const toNames = (rows: readonly NameRow[]): (readonly [PersonName, number])[] =>
  rows.map(([kanji, kana, romaji, weight]) => [{ kanji, kana, romaji }, weight] as const);

export const JA_FAMILY_NAMES = toNames(SURNAME_ROWS);
export const JA_GIVEN_NAMES = toNames(GIVEN_NAME_ROWS);
export const EN_GIVEN_NAMES = toNames(EN_GIVEN_ROWS);
export const EN_FAMILY_NAMES = toNames(EN_FAMILY_ROWS);
