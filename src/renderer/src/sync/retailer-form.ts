/**
 * Checks of the retailer connection form, the same rules the core applies (`retailer:connect`
 * in the contract), so the agent hears about a typo before anything is sent.
 */
export type RetailerUrlProblem = 'required' | 'invalid' | 'insecure';
export type EmailProblem = 'invalid';
export type PasswordProblem = 'required';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost']);

/** https:// anywhere; http:// only to this machine (127.0.0.1 or localhost, any port). */
export function checkRetailerUrl(value: string): RetailerUrlProblem | null {
  const url = value.trim();
  if (!url) return 'required';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'invalid';
  }
  if (url.length > 2048 || !parsed.hostname) return 'invalid';
  if (parsed.protocol === 'https:' && /^https:\/\//i.test(url)) return null;
  if (parsed.protocol === 'http:') {
    // The contract's rule is on the text as typed: http://host[:port] then / or the end.
    const loopback = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(url);
    return loopback && LOOPBACK_HOSTS.has(parsed.hostname) ? null : 'insecure';
  }
  return 'invalid';
}

export function checkEmail(value: string): EmailProblem | null {
  const email = value.trim();
  return email.length >= 3 && email.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(email)
    ? null
    : 'invalid';
}

export function checkPassword(value: string): PasswordProblem | null {
  return value.length >= 1 && value.length <= 200 ? null : 'required';
}
