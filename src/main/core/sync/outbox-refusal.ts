import type { RefusalCode } from '../../../shared/sync-status';

/**
 * A quarantined outbox row keeps why the retailer refused it in `last_error`, as JSON of a code
 * (worded in the agent's language by the UI) and the retailer's own words. Rows quarantined
 * before codes existed hold the bare words: they read as `other`.
 */
export function encodeRefusal(reason: RefusalCode, detail: string): string {
  return JSON.stringify({ reason, detail });
}

export function decodeRefusal(stored: string | null): { reason: RefusalCode; detail: string } {
  if (stored?.startsWith('{')) {
    try {
      const parsed = JSON.parse(stored) as { reason?: unknown; detail?: unknown };
      if (isRefusalCode(parsed.reason) && typeof parsed.detail === 'string') {
        return { reason: parsed.reason, detail: parsed.detail };
      }
    } catch {
      // Not ours: fall through to the bare words.
    }
  }
  return { reason: 'other', detail: stored ?? '' };
}

/** The code for a push outcome the server did not accept. */
export function refusalOf(
  status: 'conflict' | 'rejected',
  code?: 'outreach_call_not_reported',
): RefusalCode {
  if (status === 'conflict') return 'conflict';
  return code ?? 'not_allowed';
}

function isRefusalCode(value: unknown): value is RefusalCode {
  return (
    value === 'conflict' ||
    value === 'not_allowed' ||
    value === 'invalid' ||
    value === 'outreach_call_not_reported' ||
    value === 'other'
  );
}
