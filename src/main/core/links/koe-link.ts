import type { IpcEvents } from '../../../shared/ipc';
import { normalizePhoneText } from '../../../shared/phone';

/**
 * koe:// links: how a softphone, a CRM or a colleague's chat message asks Koe to show something.
 *
 *   koe://call?ani=<caller number>   → screen pop for that number
 *   koe://customer/<customer id>     → that customer's card
 *   koe://search?q=<text>            → the search box, filled in
 *
 * Any web page can launch a koe:// link, so every link is hostile until proven otherwise: only
 * these three shapes pass, each value is bounded and checked, and anything else is null (the
 * link is ignored, never half-understood).
 */
export type KoeLink = IpcEvents['app:navigate'];

/** No legitimate link is longer; a longer one is refused before it is parsed. */
const MAX_LINK_LENGTH = 1024;
/** The longest value any link may carry (ids and queries are far shorter in practice). */
const MAX_VALUE_LENGTH = 100;
/** The screen-pop channel accepts at most 40 characters of phone number. */
const MAX_PHONE_LENGTH = 40;
const MAX_CUSTOMER_ID_LENGTH = 64;

const CUSTOMER_ID = /^[A-Za-z0-9_-]+$/;
/** Digits with the usual separators, an optional leading +, and at least one digit. */
const PHONE = /^\+?[0-9 ().-]+$/;
/**
 * C0/C1 controls, line/paragraph separators and bidi overrides: none belongs in a phone number,
 * an id or a search, and bidi overrides can make a value display as something it is not.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

export function parseKoeLink(url: string): KoeLink | null {
  if (typeof url !== 'string' || url.length > MAX_LINK_LENGTH) return null;
  // Checked on the raw text: the URL parser silently drops tabs and newlines and trims controls.
  if (UNSAFE_CHARACTERS.test(url)) return null;
  if (!/^koe:\/\//i.test(url)) return null;

  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  // A link names a target, nothing more: credentials, ports and fragments have no meaning here.
  if (parsed.username || parsed.password || parsed.port || parsed.hash) return null;

  const query = parseQuery(parsed.search);
  if (!query) return null;

  switch (parsed.hostname.toLowerCase()) {
    case 'call': {
      if (!isRootPath(parsed.pathname)) return null;
      // '+' is literal here (an E.164 number), not a form-encoded space.
      // Full-width digits and dash look-alikes (ー, −, –) are read as the number they spell.
      const raw = single(query, 'ani', { plusIsSpace: false });
      const phone = raw === null ? null : normalizePhoneText(raw);
      if (!phone || phone.length > MAX_PHONE_LENGTH || !PHONE.test(phone)) return null;
      if (!/[0-9]/.test(phone)) return null;
      return { to: 'screenPop', phone };
    }
    case 'customer': {
      if (query.length > 0) return null;
      const customerId = parsed.pathname.slice(1);
      if (!parsed.pathname.startsWith('/') || customerId.length > MAX_CUSTOMER_ID_LENGTH) {
        return null;
      }
      return CUSTOMER_ID.test(customerId) ? { to: 'customer', customerId } : null;
    }
    case 'search': {
      if (!isRootPath(parsed.pathname)) return null;
      const text = single(query, 'q', { plusIsSpace: true })?.trim();
      if (!text || text.length > MAX_VALUE_LENGTH || UNSAFE_CHARACTERS.test(text)) return null;
      return { to: 'search', query: text };
    }
    default:
      return null;
  }
}

/**
 * Windows and Linux start a second instance with the link as a command-line argument (the first
 * instance receives that argv in 'second-instance'); Chromium may add switches around it.
 * Returns the first argument that is a valid Koe link.
 */
export function findKoeLinkInArgv(argv: readonly string[]): string | null {
  if (!Array.isArray(argv)) return null;
  for (const arg of argv) {
    if (typeof arg === 'string' && parseKoeLink(arg)) return arg;
  }
  return null;
}

/** Some launchers append a slash to the host (`koe://call/?ani=…`); nothing else may follow. */
function isRootPath(pathname: string): boolean {
  return pathname === '' || pathname === '/';
}

interface QueryPair {
  name: string;
  rawValue: string;
}

/** Splits `?a=1&b=2` without decoding values yet (decoding depends on the parameter). */
function parseQuery(search: string): QueryPair[] | null {
  if (search === '' || search === '?') return [];
  const pairs: QueryPair[] = [];
  for (const part of search.slice(1).split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? '' : part.slice(eq + 1);
    const decodedName = decode(name, true);
    if (decodedName === null) return null;
    pairs.push({ name: decodedName, rawValue });
  }
  return pairs;
}

/**
 * The one value of `name`, decoded; null when absent, repeated (which one would be meant?) or
 * badly percent-encoded. Other parameters are ignored: a softphone may add its own.
 */
function single(
  pairs: readonly QueryPair[],
  name: string,
  options: { plusIsSpace: boolean },
): string | null {
  const matches = pairs.filter((pair) => pair.name === name);
  if (matches.length !== 1 || !matches[0]) return null;
  const value = decode(matches[0].rawValue, options.plusIsSpace);
  if (value === null || UNSAFE_CHARACTERS.test(value)) return null;
  return value;
}

function decode(raw: string, plusIsSpace: boolean): string | null {
  try {
    return decodeURIComponent(plusIsSpace ? raw.replace(/\+/g, ' ') : raw);
  } catch {
    return null;
  }
}
