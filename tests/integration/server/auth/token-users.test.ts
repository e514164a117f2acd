import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken } from '../../../../server/src/auth/access-tokens';
import { call, signIn, startTestServer, type TestServer } from '../../../fixtures/test-server';

/**
 * An access token is more than a valid signature: its user must exist in its tenant. A token
 * signed for a user that was never created (a leaked secret, a forged id) is refused.
 */

/** The secret `startTestServer` signs with. */
const TEST_SECRET = 'test-secret-0123456789';

describe('access tokens of unknown users', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ webhooks: false });
  });
  afterAll(() => server?.close());

  it('refuses a validly signed token whose user does not exist', async () => {
    const real = await signIn(server.url, 'admin@retailer-a.example');
    expect((await call(server.url, real, 'GET', '/v1/voc')).status).toBe(200);
    for (const forged of [
      { userId: 'ghost', tenantId: 'retailer-a' },
      // A real user id under another tenant is not that user.
      { userId: 'retailer-a-admin', tenantId: 'retailer-b' },
    ]) {
      const token = signAccessToken(
        { ...forged, centerId: null, role: 'retailer_admin' },
        TEST_SECRET,
      );
      const reply = await call(server.url, token, 'GET', '/v1/voc');
      expect(reply.status, JSON.stringify(forged)).toBe(401);
      expect((reply.json as { error: { code: string } }).error.code).toBe('unauthenticated');
      expect((await call(server.url, token, 'GET', '/v1/events')).status).toBe(401);
    }
  });
});
