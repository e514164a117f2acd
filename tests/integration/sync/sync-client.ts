import type { Session } from '../../../src/shared/protocol/auth';
import { createRetailerApi, type SessionStore } from '../../../src/main/core/sync/retailer-api';

/** An in-memory session store (the app keeps it in safeStorage; tests need no persistence). */
export function memorySessions(): SessionStore & { current: Session | null } {
  const store = {
    current: null as Session | null,
    load: () => store.current,
    save: (s: Session) => void (store.current = s),
    clear: () => void (store.current = null),
  };
  return store;
}

/** A session for a fake retailer that checks no token: the pull tests' server is not real. */
export function fakeSignedInSessions() {
  const sessions = memorySessions();
  sessions.current = {
    accessToken: 'access',
    refreshToken: 'refresh-token-0123456789',
    expiresInSeconds: 900,
    user: {
      id: 'agent-1',
      tenantId: 'retailer',
      centerId: 'center',
      role: 'agent',
      displayName: 'agent',
    },
  };
  return sessions;
}

export async function signedInApi(baseUrl: string, email: string, password: string) {
  const sessions = memorySessions();
  const api = createRetailerApi({ baseUrl, sessions });
  await api.signIn(email, password);
  return { api, sessions };
}
