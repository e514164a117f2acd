import { afterAll, beforeAll, expect, it } from 'vitest';
import { ACCESS_TOKEN_SECONDS, signAccessToken } from '../../../../server/src/auth/access-tokens';
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
import { arrivals } from '../../../fixtures/arrivals';
import { describeEachDatabase } from '../../../fixtures/test-database';

/**
 * An open event stream (the desk's sync stream, which carries the floor's events too) is
 * re-checked while it is open: it ends with `event: revoked` and the reason when its token's
 * sign-in, user or desk is revoked (on another server process too), and with `event: expired`
 * when the token expires. Each wait ends on the stream's own end, never on a timer.
 */

const A = TENANTS[0]!;
const userOf = (role: string, center = 0) =>
  A.users.find(
    (u) => u.role === role && (role === 'retailer_admin' || u.centerId === A.centers[center]),
  )!;
/** The secret `startTestServer` signs with. */
const TEST_SECRET = 'test-secret-0123456789';

interface StreamMessage {
  event: string;
  data: unknown;
}

/** Opens /v1/events; `ended` resolves with every message once the server ends the stream. */
async function openStream(url: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(`${url}/v1/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  if (response.status !== 200 || !response.body) throw new Error(`stream: ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const messages = arrivals<StreamMessage>('stream message');
  let buffer = '';
  let connected!: () => void;
  const opened = new Promise<void>((resolve) => (connected = resolve));
  const ended = (async () => {
    for (;;) {
      // Closed by the test itself: what arrived until then.
      const { value, done } = await reader.read().catch((error: unknown) => {
        if (controller.signal.aborted) return { value: undefined, done: true as const };
        throw error;
      });
      if (done) return messages.seen;
      buffer += decoder.decode(value, { stream: true });
      if (buffer.includes(': connected')) connected();
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(message)?.[1];
        const data = /^data: (.*)$/m.exec(message)?.[1];
        if (event) messages.add({ event, data: data ? JSON.parse(data) : null });
      }
    }
  })();
  await opened;
  /** Resolves when a message of this event has arrived (fails the test after 10 s). */
  const heard = (name: string) => messages.next((m) => m.event === name, 10_000);
  return { ended, heard, close: () => controller.abort() };
}

/** The stream's end, or a failure naming what it saw, after `ms`. */
function endOf(stream: Awaited<ReturnType<typeof openStream>>, ms = 10_000) {
  return Promise.race([
    stream.ended,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`the stream was not ended within ${ms} ms`)), ms),
    ),
  ]);
}

async function deskSession(url: string, email: string, deskId: string): Promise<Session> {
  const response = await fetch(`${url}/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [DESK_ID_HEADER]: deskId },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  return sessionSchema.parse(await response.json());
}

describeEachDatabase('open event streams re-checked on $name', ({ postgres }) => {
  let server: TestServer;
  let elsewhere: string;
  beforeAll(async () => {
    server = await startTestServer({ postgres, webhooks: false, revocationReloadMs: 3_600_000 });
    elsewhere = postgres ? (await server.startPeer()).url : server.url;
  });
  afterAll(() => server?.close());

  it("ends a desk's stream when the desk is revoked, and leaves other desks' streams open", async () => {
    const DESK = 'desk-00000000-0000-4000-8000-0000000000e1';
    const OTHER = 'desk-00000000-0000-4000-8000-0000000000e2';
    const revokedDesk = await openStream(
      elsewhere,
      (await deskSession(server.url, userOf('agent').email, DESK)).accessToken,
    );
    const otherDesk = await openStream(
      elsewhere,
      (await deskSession(server.url, userOf('agent').email, OTHER)).accessToken,
    );
    const supervisor = await signIn(server.url, userOf('supervisor').email);
    expect((await call(server.url, supervisor, 'POST', `/v1/devices/${DESK}/revoke`)).status).toBe(
      200,
    );
    const messages = await endOf(revokedDesk);
    expect(messages.at(-1)).toEqual({ event: 'revoked', data: { reason: 'device_revoked' } });
    // The same re-check passed over the other desk's stream, which still hears the changes.
    const admin = await signIn(server.url, userOf('retailer_admin').email);
    await call(server.url, admin, 'PUT', '/v1/admin/retention', { days: 700 });
    await otherDesk.heard('changes');
    otherDesk.close();
  });

  it("ends a supervisor's floor stream when the user is disabled", async () => {
    const supervisor = userOf('supervisor', 1);
    const stream = await openStream(elsewhere, await signIn(server.url, supervisor.email));
    const admin = await signIn(server.url, userOf('retailer_admin').email);
    await call(server.url, admin, 'POST', `/v1/admin/users/${supervisor.id}/disable`);
    const messages = await endOf(stream);
    expect(messages.at(-1)).toEqual({ event: 'revoked', data: { reason: 'user_disabled' } });
    await call(server.url, admin, 'POST', `/v1/admin/users/${supervisor.id}/enable`);
  });

  it('ends a stream when its sign-in is revoked (a refresh token used twice)', async () => {
    const response = await fetch(`${server.url}/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: userOf('trainer').email, password: PASSWORD }),
    });
    const first = sessionSchema.parse(await response.json());
    const stream = await openStream(elsewhere, first.accessToken);
    const refresh = () =>
      fetch(`${server.url}/v1/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: first.refreshToken }),
      });
    expect((await refresh()).status).toBe(200);
    expect((await refresh()).status).toBe(401);
    const messages = await endOf(stream);
    expect(messages.at(-1)).toEqual({ event: 'revoked', data: { reason: 'session_revoked' } });
  });

  it('ends a stream when its token expires, telling the desk to reconnect with a fresh one', async () => {
    const admin = userOf('retailer_admin');
    // Issued so that it expires within about two seconds.
    const token = signAccessToken(
      { userId: admin.id, tenantId: A.id, centerId: null, role: 'retailer_admin' },
      TEST_SECRET,
      Date.now() - ACCESS_TOKEN_SECONDS * 1000 + 2_000,
    );
    const stream = await openStream(elsewhere, token);
    const messages = await endOf(stream);
    expect(messages.at(-1)).toEqual({ event: 'expired', data: {} });
  });
});
