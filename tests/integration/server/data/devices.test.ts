import { afterAll, beforeAll, expect, it } from 'vitest';
import { session as sessionSchema } from '../../../../src/shared/protocol/auth';
import { deviceList } from '../../../../src/shared/protocol/devices';
import { APP_VERSION_HEADER, DESK_ID_HEADER } from '../../../../src/shared/protocol/update-feed';
import { vocFor } from '../../../fixtures/retailer-records';
import {
  call,
  PASSWORD,
  signIn,
  startTestServer,
  TENANTS,
  type TestServer,
} from '../../../fixtures/test-server';
import { describeEachDatabase } from '../../../fixtures/test-database';

const [A, B] = [TENANTS[0]!, TENANTS[1]!];
const user = (tenant: typeof A, role: string, center = 0) =>
  tenant.users.find(
    (u) => u.role === role && (role === 'retailer_admin' || u.centerId === tenant.centers[center]),
  )!;
const DESK_X = 'desk-00000000-0000-4000-8000-00000000000a';
const DESK_Y = 'desk-00000000-0000-4000-8000-00000000000b';

/** Signs in as a desk does: naming the desk in its header. */
async function deskSignIn(url: string, email: string, deskId?: string) {
  const response = await fetch(`${url}/v1/auth/sign-in`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(deskId ? { [DESK_ID_HEADER]: deskId } : {}),
    },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  return { status: response.status, json: (await response.json()) as unknown };
}

async function deskRefresh(url: string, refreshToken: string, deskId: string) {
  const response = await fetch(`${url}/v1/auth/refresh`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [DESK_ID_HEADER]: deskId },
    body: JSON.stringify({ refreshToken }),
  });
  return { status: response.status, json: (await response.json()) as unknown };
}

