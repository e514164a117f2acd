import { describe, expect, it } from 'vitest';
import { accessTokenSeconds } from '../../../../server/src/auth/access-tokens';

/**
 * KOE_ACCESS_TOKEN_SECONDS (the load test sets seconds, so desks outlive their tokens while
 * held): unset means 15 minutes, and a value that is not a lifetime stops the server with why
 * rather than signing tokens that expire at once or never.
 */
describe('the access-token lifetime setting', () => {
  it('is 15 minutes unless set', () => {
    expect(accessTokenSeconds(undefined)).toBe(900);
    expect(accessTokenSeconds('')).toBe(900);
    expect(accessTokenSeconds('2')).toBe(2);
  });

  it.each(['0', '-5', '1.5', 'ten', '86401', 'Infinity'])(
    'refuses %s with a clear error',
    (value) => {
      expect(() => accessTokenSeconds(value)).toThrow(
        `KOE_ACCESS_TOKEN_SECONDS must be a whole number of seconds from 1 to 86400, not "${value}".`,
      );
    },
  );
});
