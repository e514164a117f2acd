import { AppError } from '../platform/errors';
import type { PreferencesStore } from '../preferences';
import { memorySessions } from './memory-sessions';
import { createRetailerApi, type SessionStore } from './retailer-api';
import { signInRefusal } from './sign-in-refusal';

export interface RetailerChange {
  retailerUrl: string;
  email: string;
  password: string;
}

/**
 * Settings' "connect to a retailer": signs in on a scratch session first, so a wrong address or
 * password changes nothing; on success the session is kept in `saveTo` and the address in the
 * preferences, and the running sync keeps its own session until the app restarts on the new
 * retailer. `saveTo` is null when this Koe has no retailer connection to change.
 */
export function retailerConnector(deps: {
  saveTo: SessionStore | null;
  preferences: PreferencesStore;
}): (change: RetailerChange) => Promise<{ retailerUrl: string }> {
  return async ({ retailerUrl, email, password }) => {
    if (!deps.saveTo)
      throw new AppError('unavailable', 'This Koe has no retailer connection to change.');
    const scratch = memorySessions();
    const api = createRetailerApi({ baseUrl: retailerUrl, sessions: scratch });
    try {
      await api.signIn(email, password);
    } catch (error) {
      throw new AppError('unavailable', (error as Error).message, signInRefusal(error));
    }
    const session = scratch.load();
    if (!session) throw new AppError('unavailable', 'The retailer returned no session.');
    deps.saveTo.save(session);
    deps.preferences.update({ retailerUrl });
    return { retailerUrl };
  };
}
