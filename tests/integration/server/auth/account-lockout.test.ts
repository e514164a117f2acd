import { afterAll, beforeAll, expect, it } from 'vitest';
import { lockedAccountList } from '../../../../src/shared/protocol/accounts';
import {
  lockedUntil,
  recordFailedSignIn,
  type LockoutPolicy,
} from '../../../../server/src/auth/account-lockout';
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
 * The per-account sign-in limit: after `attempts` wrong passwords within the window, the account
 * is locked (the right password is refused too, with `account_locked` and until when), the
 * retailer admin sees it and can lift it, and the lock ends by itself. On SQLite and PostgreSQL.
 */

const [A, B] = [TENANTS[0]!, TENANTS[1]!];
const agentOf = (tenant: typeof A, center = 0) =>
  tenant.users.find((u) => u.role === 'agent' && u.centerId === tenant.centers[center])!;
const adminOf = (tenant: typeof A) => tenant.users.find((u) => u.role === 'retailer_admin')!;

const POLICY: LockoutPolicy = { attempts: 3, windowMs: 10 * 60_000, lockMs: 10 * 60_000 };

async function signInAs(url: string, email: string, password: string) {
  const response = await fetch(`${url}/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    json: (await response.json()) as { error?: { code: string; message: string } },
  };
}

describeEachDatabase('per-account sign-in lockout on $name', ({ postgres }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ postgres, webhooks: false, signInLockout: POLICY });
  });
  afterAll(() => server?.close());

  it('locks an account after too many wrong passwords, refuses even the right one, and shows it to the admin until unlocked', async () => {
    const agent = agentOf(A);
    for (let i = 1; i < POLICY.attempts; i++) {
      const wrong = await signInAs(server.url, agent.email, `wrong ${i}`);
      expect(wrong.status).toBe(401);
      expect(wrong.json.error?.code).toBe('invalid_credentials');
    }
    const locking = await signInAs(server.url, agent.email, 'wrong again');
    expect(locking.status).toBe(423);
    expect(locking.json.error?.code).toBe('account_locked');

    const right = await signInAs(server.url, agent.email, PASSWORD);
    expect(right.status).toBe(423);
    expect(right.json.error?.code).toBe('account_locked');
    expect(Number(right.retryAfter)).toBeGreaterThan(0);
    expect(Number(right.retryAfter)).toBeLessThanOrEqual(POLICY.lockMs / 1000);
    // Another account of the same retailer signs in as before.
    await signIn(server.url, agentOf(A, 1).email);

    const admin = await signIn(server.url, adminOf(A).email);
    const listed = await call(server.url, admin, 'GET', '/v1/admin/accounts/locked');
    expect(listed.status).toBe(200);
    const { accounts } = lockedAccountList.parse(listed.json);
    expect(accounts.map((a) => a.userId)).toEqual([agent.id]);
    expect(accounts[0]!.email).toBe(agent.email);
    expect(right.json.error?.message).toContain(accounts[0]!.lockedUntil);
    expect(Date.parse(accounts[0]!.lockedUntil)).toBeGreaterThan(Date.now());

    // Another retailer's admin sees nothing of it and cannot unlock it; an agent may not look.
    const otherAdmin = await signIn(server.url, adminOf(B).email);
    const foreign = await call(server.url, otherAdmin, 'GET', '/v1/admin/accounts/locked');
    expect(lockedAccountList.parse(foreign.json).accounts).toEqual([]);
    expect(
      (await call(server.url, otherAdmin, 'POST', `/v1/admin/accounts/${agent.id}/unlock`)).status,
    ).toBe(404);
    const peer = await signIn(server.url, agentOf(A, 1).email);
    expect((await call(server.url, peer, 'GET', '/v1/admin/accounts/locked')).status).toBe(403);

    const unlocked = await call(server.url, admin, 'POST', `/v1/admin/accounts/${agent.id}/unlock`);
    expect(unlocked.json).toEqual({ userId: agent.id, unlocked: true });
    expect((await signInAs(server.url, agent.email, PASSWORD)).status).toBe(200);
    const after = await call(server.url, admin, 'GET', '/v1/admin/accounts/locked');
    expect(lockedAccountList.parse(after.json).accounts).toEqual([]);
  });

  it('counts wrong passwords sent at once from many connections, and a right one starts the count again', async () => {
    const agent = agentOf(B);
    // Below the limit, then a right password: the count starts again.
    for (let i = 1; i < POLICY.attempts; i++)
      expect((await signInAs(server.url, agent.email, 'nope')).status).toBe(401);
    expect((await signInAs(server.url, agent.email, PASSWORD)).status).toBe(200);
    expect((await signInAs(server.url, agent.email, 'nope')).status).toBe(401);
    // Many at once: every one is counted, so the account ends up locked.
    const burst = await Promise.all(
      Array.from({ length: POLICY.attempts * 2 }, () => signInAs(server.url, agent.email, 'x')),
    );
    expect(burst.some((r) => r.status === 423)).toBe(true);
    expect(burst.every((r) => r.status === 401 || r.status === 423)).toBe(true);
    const right = await signInAs(server.url, agent.email, PASSWORD);
    expect(right.json.error?.code).toBe('account_locked');
  });

  it('documents the refusals and the admin operations in the API document', async () => {
    const document = (await call(server.url, null, 'GET', '/openapi.json')).json as {
      paths: Record<string, Record<string, { operationId: string; responses: object }>>;
    };
    const signInResponses = document.paths['/v1/auth/sign-in']!.post!.responses;
    expect(Object.keys(signInResponses)).toEqual(expect.arrayContaining(['401', '403', '423']));
    expect(JSON.stringify(signInResponses)).toContain('account_locked');
    expect(document.paths['/v1/admin/accounts/locked']!.get!.operationId).toBe(
      'getV1AdminAccountsLocked',
    );
    expect(document.paths['/v1/admin/accounts/{userId}/unlock']!.post!.operationId).toBe(
      'postV1AdminAccountsUserIdUnlock',
    );
    const voc = document.paths['/v1/voc']!.get!.responses as Record<
      string,
      { description: string }
    >;
    expect(voc['401']!.description).toContain('device_revoked');
  });

  it('ends the lock by itself once its time has passed, and forgets failures outside the window', async () => {
    const db = server.store.db;
    const user = { id: agentOf(A, 1).id, tenant_id: A.id };
    const t0 = Date.parse('2026-12-07T09:00:00.000Z');
    // Failures spread wider than the window never lock.
    for (let i = 0; i < POLICY.attempts * 2; i++) {
      const at = t0 + i * (POLICY.windowMs / 2 + 1);
      expect(await recordFailedSignIn(db, user, POLICY, at)).toBeNull();
    }
    const t1 = t0 + 10 * POLICY.windowMs;
    let until: string | null = null;
    for (let i = 0; i < POLICY.attempts; i++)
      until = await recordFailedSignIn(db, user, POLICY, t1);
    expect(until).toBe(new Date(t1 + POLICY.lockMs).toISOString());
    expect(await lockedUntil(db, user.id, t1 + POLICY.lockMs - 1)).toBe(until);
    expect(await lockedUntil(db, user.id, t1 + POLICY.lockMs)).toBeNull();
  });
});
