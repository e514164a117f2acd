import { afterAll, beforeAll, expect, it } from 'vitest';
import { session as sessionSchema, type Session } from '../../../../src/shared/protocol/auth';
import { DESK_ID_HEADER } from '../../../../src/shared/protocol/update-feed';
import {
  call,
  PASSWORD,
  signIn,
  startTestServer,
  TENANTS,
  type TestServer,
} from '../../../fixtures/test-server';
import { describeEachDatabase } from '../../../fixtures/test-database';

/**
 * An access token stops working before it expires when its refresh family is revoked (a reused
 * refresh token), its user is disabled, or its desk is revoked, on every server process: the
 * one that recorded the revocation at once, the others on the notice (PostgreSQL LISTEN/NOTIFY;
 * the periodic reload is set to an hour here, so only the notice can carry it in time).
 */

const [A] = [TENANTS[0]!];
const userOf = (role: string, center = 0) =>
  A.users.find(
    (u) => u.role === role && (role === 'retailer_admin' || u.centerId === A.centers[center]),
  )!;

async function post(url: string, path: string, body: unknown, deskId?: string) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(deskId ? { [DESK_ID_HEADER]: deskId } : {}),
    },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    json: (await response.json()) as { error?: { code: string } } & Partial<Session>,
  };
}

async function sessionOf(url: string, email: string, deskId?: string): Promise<Session> {
  const reply = await post(url, '/v1/auth/sign-in', { email, password: PASSWORD }, deskId);
  if (reply.status !== 200) throw new Error(`sign-in ${email}: ${JSON.stringify(reply.json)}`);
  return sessionSchema.parse(reply.json);
}

/** The refusal a token meets now (or 200). */
async function probe(url: string, token: string): Promise<number | string> {
  const reply = await call(url, token, 'GET', '/v1/sync/pull?limit=1');
  if (reply.status === 200) return 200;
  return (reply.json as { error: { code: string } }).error.code;
}

/** Asks until the token is refused (the notice reached that process), at most `ms`. */
async function refusedSoon(url: string, token: string, ms = 10_000): Promise<number | string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const outcome = await probe(url, token);
    if (outcome !== 200 || Date.now() > deadline) return outcome;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describeEachDatabase('access tokens that stop working on $name', ({ postgres }) => {
  let server: TestServer;
  /** Where the tokens are used: another process over the same database on PostgreSQL. */
  let elsewhere: string;
  beforeAll(async () => {
    server = await startTestServer({ postgres, webhooks: false, revocationReloadMs: 3_600_000 });
    elsewhere = postgres ? (await server.startPeer()).url : server.url;
  });
  afterAll(() => server?.close());

  it('stops every token of a sign-in whose refresh token was used twice', async () => {
    const email = userOf('agent').email;
    const first = await sessionOf(server.url, email);
    const other = await sessionOf(server.url, email);
    const rotated = await post(server.url, '/v1/auth/refresh', {
      refreshToken: first.refreshToken,
    });
    expect(rotated.status).toBe(200);
    const second = sessionSchema.parse(rotated.json);
    expect(await probe(elsewhere, first.accessToken)).toBe(200);
    expect(await probe(elsewhere, second.accessToken)).toBe(200);

    // The spent token again: a copy. The whole family stops, here and on the other process.
    const replay = await post(server.url, '/v1/auth/refresh', { refreshToken: first.refreshToken });
    expect(replay.json.error?.code).toBe('invalid_refresh_token');
    expect(await probe(server.url, second.accessToken)).toBe('session_revoked');
    expect(await refusedSoon(elsewhere, second.accessToken)).toBe('session_revoked');
    expect(await probe(elsewhere, first.accessToken)).toBe('session_revoked');
    // The same user's other sign-in is not that family.
    expect(await probe(elsewhere, other.accessToken)).toBe(200);
  });

  it("stops a disabled user's tokens and sign-ins, and lets them in again once enabled", async () => {
    const agent = userOf('agent', 1);
    const admin = await signIn(server.url, userOf('retailer_admin').email);
    const before = await sessionOf(server.url, agent.email);
    const bystander = await sessionOf(server.url, userOf('trainer', 1).email);
    expect(await probe(elsewhere, before.accessToken)).toBe(200);

    const disabled = await call(server.url, admin, 'POST', `/v1/admin/users/${agent.id}/disable`);
    expect(disabled.status).toBe(200);
    expect(await probe(server.url, before.accessToken)).toBe('user_disabled');
    expect(await refusedSoon(elsewhere, before.accessToken)).toBe('user_disabled');
    expect(await probe(elsewhere, bystander.accessToken)).toBe(200);
    const signInAgain = await post(elsewhere, '/v1/auth/sign-in', {
      email: agent.email,
      password: PASSWORD,
    });
    expect([signInAgain.status, signInAgain.json.error?.code]).toEqual([403, 'user_disabled']);
    const refresh = await post(elsewhere, '/v1/auth/refresh', {
      refreshToken: before.refreshToken,
    });
    expect(refresh.status).toBe(401);
    // An admin cannot lock themselves out.
    const self = await call(
      server.url,
      admin,
      'POST',
      `/v1/admin/users/${userOf('retailer_admin').id}/disable`,
    );
    expect(self.status).toBe(400);

    await call(server.url, admin, 'POST', `/v1/admin/users/${agent.id}/enable`);
    const after = await sessionOf(elsewhere, agent.email);
    expect(await probe(elsewhere, after.accessToken)).toBe(200);
    expect(await probe(server.url, after.accessToken)).toBe(200);
    // The tokens from before the disabling stay stopped.
    expect(await probe(elsewhere, before.accessToken)).toBe('user_disabled');
  });

  it("stops a revoked desk's tokens; the same user on another desk goes on", async () => {
    const DESK = 'desk-00000000-0000-4000-8000-0000000000d1';
    const OTHER = 'desk-00000000-0000-4000-8000-0000000000d2';
    const agent = userOf('agent');
    const onDesk = await sessionOf(server.url, agent.email, DESK);
    const onOther = await sessionOf(server.url, agent.email, OTHER);
    expect(await probe(elsewhere, onDesk.accessToken)).toBe(200);
    const supervisor = await signIn(server.url, userOf('supervisor').email);
    const revoked = await call(server.url, supervisor, 'POST', `/v1/devices/${DESK}/revoke`);
    expect(revoked.status).toBe(200);
    expect(await probe(server.url, onDesk.accessToken)).toBe('device_revoked');
    expect(await refusedSoon(elsewhere, onDesk.accessToken)).toBe('device_revoked');
    expect(await probe(elsewhere, onOther.accessToken)).toBe(200);
  });
});
