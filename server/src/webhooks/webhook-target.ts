import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { classifyAddress, type AddressClass } from './address-class';

/**
 * The SSRF guard of webhooks. A retailer admin names a URL and the server POSTs to it, so a URL
 * pointing inside the server's network (a database, 169.254.169.254's cloud credentials, an
 * admin port on loopback) would let anyone with that role probe and poke it. The URL is checked
 * when it is registered or changed, and again at every delivery, since what a name resolves to
 * can change after the check.
 */
export interface WebhookTargetPolicy {
  /**
   * Lets deliveries go to loopback and private receivers, over plain http too. Only for the
   * tests and the embedded demo, whose receivers run on this machine; a served API keeps it off
   * (`KOE_WEBHOOKS_ALLOW_PRIVATE=1` turns it on explicitly).
   */
  allowPrivate: boolean;
  /** Every address a name resolves to (the system resolver; tests inject their own). */
  resolve(hostname: string): Promise<{ address: string; family: number }[]>;
}

export type WebhookTargetErrorCode =
  'webhook_url_not_https' | 'webhook_url_forbidden_address' | 'webhook_url_unresolvable';

export class WebhookTargetError extends Error {
  constructor(
    readonly code: WebhookTargetErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const systemResolve: WebhookTargetPolicy['resolve'] = (hostname) =>
  lookup(hostname, { all: true, verbatim: true });

export function webhookTargetPolicy(
  overrides: Partial<WebhookTargetPolicy> = {},
  env: NodeJS.ProcessEnv = process.env,
): WebhookTargetPolicy {
  return {
    allowPrivate: overrides.allowPrivate ?? env.KOE_WEBHOOKS_ALLOW_PRIVATE === '1',
    resolve: overrides.resolve ?? systemResolve,
  };
}

const CLASS_WORDS: Record<Exclude<AddressClass, 'public'>, string> = {
  unspecified: 'an unspecified address',
  loopback: 'a loopback address',
  private: 'a private network address',
  shared: 'a carrier-grade NAT address',
  link_local: 'a link-local address',
  unique_local: 'a unique-local IPv6 address',
  multicast: 'a multicast address',
  reserved: 'a reserved address',
  invalid: 'an address that is not valid',
};

/** The URL's host without IPv6 brackets (`new URL` already turned 0x7f.1 or 2130706433 into a quad). */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** Refuses the protocol before anything is resolved: only https leaves the machine. */
export function checkProtocol(url: URL, policy: Pick<WebhookTargetPolicy, 'allowPrivate'>): void {
  const ok = url.protocol === 'https:' || (policy.allowPrivate && url.protocol === 'http:');
  if (!ok) {
    throw new WebhookTargetError(
      'webhook_url_not_https',
      'A webhook URL must use https:// (the payload carries customer data and is signed).',
    );
  }
}

/** Refuses an address that is not on the public internet, naming what it is. */
export function checkAddress(
  host: string,
  address: string,
  policy: Pick<WebhookTargetPolicy, 'allowPrivate'>,
): void {
  if (policy.allowPrivate) return;
  const kind = classifyAddress(address);
  if (kind === 'public') return;
  const where = host === address ? address : `${host} (${address})`;
  throw new WebhookTargetError(
    'webhook_url_forbidden_address',
    `A webhook may not be delivered to ${where}: it is ${CLASS_WORDS[kind]}, not a public one.`,
  );
}

/**
 * Resolves a name and checks every address it has: one private address among public ones is
 * refused too, or a resolver could pick it at delivery time.
 */
export async function resolveChecked(
  host: string,
  policy: WebhookTargetPolicy,
): Promise<{ address: string; family: number }[]> {
  if (isIP(host)) {
    checkAddress(host, host, policy);
    return [{ address: host, family: isIP(host) }];
  }
  let addresses: { address: string; family: number }[];
  try {
    addresses = await policy.resolve(host);
  } catch {
    addresses = [];
  }
  if (addresses.length === 0) {
    throw new WebhookTargetError(
      'webhook_url_unresolvable',
      `The webhook host ${host} does not resolve to any address.`,
    );
  }
  for (const a of addresses) checkAddress(host, a.address, policy);
  return addresses;
}

/**
 * The check at registration (create or URL change). With private targets allowed there is
 * nothing to refuse, so the name is not resolved either (a test's made-up host may not exist).
 */
export async function checkWebhookTarget(raw: string, policy: WebhookTargetPolicy): Promise<void> {
  const url = new URL(raw);
  checkProtocol(url, policy);
  if (policy.allowPrivate) return;
  await resolveChecked(hostOf(url), policy);
}
