/**
 * Removes payment card data from free text (the customer's own words, notes) before it is
 * stored: card numbers that pass the Luhn check become `[REDACTED_CARD]`; 3–4 digit numbers near
 * a security-code word (CVV, CVC, セキュリティコード, 裏面の3桁…) become `[REDACTED_CVV]` — PCI
 * DSS forbids keeping a security code after authorization, so these are removed whatever they
 * look like.
 *
 * A card number may be written with any separators between its digit groups (spaces, line
 * breaks, hyphens, dots, slashes, commas, 、・, underscores, brackets; half- or full-width). What
 * keeps phone, order and tracking numbers safe is that a card is only what a card looks like:
 * 13–19 digits, not starting with 0 (no card does; every Japanese phone does), Luhn-valid, and
 * grouped as cards are written — one block, 4-4-4-4(-3), 4-6-5 / 4-6-4, or digit by digit — with
 * the same separator between every group (a list of numbers joined by 、 is not one number).
 * Mixed separators count only when the digits stand alone as a 4-4-4-4 or 4-6-5 card.
 */
export const REDACTED_CARD = '[REDACTED_CARD]';
export const REDACTED_CVV = '[REDACTED_CVV]';

export interface PaymentRedaction {
  text: string;
  cardNumbers: number;
  securityCodes: number;
}

const DIGIT = '[0-9\\uFF10-\\uFF19]';
const SPACE = ' \\t\\u00A0\\u3000';
const BREAK = '\\r\\n\\u2028\\u2029';
const HYPHEN = '\\-\\uFF0D\\u2010-\\u2015\\u2212\\u30FC\\uFF70';
const DOT = '.\\uFF0E\\u30FB\\uFF65';
const SLASH = '/\\uFF0F';
const COMMA = ',\\uFF0C\\u3001\\uFF64';
const UNDERSCORE = '_\\uFF3F';
const BRACKET =
  '()\\[\\]{}<>\\uFF08\\uFF09\\uFF3B\\uFF3D\\uFF5B\\uFF5D\\u300C-\\u300F\\u3010\\u3011\\u3014\\u3015';
const SEPARATOR = `[${SPACE}${BREAK}${HYPHEN}${DOT}${SLASH}${COMMA}${UNDERSCORE}${BRACKET}]`;
/** Digit groups joined by up to 4 separator characters ("4111 - 1111", "(4111) 1111"). */
const DIGIT_RUN = new RegExp(`${DIGIT}+(?:${SEPARATOR}{1,4}${DIGIT}+)*`, 'g');
const GROUP = new RegExp(`${DIGIT}+`, 'g');

/** The visible kinds of separator; whitespace and line breaks count only when nothing else shows. */
const KINDS: [string, RegExp][] = [
  ['hyphen', new RegExp(`[${HYPHEN}]`)],
  ['dot', new RegExp(`[${DOT}]`)],
  ['slash', new RegExp(`[${SLASH}]`)],
  ['comma', new RegExp(`[${COMMA}]`)],
  ['underscore', new RegExp(`[${UNDERSCORE}]`)],
];
const IS_BREAK = new RegExp(`[${BREAK}]`);
const IS_SPACE = new RegExp(`[${SPACE}]`);

function separatorKind(separator: string): string {
  const visible = KINDS.filter(([, re]) => re.test(separator)).map(([kind]) => kind);
  if (visible.length > 0) return visible.join('+');
  if (IS_BREAK.test(separator)) return 'break';
  if (IS_SPACE.test(separator)) return 'space';
  return 'bracket';
}

function halfWidth(digits: string): string {
  return digits.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

interface Group {
  start: number;
  end: number;
  digits: string;
  /** The separator before this group (empty for the run's first). */
  kind: string;
}

/** How cards are written: block lengths that can make up one card number. */
function cardGrouping(lengths: readonly number[]): 'block' | 'grouped' | 'spoken' | null {
  if (lengths.length === 1) return 'block';
  if (lengths.every((n) => n === 1)) return 'spoken';
  const shape = lengths.join('-');
  if (shape === '4-4-4-4' || shape === '4-4-4-4-3' || shape === '4-6-5' || shape === '4-6-4')
    return 'grouped';
  return null;
}

function isCard(groups: readonly Group[], i: number, j: number, wholeRun: boolean): boolean {
  let digits = '';
  const lengths: number[] = [];
  for (let k = i; k <= j; k++) {
    const g = groups[k] as Group;
    digits += g.digits;
    lengths.push(g.digits.length);
  }
  if (digits.length < 13 || digits.length > 19 || digits[0] === '0' || !luhnValid(digits))
    return false;
  const grouping = cardGrouping(lengths);
  if (grouping === null) return false;
  const kinds = new Set<string>();
  for (let k = i + 1; k <= j; k++) kinds.add((groups[k] as Group).kind);
  if (kinds.size <= 1) return true;
  // Sloppy typing ("4111 1111-1111 1111") is still a card when nothing else is around it.
  const shape = lengths.join('-');
  return wholeRun && (shape === '4-4-4-4' || shape === '4-6-5');
}

/** Card numbers within one run of digit groups: from each group, the longest card that starts there. */
function cardSpans(run: string, offset: number): [number, number][] {
  const groups: Group[] = [];
  let previousEnd = 0;
  for (const m of run.matchAll(GROUP)) {
    groups.push({
      start: offset + m.index,
      end: offset + m.index + m[0].length,
      digits: halfWidth(m[0]),
      kind: groups.length === 0 ? '' : separatorKind(run.slice(previousEnd, m.index)),
    });
    previousEnd = m.index + m[0].length;
  }
  const spans: [number, number][] = [];
  let i = 0;
  while (i < groups.length) {
    let found = -1;
    let length = 0;
    for (let j = i; j < groups.length; j++) {
      length += (groups[j] as Group).digits.length;
      if (length > 19) break;
      if (isCard(groups, i, j, i === 0 && j === groups.length - 1)) found = j;
    }
    if (found >= 0) {
      spans.push([(groups[i] as Group).start, (groups[found] as Group).end]);
      i = found + 1;
    } else {
      i++;
    }
  }
  return spans;
}

function replaceSpans(text: string, spans: readonly [number, number][], token: string): string {
  let out = '';
  let last = 0;
  for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (start < last) continue;
    out += text.slice(last, start) + token;
    last = end;
  }
  return out + text.slice(last);
}

