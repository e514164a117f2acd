/**
 * Removes payment card data from free text (the customer's own words, notes) before it is
 * stored: card numbers (13–19 digits, grouped by spaces or hyphens, half- or full-width) that
 * pass the Luhn check become `[REDACTED_CARD]`; 3–4 digit numbers near a security-code word
 * (CVV, CVC, セキュリティコード, 裏面の3桁…) become `[REDACTED_CVV]` — PCI DSS forbids keeping a
 * security code after authorization, so these are removed whatever they look like.
 */
export const REDACTED_CARD = '[REDACTED_CARD]';
export const REDACTED_CVV = '[REDACTED_CVV]';

export interface PaymentRedaction {
  text: string;
  cardNumbers: number;
  securityCodes: number;
}

const DIGIT = '[0-9\\uFF10-\\uFF19]';
/** Space, hyphen and their full-width and dash-like look-alikes, one between digit groups. */
const SEP = '[ \\-\\u3000\\uFF0D\\u2010-\\u2015\\u2212\\u30FC]';
const DIGIT_RUN = new RegExp(`${DIGIT}+(?:${SEP}${DIGIT}+)*`, 'g');

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
}

/** Card numbers within one run of digit groups: the longest Luhn-valid window of whole groups. */
function cardSpans(run: string, offset: number): [number, number][] {
  const groups: Group[] = [];
  for (const m of run.matchAll(new RegExp(`${DIGIT}+`, 'g'))) {
    groups.push({
      start: offset + m.index,
      end: offset + m.index + m[0].length,
      digits: halfWidth(m[0]),
    });
  }
  const spans: [number, number][] = [];
  let i = 0;
  while (i < groups.length) {
    let found = -1;
    let digits = '';
    const candidates: [number, string][] = [];
    for (let j = i; j < groups.length; j++) {
      digits += (groups[j] as Group).digits;
      if (digits.length > 19) break;
      if (digits.length >= 13) candidates.push([j, digits]);
    }
    for (let k = candidates.length - 1; k >= 0; k--) {
      const [j, d] = candidates[k] as [number, string];
      if (luhnValid(d)) {
        found = j;
        break;
      }
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
  '\\b(?:cvv2?|cvc2?|cid|csc)\\b',
  '\\bsecurity\\s*code',
  '\\bcard\\s*verification(?:\\s*(?:code|value|number))?',
  '\\b(?:three|3|four|4)[\\s-]*digits?\\s*(?:code|number)',
  'セキュリティ[ーｰ]?\\s*コード',
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
