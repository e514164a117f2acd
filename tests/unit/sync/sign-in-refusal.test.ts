import { describe, expect, it } from 'vitest';
import { signInRefusal } from '../../../src/main/core/sync/sign-in-refusal';
import { AccountLockedError, SyncError } from '../../../src/main/core/sync/sync-error';

describe('why a sign-in in Settings failed, as the page words it', () => {
  it('tells a locked account apart from a wrong password', () => {
    expect(signInRefusal(new AccountLockedError('locked until …'))).toBe('account_locked');
    expect(signInRefusal(new SyncError('unauthorized', 'wrong password'))).toBe('sign_in_refused');
    expect(signInRefusal(new SyncError('offline', 'no network'))).toBe('retailer_unreachable');
    expect(signInRefusal(new Error('other'))).toBeUndefined();
  });
});
