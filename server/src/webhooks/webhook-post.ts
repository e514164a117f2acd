import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import {
  checkAddress,
  checkProtocol,
  hostOf,
  resolveChecked,
  type WebhookTargetPolicy,
} from './webhook-target';

/**
 * POSTs one webhook delivery and resolves with the HTTP status.
 *
 * Why node:http(s) and not fetch: the SSRF check must apply to the very address the socket
 * connects to. A check followed by fetch() would resolve the name twice, and a hostile DNS
 * server can answer a public address to the check and 127.0.0.1 to the connect (DNS rebinding).
 * Here the socket's own `lookup` resolves, checks every address, and hands the checked one to
 * the connect; TLS still verifies the certificate against the host name (SNI is the name).
 * Redirects are never followed (node:http does not), so the signed payload cannot be bounced
 * elsewhere.
 */
export async function postWebhook(
  rawUrl: string,
  request: { headers: Record<string, string>; body: string; timeoutMs: number },
  policy: WebhookTargetPolicy,
): Promise<number> {
  const url = new URL(rawUrl);
  checkProtocol(url, policy);
  const guardedLookup: LookupFunction = (hostname, options, callback) => {
    resolveChecked(hostname, policy).then(
      (addresses) => {
        // With `all` (Happy Eyeballs) the socket wants every checked address; without, one.
        if (options.all) {
          (callback as unknown as (e: null, a: typeof addresses) => void)(null, addresses);
        } else {
          callback(null, addresses[0]!.address, addresses[0]!.family);
        }
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, '', 0),
    );
  };
  // A literal IP never goes through `lookup`: check it here instead.
  const host = hostOf(url);
  if (isIP(host)) checkAddress(host, host, policy);
  return new Promise<number>((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) },
        lookup: guardedLookup,
        // A socket per delivery: a kept-alive one would skip the lookup (and its check) on reuse
        // after the name moved elsewhere.
        agent: false,
        signal: AbortSignal.timeout(request.timeoutMs),
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}
