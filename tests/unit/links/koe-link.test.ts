import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findKoeLinkInArgv, parseKoeLink } from '../../../src/main/core/links/koe-link';

describe('parseKoeLink', () => {
  it('reads the three link shapes', () => {
    expect(parseKoeLink('koe://call?ani=09012345678')).toEqual({
      to: 'screenPop',
      phone: '09012345678',
    });
    expect(parseKoeLink('koe://customer/C-000123_a')).toEqual({
      to: 'customer',
      customerId: 'C-000123_a',
    });
    expect(parseKoeLink('koe://search?q=%E4%BD%90%E8%97%A4%20%E8%8A%B1%E5%AD%90')).toEqual({
      to: 'search',
      query: '佐藤 花子',
    });
  });

  it('keeps a + in a caller number (E.164), but reads + as a space in a search', () => {
    expect(parseKoeLink('koe://call?ani=+819012345678')).toEqual({
      to: 'screenPop',
      phone: '+819012345678',
    });
    expect(parseKoeLink('koe://call?ani=%2B81-90-1234-5678')).toEqual({
      to: 'screenPop',
      phone: '+81-90-1234-5678',
    });
    expect(parseKoeLink('koe://search?q=order+1234')).toEqual({
      to: 'search',
      query: 'order 1234',
    });
  });

  it('reads full-width digits and dash look-alikes (ー, −, –) as the number they spell', () => {
    for (const [link, phone] of [
      ['koe://call?ani=%EF%BC%90%EF%BC%99%EF%BC%90', '090'],
      ['koe://call?ani=090%E3%83%BC1234%E3%83%BC5678', '090-1234-5678'],
      ['koe://call?ani=090%E2%88%921234%E2%88%925678', '090-1234-5678'],
      ['koe://call?ani=090%E2%80%931234%E2%80%935678', '090-1234-5678'],
    ] as const) {
      expect(parseKoeLink(link), link).toEqual({ to: 'screenPop', phone });
    }
  });

  it('accepts what launchers commonly do to a link', () => {
    expect(parseKoeLink('KOE://CALL?ani=0312345678')).toEqual({
      to: 'screenPop',
      phone: '0312345678',
    });
    expect(parseKoeLink('koe://call/?ani=0312345678')).toEqual({
      to: 'screenPop',
      phone: '0312345678',
    });
    // A softphone may add its own parameters; they are ignored.
    expect(parseKoeLink('koe://call?line=2&ani=0312345678')).toEqual({
      to: 'screenPop',
      phone: '0312345678',
    });
    expect(parseKoeLink('koe://search?q=%20%20sato%20%20')).toEqual({
      to: 'search',
      query: 'sato',
    });
  });

  it('refuses other schemes and unknown targets', () => {
    for (const url of [
      'https://call?ani=1',
      'http://evil.example/koe://call?ani=1',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'koe:call?ani=1',
      'koe:/call?ani=1',
      'koe://settings?reset=1',
      'koe://',
      'koe://call.evil.example?ani=1',
      ' koe://call?ani=1',
      '',
    ]) {
      expect(parseKoeLink(url), url).toBeNull();
    }
  });

  it('refuses credentials, ports, fragments and extra paths', () => {
    for (const url of [
      'koe://user@call?ani=0312345678',
      'koe://user:pw@call?ani=0312345678',
      'koe://call:8080?ani=0312345678',
      'koe://call?ani=0312345678#x',
      'koe://call/extra?ani=0312345678',
      'koe://search/../call?q=x',
      'koe://customer/C1/',
      'koe://customer/C1/orders',
      'koe://customer/C1?x=1',
      'koe://customer',
      'koe://customer/',
    ]) {
      expect(parseKoeLink(url), url).toBeNull();
    }
  });

  it('refuses missing, empty, repeated and malformed values', () => {
    for (const url of [
      'koe://call',
      'koe://call?ani=',
      'koe://call?ani=%20%20',
      'koe://call?ani',
      'koe://call?ani=1&ani=2',
      'koe://call?ani=%E0%A4%A',
      'koe://call?ani=abc',
      'koe://call?ani=+',
      'koe://call?ani=---',
      'koe://call?ani=090<script>',
      'koe://call?ani=abc',
      'koe://call?ani=%E3%83%BC%E3%83%BC', // ーー: dash look-alikes alone are no number
      'koe://search',
      'koe://search?q=',
      'koe://search?q=a&q=b',
      'koe://search?q=%',
    ]) {
      expect(parseKoeLink(url), url).toBeNull();
    }
  });

  it('refuses customer ids outside [A-Za-z0-9_-]', () => {
    for (const id of [
      'C%201',
      'C.1',
      '..',
      '%2E%2E',
      'C%2F1',
      '顧客1',
      'C%001',
      "C1'--",
      'C1;DROP',
    ]) {
      expect(parseKoeLink(`koe://customer/${id}`), id).toBeNull();
    }
  });

  it('refuses over-long values', () => {
    expect(parseKoeLink(`koe://search?q=${'a'.repeat(100)}`)).toEqual({
      to: 'search',
      query: 'a'.repeat(100),
    });
    expect(parseKoeLink(`koe://search?q=${'a'.repeat(101)}`)).toBeNull();
    expect(parseKoeLink(`koe://customer/${'a'.repeat(64)}`)).not.toBeNull();
    expect(parseKoeLink(`koe://customer/${'a'.repeat(65)}`)).toBeNull();
    expect(parseKoeLink(`koe://customer/${'a'.repeat(101)}`)).toBeNull();
    expect(parseKoeLink(`koe://call?ani=${'1'.repeat(40)}`)).not.toBeNull();
    expect(parseKoeLink(`koe://call?ani=${'1'.repeat(41)}`)).toBeNull();
    expect(parseKoeLink(`koe://call?ani=${'1'.repeat(101)}`)).toBeNull();
    expect(parseKoeLink(`koe://search?q=a&pad=${'x'.repeat(5000)}`)).toBeNull();
  });

  it('refuses control characters, raw or percent-encoded, and bidi overrides', () => {
    for (const url of [
      'koe://call?ani=090\n1234',
      'koe://call?ani=090\t1234',
      'koe://cal\tl?ani=0901234',
      'koe://call?ani=0901234\u0000',
      'koe://call?ani=0901234%00',
      'koe://search?q=sato%0Ainjected',
      'koe://search?q=sato%0D%0A',
      'koe://search?q=%1B%5B31m',
      'koe://search?q=%C2%85next',
      'koe://search?q=abc%E2%80%AEcba', // U+202E right-to-left override
      'koe://search?q=a%E2%80%A8b', // U+2028 line separator
      'koe://customer/C1\u0000',
      'koe://search?q=sato\u202e',
    ]) {
      expect(parseKoeLink(url), JSON.stringify(url)).toBeNull();
    }
  });

  it('never throws and only ever returns a contract-shaped value, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 200 }),
          fc.webUrl(),
          fc
            .tuple(
              fc.constantFrom('koe://call?ani=', 'koe://customer/', 'koe://search?q='),
              fc.string({ unit: 'binary', maxLength: 150 }),
            )
            .map(([prefix, rest]) => prefix + rest),
        ),
        (url) => {
          const link = parseKoeLink(url);
          if (link === null) return;
          if (link.to === 'customer') expect(link.customerId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
          if (link.to === 'screenPop') expect(link.phone).toMatch(/^\+?[0-9 ().-]{1,40}$/);
          if (link.to === 'search') {
            expect(link.query.length).toBeGreaterThan(0);
            expect(link.query.length).toBeLessThanOrEqual(100);
            // eslint-disable-next-line no-control-regex
            expect(link.query).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
          }
        },
      ),
    );
  });

  it('refuses non-string input from untyped callers', () => {
    expect(parseKoeLink(undefined as unknown as string)).toBeNull();
    expect(parseKoeLink({ toString: () => 'koe://call?ani=1' } as unknown as string)).toBeNull();
  });
});

