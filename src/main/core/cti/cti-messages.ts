import { z } from 'zod';
import type { CallEvent } from '../../../shared/calls/call-session';
import { normalizePhoneText } from '../../../shared/phone';

/**
 * The messages a softphone or telephony connector sends, over HTTP and WebSocket alike.
 *
 *   { "event": "ringing",  "callId": "abc-123", "ani": "090-1234-5678" }
 *   { "event": "answered", "callId": "abc-123" }
 *   { "event": "ended",    "callId": "abc-123" }
 *
 * An optional `requestId` (WebSocket) is echoed in the answer so a client can match them.
 */

/** C0/C1 controls, line separators and bidi overrides: never part of an id or a number. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const callId = z
  .string()
  .min(1, 'callId must not be empty')
  .max(128, 'callId is at most 128 characters')
  .regex(/^[\x21-\x7e]+$/, 'callId is printable ASCII without spaces');

/**
 * What phone systems send for a caller who withheld the number or whose number did not come
 * through (SIP "anonymous", Japanese caller-ID's 非通知 / 公衆電話 / 通知不可能 / 表示圏外, and
 * their English names). Such a call is real: it rings as an unknown caller, with no screen pop.
 * Compared case-insensitively, after NFKC.
 */
export const WITHHELD_ANI = [
  'anonymous',
  'private',
  'withheld',
  'restricted',
  'unavailable',
  'unknown',
  'payphone',
  '非通知',
  '公衆電話',
  '通知不可能',
  '表示圏外',
] as const;

/** Digits with the usual separators and an optional leading +, after folding (see phone.ts). */
const PHONE_CHARACTERS = /^\+?[\d\s().-]*\d[\d\s().-]*$/;

/** True for a number that was withheld or did not come through ("" included). */
export function isWithheldAni(ani: string): boolean {
  const folded = ani.normalize('NFKC').trim().toLowerCase();
  return folded === '' || (WITHHELD_ANI as readonly string[]).includes(folded);
}

/**
 * Any format a phone system writes (E.164, national, with separators, full-width digits, the
 * IME's ー for a hyphen), or a withheld number. Anything else ("abc", an emoji, a SIP URI) is
 * refused: a connector that sends it has a bug the integrator must see, not a silent ring.
 */
const ani = z
  .string()
  .trim()
  .max(64, 'ani is at most 64 characters')
  .refine((value) => !UNSAFE.test(value), 'ani contains control characters')
  .refine(
    (value) => isWithheldAni(value) || PHONE_CHARACTERS.test(normalizePhoneText(value)),
    'ani is not a phone number: send the digits (e.g. "090-1234-5678" or "+81312345678"), or "" or "anonymous" for a withheld number',
  );

const requestId = z.string().max(128).optional();

export const ctiMessage = z.discriminatedUnion('event', [
  z.object({ event: z.literal('ringing'), callId, ani, requestId }).strict(),
  z.object({ event: z.literal('answered'), callId, requestId }).strict(),
  z.object({ event: z.literal('ended'), callId, requestId }).strict(),
]);
export type CtiMessage = z.infer<typeof ctiMessage>;

export type CtiParseResult =
  | { ok: true; event: CallEvent; requestId: string | undefined }
  | { ok: false; error: { code: 'invalid_json' | 'invalid_message'; message: string } };

/** Reads one message (the raw text of a request body or a WebSocket frame). */
export function parseCtiMessage(text: string): CtiParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: { code: 'invalid_json', message: 'The body is not valid JSON.' } };
  }
  const parsed = ctiMessage.safeParse(json);
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid_message', message: describe(parsed.error) } };
  }
  const message = parsed.data;
  const event: CallEvent =
    message.event === 'ringing'
      ? { type: 'ringing', callId: message.callId, ani: message.ani }
      : { type: message.event, callId: message.callId };
  return { ok: true, event, requestId: message.requestId };
}

/** One line a person can act on: which field, what is wrong. */
function describe(error: z.ZodError): string {
  const issues = error.issues.slice(0, 3).map((issue) => {
    if (issue.code === 'invalid_union') {
      return 'event: must be "ringing", "answered" or "ended"';
    }
    const path = issue.path.join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  return `Invalid call event: ${issues.join('; ')}.`;
}
