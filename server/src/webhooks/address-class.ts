import { isIP } from 'node:net';

/**
 * What kind of network an IP address belongs to, for the webhook SSRF guard: only `public`
 * addresses may receive a delivery (unless the server allows private receivers explicitly).
 */
export type AddressClass =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared' // carrier-grade NAT, 100.64.0.0/10
  | 'link_local' // incl. 169.254.169.254, the cloud metadata service
  | 'unique_local'
  | 'multicast'
  | 'reserved' // documentation, benchmarking, broadcast, "future use": never a real receiver
  | 'invalid';

interface V4Range {
  base: number;
  bits: number;
  kind: Exclude<AddressClass, 'public' | 'invalid'>;
}

const v4 = (dotted: string, bits: number, kind: V4Range['kind']): V4Range => ({
  base: ipv4ToInt(dotted)!,
  bits,
  kind,
});

/** IANA special-purpose IPv4 ranges (RFC 6890 and successors) that no webhook should reach. */
const V4_RANGES: readonly V4Range[] = [
  v4('0.0.0.0', 8, 'unspecified'),
  v4('10.0.0.0', 8, 'private'),
  v4('100.64.0.0', 10, 'shared'),
  v4('127.0.0.0', 8, 'loopback'),
  v4('169.254.0.0', 16, 'link_local'),
  v4('172.16.0.0', 12, 'private'),
  v4('192.0.0.0', 24, 'reserved'),
  v4('192.0.2.0', 24, 'reserved'),
  v4('192.88.99.0', 24, 'reserved'),
  v4('192.168.0.0', 16, 'private'),
  v4('198.18.0.0', 15, 'reserved'),
  v4('198.51.100.0', 24, 'reserved'),
  v4('203.0.113.0', 24, 'reserved'),
  v4('224.0.0.0', 4, 'multicast'),
  v4('240.0.0.0', 4, 'reserved'),
];

function ipv4ToInt(dotted: string): number | null {
  const parts = dotted.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

function classifyV4(value: number): AddressClass {
  for (const range of V4_RANGES) {
    const size = 2 ** (32 - range.bits);
    if (value >= range.base && value < range.base + size) return range.kind;
  }
  return 'public';
}

/** The 16 bytes of an IPv6 address (`::`, a trailing dotted quad and a zone id handled). */
function ipv6Bytes(address: string): number[] | null {
  let text = address.replace(/%.*$/, '');
  const bytes: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  let tail: number[] = [];
  if (dotted) {
    const n = ipv4ToInt(dotted[1]!);
    if (n === null) return null;
    tail = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
    text = text.slice(0, -dotted[1]!.length);
    // "::ffff:" before the quad leaves a trailing colon that is not a group separator.
    if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
  }
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const total = 8 - tail.length / 2;
  const missing = total - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return null;
  for (const g of [...head, ...Array<string>(missing).fill('0'), ...rest]) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
    const n = parseInt(g, 16);
    bytes.push(n >> 8, n & 255);
  }
  return [...bytes, ...tail];
}

function classifyV6(bytes: number[]): AddressClass {
  const zero = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  const embeddedV4 = () =>
    classifyV4(((bytes[12]! << 24) | (bytes[13]! << 16) | (bytes[14]! << 8) | bytes[15]!) >>> 0);
  if (zero(0, 16)) return 'unspecified';
  if (zero(0, 15) && bytes[15] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and the deprecated IPv4-compatible (::a.b.c.d) forms reach the
  // IPv4 address they carry, as does NAT64 (64:ff9b::/96): judge that address.
  if (zero(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return embeddedV4();
  if (zero(0, 12)) return embeddedV4();
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b) {
    return zero(4, 12) ? embeddedV4() : 'reserved';
  }
  // 6to4 (2002::/16) carries an IPv4 address in its next 32 bits.
  if (bytes[0] === 0x20 && bytes[1] === 0x02) {
    return classifyV4(((bytes[2]! << 24) | (bytes[3]! << 16) | (bytes[4]! << 8) | bytes[5]!) >>> 0);
  }
  if ((bytes[0]! & 0xfe) === 0xfc) return 'unique_local';
  if (bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0x80) return 'link_local';
  // Site-local (fec0::/10): deprecated, but still private wherever it is configured.
  if (bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0xc0) return 'private';
  if (bytes[0] === 0xff) return 'multicast';
  // Documentation (2001:db8::/32) and the discard prefix (100::/64).
  if (bytes[0] === 0x20 && bytes[1] === 0x01 && bytes[2] === 0x0d && bytes[3] === 0xb8) {
    return 'reserved';
  }
  if (bytes[0] === 0x01 && bytes[1] === 0x00 && zero(2, 8)) return 'reserved';
  // The rest of ::/8 (IPv4-translated ::ffff:0:0/96 among it) is no public unicast, and Teredo
  // (2001::/32) tunnels to an IPv4 address a relay chooses: neither is a real receiver.
  if (bytes[0] === 0x00) return 'reserved';
  if (bytes[0] === 0x20 && bytes[1] === 0x01 && bytes[2] === 0x00 && bytes[3] === 0x00) {
    return 'reserved';
  }
  return 'public';
}

/** Classifies a literal IP address (v4 dotted quad, or v6 with or without brackets). */
export function classifyAddress(address: string): AddressClass {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(bare.replace(/%.*$/, ''));
  if (family === 4) {
    const n = ipv4ToInt(bare);
    return n === null ? 'invalid' : classifyV4(n);
  }
  if (family === 6) {
    const bytes = ipv6Bytes(bare);
    return bytes ? classifyV6(bytes) : 'invalid';
  }
  return 'invalid';
}
