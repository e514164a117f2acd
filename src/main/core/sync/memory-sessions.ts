import type { Session } from '../../../shared/protocol/auth';
import type { SessionStore } from './retailer-api';

/** A session kept in memory only: it never outlives the process (the demo retailer's, a trial sign-in's). */
export function memorySessions(): SessionStore {
  let current: Session | null = null;
  return {
    load: () => current,
    save: (s) => void (current = s),
    clear: () => void (current = null),
  };
}
