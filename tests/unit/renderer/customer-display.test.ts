import { describe, expect, it } from 'vitest';
import { maskAddress, maskEmail } from '../../../src/shared/privacy/mask';
import { displayName, displayReading } from '../../../src/renderer/src/customers/names';
import {
  estimateMissesPromise,
  retailerDate,
  shipmentDelayDays,
} from '../../../src/renderer/src/customers/shipment-delay';

describe('masking personal data', () => {
  it('keeps the first letter and the domain of an email', () => {
    expect(maskEmail('hanako.sato@gmail.com')).toBe('h***@gmail.com');
    expect(maskEmail('山田@example.jp')).toBe('山***@example.jp');
    expect(maskEmail('not-an-email')).toBe('***');
  });

  it('keeps the municipality of a Japanese address and hides the street', () => {
    expect(maskAddress('世田谷区桜新町1-2-3 サクラハイツ101')).toBe('世田谷区***');
    expect(maskAddress('横浜市中区山下町1')).toBe('横浜市***');
    expect(maskAddress('123 Main Street')).toBe('***');
    expect(maskAddress('Springfield 742 Evergreen Terrace')).toBe('Springfield ***');
  });
});

describe('names', () => {
  const sato = {
    familyName: '佐藤',
    givenName: '花子',
    familyNameKana: 'サトウ',
    givenNameKana: 'ハナコ',
  };
  const smith = {
    familyName: 'Smith',
    givenName: 'John',
    familyNameKana: 'スミス',
    givenNameKana: 'ジョン',
  };

  it('reads a Japanese name family first and a Latin one given first, reading in the same order', () => {
    expect(displayName(sato)).toBe('佐藤 花子');
    expect(displayReading(sato)).toBe('サトウ ハナコ');
    expect(displayName(smith)).toBe('John Smith');
    expect(displayReading(smith)).toBe('ジョン スミス');
  });

  it('gives an English screen a Japanese name’s reading in Latin letters, as a passport spells it', () => {
    expect(displayReading(sato, 'en')).toBe('Sato Hanako');
    expect(
      displayReading({ ...sato, familyNameKana: 'オオノ', givenNameKana: 'ショウタ' }, 'en'),
    ).toBe('Ono Shota');
    // A Latin name needs no help; a name without a reading stays without one.
    expect(displayReading(smith, 'en')).toBe('');
    expect(displayReading({ ...sato, familyNameKana: '', givenNameKana: '' }, 'en')).toBe('');
  });
});

describe('shipment delay', () => {
  const today = '2026-11-23';

  it('counts the days past the promise until today while not delivered', () => {
    const shipment = { promisedDate: '2026-11-20', estimatedDate: '2026-11-24', deliveredAt: null };
    expect(shipmentDelayDays(shipment, today)).toBe(3);
    expect(estimateMissesPromise(shipment)).toBe(true);
  });

  it('is 0 before the promised day, even when the estimate already misses it', () => {
    const shipment = { promisedDate: '2026-11-25', estimatedDate: '2026-11-27', deliveredAt: null };
    expect(shipmentDelayDays(shipment, today)).toBe(0);
    expect(estimateMissesPromise(shipment)).toBe(true);
  });

  it('uses the Tokyo delivery day once delivered', () => {
    // 2026-11-19T16:00Z is already the 20th in Tokyo.
    const shipment = {
      promisedDate: '2026-11-19',
      estimatedDate: '2026-11-19',
      deliveredAt: '2026-11-19T16:00:00.000Z',
    };
    expect(shipmentDelayDays(shipment, today)).toBe(1);
    expect(estimateMissesPromise(shipment)).toBe(false);
    expect(retailerDate(new Date('2026-11-19T16:00:00.000Z'))).toBe('2026-11-20');
  });
});
