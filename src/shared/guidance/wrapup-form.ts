import type { ReasonNode } from '../domain/guidance';
import type { Language } from '../domain/primitives';
import type { VocRecord } from '../domain/voc';
import { redactPaymentData } from './redact-payment-data';

/**
 * The after-call form's rules, shared by the form (inline errors) and the core (which refuses
 * an invalid record anyway). Reasons must be active leaves of the retailer's taxonomy: a call is
 * tagged "late delivery", never just "delivery".
 */
export interface WrapUpForm {
  /** The first is the primary reason. */
  reasonCodes: readonly string[];
  sentiment: VocRecord['sentiment'] | null;
  resolution: VocRecord['resolution'] | null;
  avoidable: boolean | null;
  customerWords: string;
  /** The callback the agent promised (an instant); asked for when the resolution is callback. */
  callbackAt?: string | null;
}

export const MAX_REASONS = 5;
export const MAX_CUSTOMER_WORDS = 4000;

/** How far ahead a callback may be promised: further out, the promise is not a callback. */
export const MAX_CALLBACK_DAYS = 30;
const DAY_MS = 86_400_000;

export type WrapUpField =
  'reasonCodes' | 'sentiment' | 'resolution' | 'callbackAt' | 'customerWords';

export type WrapUpError =
  | { field: 'reasonCodes'; code: 'required' }
  | { field: 'reasonCodes'; code: 'too_many'; max: number }
  | {
      field: 'reasonCodes';
      code: 'unknown_reason' | 'inactive_reason' | 'not_leaf' | 'duplicate';
      reasonCode: string;
    }
  | { field: 'sentiment'; code: 'required' }
  | { field: 'resolution'; code: 'required' }
  | { field: 'callbackAt'; code: 'required' | 'invalid' | 'past' }
  | { field: 'callbackAt'; code: 'too_far'; maxDays: number }
  | { field: 'customerWords'; code: 'too_long'; max: number; length: number };

/** Active codes that have no active children. */
export function leafReasonCodes(taxonomy: readonly ReasonNode[]): Set<string> {
  const active = taxonomy.filter((n) => n.active);
  const parents = new Set(active.map((n) => n.parentCode).filter((c): c is string => c !== null));
  return new Set(active.filter((n) => !parents.has(n.code)).map((n) => n.code));
}

/**
 * The form's errors, in the order of its fields. `now` (epoch ms) checks that a callback is in
 * the future and within `MAX_CALLBACK_DAYS`; without it only its presence is checked (a
 * correction keeps the callback the first save promised, even once that time has passed).
 */
export function validateWrapUp(
  form: WrapUpForm,
  taxonomy: readonly ReasonNode[],
  options: { now?: number } = {},
): WrapUpError[] {
  const errors: WrapUpError[] = [];
  const byCode = new Map(taxonomy.map((n) => [n.code, n]));
  const leaves = leafReasonCodes(taxonomy);
  if (form.reasonCodes.length === 0) errors.push({ field: 'reasonCodes', code: 'required' });
  if (form.reasonCodes.length > MAX_REASONS) {
    errors.push({ field: 'reasonCodes', code: 'too_many', max: MAX_REASONS });
  }
  const seen = new Set<string>();
  for (const reasonCode of form.reasonCodes) {
    const node = byCode.get(reasonCode);
    if (seen.has(reasonCode)) errors.push({ field: 'reasonCodes', code: 'duplicate', reasonCode });
    else if (!node) errors.push({ field: 'reasonCodes', code: 'unknown_reason', reasonCode });
    else if (!node.active)
      errors.push({ field: 'reasonCodes', code: 'inactive_reason', reasonCode });
    else if (!leaves.has(reasonCode))
      errors.push({ field: 'reasonCodes', code: 'not_leaf', reasonCode });
    seen.add(reasonCode);
  }
  if (form.sentiment === null) errors.push({ field: 'sentiment', code: 'required' });
  if (form.resolution === null) errors.push({ field: 'resolution', code: 'required' });
  if (form.resolution === 'callback') {
    const error = callbackError(form.callbackAt ?? null, options.now);
    if (error) errors.push(error);
  }
  // The limit is on what is stored, after the payment data is taken out: a security code's
  // mark is longer than the code it replaces, so words just under the limit can end over it.
  const storedLength = redactPaymentData(form.customerWords).text.length;
  if (storedLength > MAX_CUSTOMER_WORDS) {
    errors.push({
      field: 'customerWords',
      code: 'too_long',
      max: MAX_CUSTOMER_WORDS,
      length: storedLength,
    });
  }
  return errors;
}

function callbackError(callbackAt: string | null, now: number | undefined): WrapUpError | null {
  if (callbackAt === null || callbackAt === '') return { field: 'callbackAt', code: 'required' };
  const at = Date.parse(callbackAt);
  if (Number.isNaN(at)) return { field: 'callbackAt', code: 'invalid' };
  if (now === undefined) return null;
  if (at <= now) return { field: 'callbackAt', code: 'past' };
  if (at > now + MAX_CALLBACK_DAYS * DAY_MS) {
    return { field: 'callbackAt', code: 'too_far', maxDays: MAX_CALLBACK_DAYS };
  }
  return null;
}

/** Whether a call for this reason is avoidable by default; false for an unknown code. */
export function avoidableDefault(reasonCode: string, taxonomy: readonly ReasonNode[]): boolean {
  return taxonomy.find((n) => n.code === reasonCode)?.avoidableDefault ?? false;
}

/** The words for a form error, next to its field. */
export function describeWrapUpError(error: WrapUpError, locale: Language): string {
  const ja = locale === 'ja';
  switch (error.code) {
    case 'required':
      if (error.field === 'reasonCodes') return ja ? '理由を選んでください。' : 'Choose a reason.';
      if (error.field === 'sentiment')
        return ja ? 'お客さまの感情を選んでください。' : 'Choose the sentiment.';
      if (error.field === 'callbackAt') {
        return ja
          ? '折り返しの日時を入力してください。'
          : 'Enter the date and time of the callback.';
      }
      return ja ? '対応結果を選んでください。' : 'Choose the resolution.';
    case 'invalid':
      return ja
        ? '折り返しの日時を正しく入力してください。'
        : 'Enter a valid date and time for the callback.';
    case 'past':
      return ja
        ? '折り返しの日時は今より後にしてください。'
        : 'The callback must be later than now.';
    case 'too_far':
      return ja
        ? `折り返しは${error.maxDays}日以内の日時にしてください。`
        : `The callback must be within ${error.maxDays} days.`;
    case 'too_many':
      return ja ? `理由は${error.max}つまでです。` : `At most ${error.max} reasons.`;
    case 'unknown_reason':
      return ja
        ? `理由コード ${error.reasonCode} は存在しません。`
        : `Unknown reason code ${error.reasonCode}.`;
    case 'inactive_reason':
      return ja
        ? `理由コード ${error.reasonCode} は現在使われていません。`
        : `Reason ${error.reasonCode} is no longer in use.`;
    case 'not_leaf':
      return ja ? 'より具体的な理由を選んでください。' : 'Choose a more specific reason.';
    case 'duplicate':
      return ja
        ? `理由 ${error.reasonCode} が重複しています。`
        : `Reason ${error.reasonCode} is listed twice.`;
    case 'too_long':
      return ja
        ? `お客さまの言葉は${error.max}文字までです（カード情報を伏せて保存すると${error.length}文字）。`
        : `Customer’s words: at most ${error.max} characters (${error.length} as stored, card data masked).`;
  }
}
