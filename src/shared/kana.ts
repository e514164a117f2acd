/**
 * Kana helpers for name search: agents type a reading in hiragana, katakana or romaji, and the
 * retailer stores readings in katakana.
 */

/** Hiragana to katakana; everything else unchanged. */
export function toKatakana(text: string): string {
  return text.replace(/[\u3041-\u3096\u309d\u309e]/g, (ch) =>
    String.fromCharCode(ch.charCodeAt(0) + 0x60),
  );
}

/** Width, case, kana and spacing folded so that a typed query and a stored name compare equal. */
export function foldForSearch(text: string): string {
  return toKatakana(text.normalize('NFKC'))
    .toLowerCase()
    .replace(/[\s\u3000・･.'’-]+/g, '');
}

const DIGRAPHS: Record<string, string> = {
  キャ: 'kya',
  キュ: 'kyu',
  キョ: 'kyo',
  シャ: 'sha',
  シュ: 'shu',
  ショ: 'sho',
  シェ: 'she',
  チャ: 'cha',
  チュ: 'chu',
  チョ: 'cho',
  チェ: 'che',
  ニャ: 'nya',
  ニュ: 'nyu',
  ニョ: 'nyo',
  ヒャ: 'hya',
  ヒュ: 'hyu',
  ヒョ: 'hyo',
  ミャ: 'mya',
  ミュ: 'myu',
  ミョ: 'myo',
  リャ: 'rya',
  リュ: 'ryu',
  リョ: 'ryo',
  ギャ: 'gya',
  ギュ: 'gyu',
  ギョ: 'gyo',
  ジャ: 'ja',
  ジュ: 'ju',
  ジョ: 'jo',
  ジェ: 'je',
  ビャ: 'bya',
  ビュ: 'byu',
  ビョ: 'byo',
  ピャ: 'pya',
  ピュ: 'pyu',
  ピョ: 'pyo',
  ファ: 'fa',
  フィ: 'fi',
  フェ: 'fe',
  フォ: 'fo',
  ティ: 'ti',
  ディ: 'di',
  ウィ: 'wi',
  ウェ: 'we',
  ウォ: 'wo',
  ヴァ: 'va',
  ヴィ: 'vi',
  ヴェ: 've',
  ヴォ: 'vo',
};

const MONOGRAPHS: Record<string, string> = {
  ア: 'a',
  イ: 'i',
  ウ: 'u',
  エ: 'e',
  オ: 'o',
  カ: 'ka',
  キ: 'ki',
  ク: 'ku',
  ケ: 'ke',
  コ: 'ko',
  サ: 'sa',
  シ: 'shi',
  ス: 'su',
  セ: 'se',
  ソ: 'so',
  タ: 'ta',
  チ: 'chi',
  ツ: 'tsu',
  テ: 'te',
  ト: 'to',
  ナ: 'na',
  ニ: 'ni',
  ヌ: 'nu',
  ネ: 'ne',
  ノ: 'no',
  ハ: 'ha',
  ヒ: 'hi',
  フ: 'fu',
  ヘ: 'he',
  ホ: 'ho',
  マ: 'ma',
  ミ: 'mi',
  ム: 'mu',
  メ: 'me',
  モ: 'mo',
  ヤ: 'ya',
  ユ: 'yu',
  ヨ: 'yo',
  ラ: 'ra',
  リ: 'ri',
  ル: 'ru',
  レ: 're',
  ロ: 'ro',
  ワ: 'wa',
  ヰ: 'i',
  ヱ: 'e',
  ヲ: 'o',
  ン: 'n',
  ガ: 'ga',
  ギ: 'gi',
  グ: 'gu',
  ゲ: 'ge',
  ゴ: 'go',
  ザ: 'za',
  ジ: 'ji',
  ズ: 'zu',
  ゼ: 'ze',
  ゾ: 'zo',
  ダ: 'da',
  ヂ: 'ji',
  ヅ: 'zu',
  デ: 'de',
  ド: 'do',
  バ: 'ba',
  ビ: 'bi',
  ブ: 'bu',
  ベ: 'be',
  ボ: 'bo',
  パ: 'pa',
  ピ: 'pi',
  プ: 'pu',
  ペ: 'pe',
  ポ: 'po',
  ヴ: 'vu',
  ァ: 'a',
  ィ: 'i',
  ゥ: 'u',
  ェ: 'e',
  ォ: 'o',
  ャ: 'ya',
  ュ: 'yu',
  ョ: 'yo',
};

/** Katakana (or hiragana) to Hepburn romaji, long vowels written out: サトウ → "satou". */
export function kanaToRomaji(kana: string): string {
  const text = toKatakana(kana);
  let out = '';
  let doubleNext = false;
  for (let i = 0; i < text.length; i++) {
    const pair = text.slice(i, i + 2);
    let romaji = DIGRAPHS[pair];
    if (romaji) i++;
    else romaji = MONOGRAPHS[text[i] as string];
    if (text[i] === 'ッ') {
      doubleNext = true;
      continue;
    }
    if (text[i] === 'ー') {
      out += out.at(-1) ?? '';
      continue;
    }
    if (!romaji) {
      out += text[i];
      continue;
    }
    if (doubleNext) {
      out += romaji.startsWith('ch') ? 't' : romaji[0];
      doubleNext = false;
    }
    out += romaji;
  }
  return out;
}

/**
 * The romaji spellings a person may type for a reading: "satou" is also written "sato" and
 * "satoh"; "oono" also "ono". Returned without duplicates, the full spelling first.
 */
export function romajiVariants(kana: string): string[] {
  const full = kanaToRomaji(kana);
  const short = shortenLongVowels(full);
  const withH = full.replace(/ou(?![aeiou])/g, 'oh');
  return [...new Set([full, short, withH])];
}

/** A reading as a passport spells it: long vowels shortened (サトウ → "sato", オオノ → "ono"). */
export function passportRomaji(kana: string): string {
  return shortenLongVowels(kanaToRomaji(kana));
}

function shortenLongVowels(romaji: string): string {
  return romaji.replace(/ou/g, 'o').replace(/uu/g, 'u').replace(/oo/g, 'o');
}

/** True for Han ideographs, kana and the iteration mark: the scripts of Japanese names. */
export function isCjk(text: string): boolean {
  return /^[\u3005\u3041-\u30ff\u3400-\u9fff\uf900-\ufaff]+$/.test(text);
}