describeEachDatabase('device registration and grants on $name', ({ postgres }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ postgres });
  });
  afterAll(() => server?.close());

  it('registers a desk at its first sign-in and gives it the same grant at every sign-in and refresh', async () => {
    const first = sessionSchema.parse(
      (await deskSignIn(server.url, user(A, 'agent').email, DESK_X)).json,
    );
    expect(first.deviceGrant).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const refreshed = await deskRefresh(server.url, first.refreshToken, DESK_X);
    expect(sessionSchema.parse(refreshed.json).deviceGrant).toBe(first.deviceGrant);
    // Another agent of the same retailer on the same desk: the same desk, the same grant.
    const other = sessionSchema.parse(
      (await deskSignIn(server.url, user(A, 'trainer').email, DESK_X)).json,
    );
    expect(other.deviceGrant).toBe(first.deviceGrant);
    // Another desk gets a grant of its own; a client that names no desk gets none.
    const y = sessionSchema.parse(
      (await deskSignIn(server.url, user(A, 'agent', 1).email, DESK_Y)).json,
    );
    expect(y.deviceGrant).toBeDefined();
    expect(y.deviceGrant).not.toBe(first.deviceGrant);
    const plain = sessionSchema.parse((await deskSignIn(server.url, user(A, 'agent').email)).json);
    expect(plain.deviceGrant).toBeUndefined();
  });

  it("lists desks for the retailer's admin (all) and a supervisor (their center's), never another retailer's", async () => {
    const admin = await signIn(server.url, user(A, 'retailer_admin').email);
    const all = deviceList.parse((await call(server.url, admin, 'GET', '/v1/devices')).json);
    expect(all.devices.map((d) => [d.deskId, d.centerId, d.revoked])).toEqual([
      [DESK_X, A.centers[0], false],
      [DESK_Y, A.centers[1], false],
    ]);
    expect(all.devices[0]).toMatchObject({
      registeredBy: user(A, 'agent').id,
      lastUserId: user(A, 'trainer').id,
    });
    const supervisor = await signIn(server.url, user(A, 'supervisor').email);
    const own = deviceList.parse((await call(server.url, supervisor, 'GET', '/v1/devices')).json);
    expect(own.devices.map((d) => d.deskId)).toEqual([DESK_X]);
    const otherRetailer = await signIn(server.url, user(B, 'retailer_admin').email);
    const none = deviceList.parse(
      (await call(server.url, otherRetailer, 'GET', '/v1/devices')).json,
    );
    expect(none.devices).toEqual([]);
    const agent = await signIn(server.url, user(A, 'agent').email);
    expect((await call(server.url, agent, 'GET', '/v1/devices')).status).toBe(403);
  });

  it('refuses the grant to a revoked desk, at refresh and at sign-in; other desks keep theirs', async () => {
    const before = sessionSchema.parse(
      (await deskSignIn(server.url, user(A, 'agent').email, DESK_X)).json,
    );
    // A supervisor of the other center cannot revoke this desk; its own supervisor can.
    const otherSupervisor = await signIn(server.url, user(A, 'supervisor', 1).email);
    expect(
      (await call(server.url, otherSupervisor, 'POST', `/v1/devices/${DESK_X}/revoke`)).status,
    ).toBe(404);
    const supervisor = await signIn(server.url, user(A, 'supervisor').email);
    const revoked = await call(server.url, supervisor, 'POST', `/v1/devices/${DESK_X}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.json).toMatchObject({ deskId: DESK_X, revoked: true });

    const refresh = await deskRefresh(server.url, before.refreshToken, DESK_X);
    expect(refresh.status).toBe(403);
    expect(refresh.json).toMatchObject({ error: { code: 'device_revoked' } });
    expect(refresh.json).not.toHaveProperty('deviceGrant');
    const again = await deskSignIn(server.url, user(A, 'agent').email, DESK_X);
    expect(again.status).toBe(403);
    expect(again.json).toMatchObject({ error: { code: 'device_revoked' } });
    // Revocation is per retailer: the same desk id signing in to another retailer is its own.
    expect((await deskSignIn(server.url, user(B, 'agent').email, DESK_X)).status).toBe(200);
    expect((await deskSignIn(server.url, user(A, 'agent', 1).email, DESK_Y)).status).toBe(200);
  });

  it("refuses a revoked desk's every request but its record pushes; the list says who, which version, when", async () => {
    const DESK_Z = 'desk-00000000-0000-4000-8000-00000000000c';
    const agentUser = user(A, 'agent', 1);
    const signedIn = sessionSchema.parse(
      (await deskSignIn(server.url, agentUser.email, DESK_Z)).json,
    );
    const asDesk = (method: string, path: string, body?: unknown) =>
      fetch(`${server.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${signedIn.accessToken}`,
          [DESK_ID_HEADER]: DESK_Z,
          [APP_VERSION_HEADER]: '2.3.4',
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    expect((await asDesk('GET', '/v1/sync/pull?since=0')).status).toBe(200);
    const admin = await signIn(server.url, user(A, 'retailer_admin').email);
    const listed = deviceList
      .parse((await call(server.url, admin, 'GET', '/v1/devices')).json)
      .devices.find((d) => d.deskId === DESK_Z);
    expect(listed).toMatchObject({
      lastUserName: agentUser.displayName,
      version: '2.3.4',
      revoked: false,
    });
    expect(Date.parse(listed!.lastContactAt)).toBeGreaterThanOrEqual(
      Date.parse(listed!.lastSeenAt),
    );

    expect((await call(server.url, admin, 'POST', `/v1/devices/${DESK_Z}/revoke`)).status).toBe(
      200,
    );
    for (const [method, path] of [
      ['GET', '/v1/sync/pull?since=0'],
      ['GET', '/v1/events'],
      ['GET', '/v1/updates/policy'],
    ] as const) {
      const refused = await asDesk(method, path);
      expect([path, refused.status]).toEqual([path, 403]);
      expect(await refused.json()).toMatchObject({ error: { code: 'device_revoked' } });
    }
    // Its records are still taken: the desk sends its outbox before it erases.
    const record = vocFor(agentUser.id, agentUser.centerId!);
    const pushed = await asDesk('POST', '/v1/voc/batch', { records: [record] });
    expect(pushed.status).toBe(200);
    expect(await pushed.json()).toMatchObject({ results: [{ id: record.id }] });
    // An empty audit push reaches the route's own check (not the revocation's).
    expect(
      await (await asDesk('POST', '/v1/audit/accesses', { entries: [] })).json(),
    ).toMatchObject({ error: { code: 'invalid_request' } });
  });
});
