import { describe, expect, it } from 'vitest';
import {
  dataProtectionFrom,
  DEFAULT_DATA_PROTECTION,
} from '../../../../src/shared/privacy/data-protection';
import { maskPhone } from '../../../../src/shared/privacy/mask';

const policy = (params: Record<string, unknown>, active = true) => ({
  kind: 'data_protection',
  active,
  params,
});

describe('the retailer data_protection policy', () => {
  it('defaults to address, e-mail, phone and birthday masked, no activity limit', () => {
    expect(dataProtectionFrom([])).toBe(DEFAULT_DATA_PROTECTION);
    expect([...DEFAULT_DATA_PROTECTION.sensitive]).toEqual([
      'address',
      'email',
      'phone',
      'birthday',
    ]);
    expect(dataProtectionFrom([policy({ sensitiveFields: 'email' }, false)])).toBe(
      DEFAULT_DATA_PROTECTION,
    );
  });

  it('reads the fields and the days, ignoring what it does not know', () => {
    const read = dataProtectionFrom([
      policy({ sensitiveFields: ' email, phone ,salary', activeWithinDays: 365.4 }),
    ]);
    expect([...read.sensitive]).toEqual(['email', 'phone']);
    expect(read.activeWithinDays).toBe(365);
    expect(dataProtectionFrom([policy({ sensitiveFields: '', activeWithinDays: -1 })])).toEqual({
      sensitive: new Set(),
      activeWithinDays: null,
    });
  });

  it('masks a phone but its last 4 digits, whatever its spelling', () => {
    expect(maskPhone('+819012345678')).toBe('***-****-5678');
    expect(maskPhone('090-1234-5678')).toBe('***-****-5678');
    expect(maskPhone('+1 (415) 555-0123')).toBe('***-****-0123');
    expect(maskPhone('110')).toBe('***');
  });
});
