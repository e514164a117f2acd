import { createRetailerApi } from '../../../src/main/core/sync/retailer-api';
import { memorySessions } from '../../../src/main/core/sync/memory-sessions';

/** A session for a fake retailer that checks no token: the pull tests' server is not real. */
export function fakeSignedInSessions() {
  const sessions = memorySessions();
  sessions.save({
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
  });
  return sessions;
}

export async function signedInApi(baseUrl: string, email: string, password: string) {
  const sessions = memorySessions();
  const api = createRetailerApi({ baseUrl, sessions });
  await api.signIn(email, password);
  return { api, sessions };
}
