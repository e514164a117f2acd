import type { ReasonNode } from '../domain/guidance';
import type { Language } from '../domain/primitives';
import type { VocRecord } from '../domain/voc';
import { catalogs, type Catalog } from '../i18n';
import { fill } from '../i18n/fill';
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

/**
 * How long the customer's words are as stored: after the payment data is taken out. The limit
 * is on this, and the form's counter shows it: a security code's mark is longer than the code it
 * replaces, so words just under the limit as typed can end over it.
 */
export function storedWordsLength(customerWords: string): number {
  return redactPaymentData(customerWords).text.length;
}

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
  const storedLength = storedWordsLength(form.customerWords);
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

/** A key of `wrapUp.errors` without its plural suffix (i18next adds it from `count`). */
type ErrorKey<K = keyof Catalog['wrapUp']['errors']> = K extends `${infer Base}_${'one' | 'other'}`
  ? Base
  : K;

/**
 * A form error's sentence: its key in the catalogs' `wrapUp.errors` and the values it is filled
 * with. `count`, where present, picks the plural form; other numbers come formatted for `locale`.
 */
export interface WrapUpErrorMessage {
  key: ErrorKey;
  values: { count?: number } & Record<string, string | number>;
}

const REQUIRED_KEYS = {
  reasonCodes: 'reasonRequired',
  sentiment: 'sentimentRequired',
  resolution: 'resolutionRequired',
  callbackAt: 'callbackRequired',
} as const satisfies Record<Exclude<WrapUpField, 'customerWords'>, ErrorKey>;

/** Which catalog sentence says a form error (the renderer says it with i18next's `t`). */
export function wrapUpErrorMessage(error: WrapUpError, locale: Language): WrapUpErrorMessage {
  switch (error.code) {
    case 'required':
      return { key: REQUIRED_KEYS[error.field], values: {} };
    case 'invalid':
      return { key: 'callbackInvalid', values: {} };
    case 'past':
      return { key: 'callbackPast', values: {} };
    case 'too_far':
      return { key: 'callbackTooFar', values: { count: error.maxDays } };
    case 'too_many':
      return { key: 'tooManyReasons', values: { count: error.max } };
    case 'unknown_reason':
      return { key: 'unknownReason', values: { code: error.reasonCode } };
    case 'inactive_reason':
      return { key: 'inactiveReason', values: { code: error.reasonCode } };
    case 'not_leaf':
      return { key: 'notLeaf', values: {} };
    case 'duplicate':
      return { key: 'duplicateReason', values: { code: error.reasonCode } };
    case 'too_long': {
      const number = new Intl.NumberFormat(locale);
      return {
        key: 'wordsTooLong',
        values: { max: number.format(error.max), length: number.format(error.length) },
      };
    }
  }
}

/**
 * The words for a form error where there is no i18next (main's refusal of an invalid record):
 * the same catalog sentence, its plural form picked by the language's rules as i18next does.
 */
export function describeWrapUpError(error: WrapUpError, locale: Language): string {
  const { key, values } = wrapUpErrorMessage(error, locale);
  const words: Record<string, string | undefined> = catalogs[locale].wrapUp.errors;
  const form =
    values.count === undefined
      ? key
      : `${key}_${new Intl.PluralRules(locale).select(values.count)}`;
  return fill(words[form] ?? words[`${key}_other`] ?? key, values);
}
