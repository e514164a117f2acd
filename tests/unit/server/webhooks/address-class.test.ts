import { describe, expect, it } from 'vitest';
import { classifyAddress } from '../../../../server/src/webhooks/address-class';
import {
  checkWebhookTarget,
  hostOf,
  webhookTargetPolicy,
  type WebhookTargetPolicy,
} from '../../../../server/src/webhooks/webhook-target';

describe('webhook address classification', () => {
  it.each([
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.10', 'private'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.255', 'shared'],
    ['169.254.169.254', 'link_local'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    // Just outside the private ranges: public.
    ['172.32.0.1', 'public'],
    ['100.128.0.1', 'public'],
    ['11.0.0.1', 'public'],
    ['93.184.216.34', 'public'],
    ['8.8.8.8', 'public'],
  ])('IPv4 %s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each([
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['fc00::1', 'unique_local'],
    ['fd12:3456:789a::1', 'unique_local'],
    ['fe80::1', 'link_local'],
    ['fe80::1%eth0', 'link_local'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    // IPv4-translated (::ffff:0:0/96), the rest of ::/8 and Teredo (2001::/32): no receiver.
    ['::ffff:0:808:808', 'reserved'],
    ['::ffff:0:7f00:1', 'reserved'],
    ['::1:0:0:1', 'reserved'],
    ['ff::1', 'reserved'],
    ['2001::1', 'reserved'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
    ['2001:4860:4860::8888', 'public'],
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001:80b::200e', 'public'],
  ])('IPv6 %s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each([
    // IPv4-mapped IPv6 reaches the IPv4 address it carries, in either notation.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'link_local'],
    ['::ffff:a9fe:a9fe', 'link_local'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:93.184.216.34', 'public'],
    // The deprecated IPv4-compatible form, NAT64 and 6to4 carry one too.
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'link_local'],
    ['64:ff9b::808:808', 'public'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:c0a8:101::1', 'private'],
  ])('embedded IPv4 %s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it('rejects what is not an address', () => {
    expect(classifyAddress('example.com')).toBe('invalid');
    expect(classifyAddress('1.2.3')).toBe('invalid');
    expect(classifyAddress('1:2:3')).toBe('invalid');
  });

  it.each([
    // The URL parser normalizes the odd IPv4 spellings to a dotted quad before any check.
    ['https://2130706433/hook', '127.0.0.1'],
    ['https://0x7f.0.0.1/hook', '127.0.0.1'],
    ['https://0177.0.0.1/hook', '127.0.0.1'],
    ['https://127.1/hook', '127.0.0.1'],
    ['https://0xa9fea9fe/', '169.254.169.254'],
    ['https://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
  ])('%s is host %s', (url, host) => {
    expect(hostOf(new URL(url))).toBe(host);
    expect(classifyAddress(hostOf(new URL(url)))).not.toBe('public');
  });
});

describe('webhook target check', () => {
  const names: Record<string, string[]> = {
    'hooks.retailer.example': ['93.184.216.34', '2606:2800:220:1::1'],
    'mixed.example': ['93.184.216.34', '10.0.0.7'],
    'metadata.example': ['169.254.169.254'],
  };
  const policy = (allowPrivate = false): WebhookTargetPolicy =>
    webhookTargetPolicy({
      allowPrivate,
      resolve: async (host) =>
        (names[host] ?? []).map((address) => ({
          address,
          family: address.includes(':') ? 6 : 4,
        })),
    });
  const refusal = (url: string, allowPrivate = false) =>
    checkWebhookTarget(url, policy(allowPrivate)).then(
      () => null,
      (e: { code?: string }) => e.code ?? String(e),
    );

  it('takes an https URL whose every address is public', async () => {
    expect(await refusal('https://hooks.retailer.example/koe')).toBeNull();
    expect(await refusal('https://93.184.216.34/koe')).toBeNull();
  });

  it('refuses plain http, private addresses and names that resolve to one', async () => {
    expect(await refusal('http://hooks.retailer.example/koe')).toBe('webhook_url_not_https');
    expect(await refusal('https://127.0.0.1/')).toBe('webhook_url_forbidden_address');
    expect(await refusal('https://[::1]/')).toBe('webhook_url_forbidden_address');
    expect(await refusal('https://2130706433/')).toBe('webhook_url_forbidden_address');
    expect(await refusal('https://[::ffff:169.254.169.254]/')).toBe(
      'webhook_url_forbidden_address',
    );
    expect(await refusal('https://metadata.example/')).toBe('webhook_url_forbidden_address');
    // One private address among public ones is enough to refuse.
    expect(await refusal('https://mixed.example/')).toBe('webhook_url_forbidden_address');
    expect(await refusal('https://nowhere.example/')).toBe('webhook_url_unresolvable');
  });

  it('lets loopback receivers and plain http through only when allowed explicitly', async () => {
    expect(await refusal('http://127.0.0.1:8080/hook', true)).toBeNull();
    expect(await refusal('https://metadata.example/', true)).toBeNull();
    expect(await refusal('https://made-up.example/', true)).toBeNull();
    // Never another scheme.
    expect(await refusal('ftp://hooks.retailer.example/', true)).toBe('webhook_url_not_https');
    expect(webhookTargetPolicy({}, { KOE_WEBHOOKS_ALLOW_PRIVATE: '1' }).allowPrivate).toBe(true);
    expect(webhookTargetPolicy({}, {}).allowPrivate).toBe(false);
  });
});