export function redactCardNumbers(text: string): { text: string; count: number } {
  const spans: [number, number][] = [];
  for (const m of text.matchAll(DIGIT_RUN)) {
    // A run glued to letters or more digits (an order or tracking number) is still checked:
    // over-redacting a Luhn-valid look-alike is the safe side.
    spans.push(...cardSpans(m[0], m.index));
  }
  return { text: replaceSpans(text, spans, REDACTED_CARD), count: spans.length };
}

const CVV_WORDS = [
  // Glued to the code or not: "cvv123", "CVV:123", "cvc 123".
  // "cvv200" is the code 200, not CVV2 and 00.
  '(?<![a-z])(?:(?:cvv|cvc)(?:2(?![0-9\\uFF10-\\uFF19]))?|cid|csc)(?![a-z])',
  '\\bsecurity[\\s-]*code',
  '\\bcard\\s*verification(?:\\s*(?:code|value|number))?',
  '\\b(?:three|3|four|4)[\\s-]*digits?\\s*(?:code|number)',
  'セキュリティ[ーｰ]?[\\s・]*コード',
  'ｾｷｭﾘﾃｨ[ｰ]?\\s*ｺｰﾄﾞ',
  '(?:カード)?(?:の)?裏面?の?[0-9０-９三四]桁',
  '[3-4３-４三四]桁の(?:番号|数字|コード)',
  '確認コード',
  'セキュリティ番号',
].join('|');
const CVV_WORD = new RegExp(`(?:${CVV_WORDS})`, 'giu');
const CODE = new RegExp(`(?<![0-9\\uFF10-\\uFF19])${DIGIT}{3,4}(?![0-9\\uFF10-\\uFF19])`, 'g');
/** How far from the word a code may be: after it (「CVVは123です」) or just before it. */
const AFTER = 30;
const BEFORE = 15;

export function redactSecurityCodes(text: string): { text: string; count: number } {
  const spans: [number, number][] = [];
  const seen = new Set<number>();
  const take = (start: number, end: number): void => {
    if (!seen.has(start)) {
      seen.add(start);
      spans.push([start, end]);
    }
  };
  for (const w of text.matchAll(CVV_WORD)) {
    const wordEnd = w.index + w[0].length;
    // After the word, up to the end of the line.
    const afterText = text.slice(wordEnd, wordEnd + AFTER).split(/\r|\n/)[0] ?? '';
    for (const m of afterText.matchAll(CODE))
      take(wordEnd + m.index, wordEnd + m.index + m[0].length);
    // Before the word: the closest code on the same line.
    const beforeStart = Math.max(0, w.index - BEFORE);
    const beforeText = text.slice(beforeStart, w.index);
    const lineStart = Math.max(beforeText.lastIndexOf('\n'), beforeText.lastIndexOf('\r')) + 1;
    const codes = [...beforeText.slice(lineStart).matchAll(CODE)];
    const closest = codes[codes.length - 1];
    if (closest) {
      const start = beforeStart + lineStart + closest.index;
      // Not the tail of a longer number already handled (a card number is redacted first).
      take(start, start + closest[0].length);
    }
  }
  return { text: replaceSpans(text, spans, REDACTED_CVV), count: spans.length };
}

/** Card numbers first, then security codes; the counts are for the wrap-up form's notice. */
export function redactPaymentData(text: string): PaymentRedaction {
  const cards = redactCardNumbers(text);
  const codes = redactSecurityCodes(cards.text);
  return { text: codes.text, cardNumbers: cards.count, securityCodes: codes.count };
}

/**
 * Every free-text field an agent types into a VoC record (the customer's words, the harassment
 * note) without payment data. The desk applies it before anything is kept and the retailer's
 * server applies it again at ingest, so an older or altered desk cannot store a card number
 * there either. Idempotent: the tokens hold no digits.
 */
export function redactAgentText<
  R extends { customerWords: string; harassment: { note: string } | null },
>(record: R): R {
  return {
    ...record,
    customerWords: redactPaymentData(record.customerWords).text,
    harassment: record.harassment
      ? { ...record.harassment, note: redactPaymentData(record.harassment.note).text }
      : null,
  };
}
