import { afterAll, beforeAll, expect, it } from 'vitest';
import { uuidV7 } from '../../../../src/shared/uuid-v7';
import {
  bulkAccessPolicyList,
  bulkAccessPolicyView,
  type BulkAccessPolicySave,
} from '../../../../src/shared/access-audit/bulk-access-policies';
import {
  call,
  signIn,
  startTestServer,
  TENANTS,
  type TestServer,
} from '../../../fixtures/test-server';
import { describeEachDatabase } from '../../../fixtures/test-database';

/**
 * The admin's bulk-access policies on a real retailer API: only a retailer admin of the tenant
 * lists and saves them, the protocol's bounds are enforced, an edit changes the same policy,
 * and what is saved is what the server evaluates and the desks pull.
 */
const [A, B] = TENANTS as [(typeof TENANTS)[number], (typeof TENANTS)[number]];
const userOf = (tenant: typeof A, role: string) => tenant.users.find((u) => u.role === role)!;
const admin = userOf(A, 'retailer_admin');
const adminB = userOf(B, 'retailer_admin');
const agent = userOf(A, 'agent');
const supervisor = userOf(A, 'supervisor');

const URL_PATH = '/v1/admin/bulk-access-policies';
const policy: BulkAccessPolicySave = {
  labelJa: '検索の掃き出し',
  labelEn: 'Search sweep',
  metric: 'search_sweep',
  threshold: 3,
  windowMinutes: 10,
  action: 'notify_supervisor',
  active: true,
};

describeEachDatabase('bulk-access policies for the admin on $name', ({ postgres }) => {
  let server: TestServer;
  const tokens = new Map<string, string>();
  const as = (u: { email: string }) => tokens.get(u.email)!;

  beforeAll(async () => {
    server = await startTestServer({ postgres });
    for (const u of [admin, adminB, agent, supervisor])
      tokens.set(u.email, await signIn(server.url, u.email));
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lets only the retailer admin save them, within the bounds, and edits the same policy', async () => {
    for (const u of [agent, supervisor]) {
      expect((await call(server.url, as(u), 'GET', URL_PATH)).status).toBe(403);
      expect((await call(server.url, as(u), 'POST', URL_PATH, policy)).status).toBe(403);
    }
    for (const wrong of [
      { ...policy, threshold: -1 },
      { ...policy, windowMinutes: 1_441 },
      { ...policy, labelJa: '  ' },
      { ...policy, metric: 'everything' },
      { ...policy, extra: true },
    ]) {
      const refused = await call(server.url, as(admin), 'POST', URL_PATH, wrong);
      expect(refused.status, JSON.stringify(wrong)).toBe(400);
    }
    const created = await call(server.url, as(admin), 'POST', URL_PATH, policy);
    expect(created.status, JSON.stringify(created.json)).toBe(200);
    const saved = bulkAccessPolicyView.parse(created.json);
    expect(saved).toMatchObject(policy);

    const edited = await call(server.url, as(admin), 'POST', URL_PATH, {
      ...policy,
      id: saved.id,
      threshold: 5,
      active: false,
    });
    expect(bulkAccessPolicyView.parse(edited.json)).toMatchObject({
      id: saved.id,
      threshold: 5,
      active: false,
    });
    const listed = bulkAccessPolicyList.parse(
      (await call(server.url, as(admin), 'GET', URL_PATH)).json,
    );
    expect(listed.policies.filter((p) => p.id === saved.id)).toEqual([
      expect.objectContaining({ threshold: 5, active: false }),
    ]);

    // Another retailer neither sees nor changes it.
    const theirs = bulkAccessPolicyList.parse(
      (await call(server.url, as(adminB), 'GET', URL_PATH)).json,
    );
    expect(theirs.policies.map((p) => p.id)).not.toContain(saved.id);
    const foreign = await call(server.url, as(adminB), 'POST', URL_PATH, {
      ...policy,
      id: saved.id,
    });
    expect(foreign.status).toBe(404);
  });

  it('is what the server evaluates and the desks pull: on, it fires past its threshold', async () => {
    const created = bulkAccessPolicyView.parse(
      (await call(server.url, as(admin), 'POST', URL_PATH, { ...policy, threshold: 2 })).json,
    );
    const pulled = await call(server.url, as(agent), 'GET', '/v1/sync/pull?limit=10000');
    expect(JSON.stringify(pulled.json)).toContain(created.id);

    const search = (customerIds: string) => ({
      id: uuidV7(),
      kind: 'search',
      customerId: null,
      callId: null,
      detail: { results: customerIds.split(',').length, customerIds },
      at: new Date().toISOString(),
    });
    await call(server.url, as(agent), 'POST', '/v1/audit/accesses', {
      entries: [search('c1,c2,c3')],
    });
    const firings = await server.store.db
      .selectFrom('access_policy_firings')
      .select(['policy_id', 'count'])
      .where('policy_id', '=', created.id)
      .execute();
    expect(firings).toEqual([{ policy_id: created.id, count: 3 }]);
  });
});