describe('findKoeLinkInArgv', () => {
  it('finds the link Windows passes to a second instance among Chromium switches', () => {
    expect(
      findKoeLinkInArgv([
        'C:\\Program Files\\Koe\\Koe.exe',
        '--allow-file-access-from-files',
        '--original-process-start-time=13350000000000000',
        'koe://call?ani=0312345678',
      ]),
    ).toBe('koe://call?ani=0312345678');
  });

  it('finds it in a development launch (electron . -- link)', () => {
    expect(findKoeLinkInArgv(['/usr/bin/electron', '.', '--', 'koe://customer/C1'])).toBe(
      'koe://customer/C1',
    );
  });

  it('returns null when there is no valid link', () => {
    expect(findKoeLinkInArgv([])).toBeNull();
    expect(findKoeLinkInArgv(['/opt/Koe/koe', '--no-sandbox'])).toBeNull();
    expect(findKoeLinkInArgv(['/opt/Koe/koe', 'koe://settings?reset=1'])).toBeNull();
    expect(findKoeLinkInArgv(['/opt/Koe/koe', 'https://evil.example'])).toBeNull();
    expect(findKoeLinkInArgv(undefined as unknown as string[])).toBeNull();
  });

  it('skips an invalid link and takes the next valid one', () => {
    expect(findKoeLinkInArgv(['koe', 'koe://call?ani=x', 'koe://search?q=sato'])).toBe(
      'koe://search?q=sato',
    );
  });
});
