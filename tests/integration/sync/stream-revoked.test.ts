import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRetailerApi } from '../../../src/main/core/sync/retailer-api';
import { AccountLockedError, SyncError } from '../../../src/main/core/sync/sync-error';
import {
  call,
  PASSWORD,
  signIn,
  startTestServer,
  TENANTS,
  type TestServer,
} from '../../fixtures/test-server';
import { memorySessions } from '../../../src/main/core/sync/memory-sessions';

/**
 * The desk's side of a revoked session: when the retailer ends the event stream as `revoked`,
 * the desk's retailer client asks for a fresh session, is refused and reports `unauthorized` (the sync engine's "sign in again"). A locked account's sign-in is told
 * apart from a wrong password. The real client against the real server.
 */

const A = TENANTS[0]!;
const userOf = (role: string, center = 0) =>
  A.users.find(
    (u) => u.role === role && (role === 'retailer_admin' || u.centerId === A.centers[center]),
  )!;

/** Listens until the stream is open; returns how the listening ended. */
async function listening(api: ReturnType<typeof createRetailerApi>) {
  const controller = new AbortController();
  let opened!: () => void;
  const open = new Promise<void>((resolve) => (opened = resolve));
  const ended = api
    .listen({ onOpen: opened, onChanges: () => {}, silenceTimeoutMs: 60_000 }, controller.signal)
    .then(
      (end) => ({ end, error: null }),
      (error: unknown) => ({ end: null, error }),
    );
  await Promise.race([open, ended]);
  return { ended, stop: () => controller.abort() };
}

describe('the desk told its stream was revoked', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ webhooks: false, signInLockout: { attempts: 2 } });
  });
  afterAll(() => server?.close());

  it('asks again, is refused and says to sign in again (user disabled, no desk named)', async () => {
    const agent = userOf('agent');
    const sessions = memorySessions();
    const api = createRetailerApi({ baseUrl: server.url, sessions });
    await api.signIn(agent.email, PASSWORD);
    const stream = await listening(api);
    const admin = await signIn(server.url, userOf('retailer_admin').email);
    await call(server.url, admin, 'POST', `/v1/admin/users/${agent.id}/disable`);
    const { error } = await stream.ended;
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).kind).toBe('unauthorized');
    await call(server.url, admin, 'POST', `/v1/admin/users/${agent.id}/enable`);
  });

  it('hears its desk revoked with its user, and why (user disabled, at a desk)', async () => {
    const agent = userOf('trainer');
    const api = createRetailerApi({
      baseUrl: server.url,
      sessions: memorySessions(),
      desk: { id: 'desk-00000000-0000-4000-8000-0000000000f1', version: '1.0.0' },
    });
    await api.signIn(agent.email, PASSWORD);
    const stream = await listening(api);
    const admin = await signIn(server.url, userOf('retailer_admin').email);
    await call(server.url, admin, 'POST', `/v1/admin/users/${agent.id}/disable`);
    const { error } = await stream.ended;
    // Its refresh (the sign-in revoked with the user) is answered for the desk: it erases.
    expect(error).toMatchObject({ kind: 'device_revoked', revocationReason: 'user_disabled' });
    await call(server.url, admin, 'POST', `/v1/admin/users/${agent.id}/enable`);
  });

  it('does the same when its desk is revoked', async () => {
    const DESK = 'desk-00000000-0000-4000-8000-0000000000f2';
    const sessions = memorySessions();
    const api = createRetailerApi({
      baseUrl: server.url,
      sessions,
      desk: { id: DESK, version: '1.0.0' },
    });
    await api.signIn(userOf('agent', 1).email, PASSWORD);
    const stream = await listening(api);
    const supervisor = await signIn(server.url, userOf('supervisor', 1).email);
    await call(server.url, supervisor, 'POST', `/v1/devices/${DESK}/revoke`);
    const { error } = await stream.ended;
    // The refresh it tries is refused for the desk: the desk's erasure path takes it from here
    // (tests/integration/erasure/desk-revocation.test.ts).
    expect(error).toMatchObject({ kind: 'device_revoked', revocationReason: 'device_revoked' });
  });

  it('tells a locked account apart from a wrong password', async () => {
    const api = createRetailerApi({ baseUrl: server.url, sessions: memorySessions() });
    const email = userOf('trainer').email;
    const wrong = await api.signIn(email, 'wrong').catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(SyncError);
    expect(wrong).not.toBeInstanceOf(AccountLockedError);
    await api.signIn(email, 'wrong again').catch(() => {});
    const locked = await api.signIn(email, PASSWORD).catch((e: unknown) => e);
    expect(locked).toBeInstanceOf(AccountLockedError);
    expect((locked as SyncError).kind).toBe('unauthorized');
  });
});
