import { describe, expect, it } from 'vitest';
import { luhnValid, redactPaymentData } from '../../../../src/shared/guidance';

describe('redactPaymentData', () => {
  it('redacts Luhn-valid card numbers in the usual groupings', () => {
    for (const card of [
      '4111111111111111',
      '4111 1111 1111 1111',
      '4111-1111-1111-1111',
      '3782 822463 10005', // Amex, 15 digits
      '3530111333300000', // JCB
      '4222222222222', // 13 digits
      '6011 0009 9013 9424 123'.slice(0, 19), // Discover
    ]) {
      const r = redactPaymentData(`番号は${card}です`);
      expect(r.text).toBe('番号は[REDACTED_CARD]です');
      expect(r.cardNumbers).toBe(1);
    }
  });

  it('full-width digits and separators too', () => {
    const r = redactPaymentData('カードは４１１１　１１１１－１１１１－１１１１です');
    expect(r).toEqual({ text: 'カードは[REDACTED_CARD]です', cardNumbers: 1, securityCodes: 0 });
  });

  it('keeps numbers that fail Luhn or are not card-length (orders, phones, tracking)', () => {
    const text =
      '4111 1111 1111 1112、注文 KO-2611-0000123、電話 090-1234-5678、伝票 4567-8901-2345';
    expect(redactPaymentData(text)).toEqual({ text, cardNumbers: 0, securityCodes: 0 });
  });

  it('finds the card inside a longer run (card followed by more digits)', () => {
    const r = redactPaymentData('4111 1111 1111 1111 0425');
    expect(r.text).toBe('[REDACTED_CARD] 0425');
  });

  it('never keeps a security code near CVV words, in Japanese or English', () => {
    const cases: [string, string][] = [
      ['CVVは123です', 'CVVは[REDACTED_CVV]です'],
      ['security code: 4567', 'security code: [REDACTED_CVV]'],
      ['セキュリティコードは ９８７ です', 'セキュリティコードは [REDACTED_CVV] です'],
      ['裏面の3桁は321', '裏面の3桁は[REDACTED_CVV]'],
      ['321が裏の3桁です', '[REDACTED_CVV]が裏の3桁です'],
      ['cvc 111, no wait 112', 'cvc [REDACTED_CVV], no wait [REDACTED_CVV]'],
    ];
    for (const [input, output] of cases) {
      const r = redactPaymentData(input);
      expect(r.text).toBe(output);
      expect(r.securityCodes).toBeGreaterThan(0);
    }
  });

  it('card and code together; unrelated 3-digit numbers elsewhere are kept', () => {
    const r = redactPaymentData('カード 4111-1111-1111-1111、CVV 123。\n商品は3個、500円でした。');
    expect(r).toEqual({
      text: 'カード [REDACTED_CARD]、CVV [REDACTED_CVV]。\n商品は3個、500円でした。',
      cardNumbers: 1,
      securityCodes: 1,
    });
    expect(redactPaymentData('I decided on 250 units').text).toBe('I decided on 250 units');
  });

  it('the security-code spellings the issue names', () => {
    for (const typed of [
      'cvv123',
      'CVV:123',
      'セキュリティコード 123',
      'セキュリティーコード：１２３',
    ]) {
      const r = redactPaymentData(typed);
      expect(r.securityCodes, typed).toBe(1);
      expect(r.text, typed).not.toMatch(/[0-9０-９]{3}/);
    }
  });

  it('a Luhn-valid 16 digits starting with 0 is no card (every Japanese phone starts with 0)', () => {
    const text = '受付番号 0000-0000-0000-0000 です';
    expect(redactPaymentData(text)).toEqual({ text, cardNumbers: 0, securityCodes: 0 });
  });

  it('luhnValid', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('12a4')).toBe(false);
  });
});
