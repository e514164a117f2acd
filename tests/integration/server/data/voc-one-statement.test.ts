import { afterAll, beforeAll, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { storeNewVocAlone } from '../../../../server/src/data/voc-ingest';
import type { Principal } from '../../../../server/src/auth/access-tokens';
import { vocFor } from '../../../fixtures/retailer-records';
import {
  call,
  signIn,
  startTestServer,
  TENANTS,
  type TestServer,
} from '../../../fixtures/test-server';
import { describeEachDatabase } from '../../../fixtures/test-database';

/**
 * The usual VoC push — new records of a retailer no webhook listens to — is stored by one
 * statement outside a transaction (issue #15's load test: each round trip of a push waited for
 * a busy event loop). A retailer with an active webhook must still get its deliveries committed
 * with the records, so that statement stores nothing for it, and the push's transaction does.
 */
const agentOf = (tenant: (typeof TENANTS)[number]) =>
  tenant.users.find((u) => u.role === 'agent' && u.centerId === tenant.centers[0])!;
const principalOf = (tenant: (typeof TENANTS)[number]): Principal => {
  const agent = agentOf(tenant);
  return { userId: agent.id, tenantId: tenant.id, centerId: agent.centerId, role: 'agent' };
};
const [A, B] = [TENANTS[0]!, TENANTS[1]!];

describeEachDatabase('A VoC push in one statement on $name', ({ postgres }) => {
  let server: TestServer;
  let statements = 0;
  const counting: KyselyPlugin = {
    transformQuery: ({ node }) => node,
    // Once per statement sent (a query's subqueries are transformed too, not executed apart).
    transformResult: ({ result }) => {
      statements++;
      return Promise.resolve(result);
    },
  };
  beforeAll(async () => {
    server = await startTestServer({ postgres });
  });
  afterAll(() => server?.close());

  const storedIds = async (tenant: (typeof TENANTS)[number]) => {
    const token = await signIn(server.url, agentOf(tenant).email);
    const answer = await call(server.url, token, 'GET', '/v1/voc?limit=500');
    return (answer.json as { records: { id: string }[] }).records.map((r) => r.id);
  };

  it('stores new records with one statement, all of them or none', async () => {
    const db = server.store.pushDb.withPlugin(counting);
    const records = [1, 2].map(() => vocFor(agentOf(A).id, agentOf(A).centerId!));
    statements = 0;
    const outcomes = await storeNewVocAlone(db, principalOf(A), records);
    expect(statements).toBe(1);
    const receivedAt = outcomes?.[0]?.receivedAt;
    expect(outcomes).toEqual(records.map((r) => ({ id: r.id, status: 'accepted', receivedAt })));
    expect(await storedIds(A)).toEqual(expect.arrayContaining(records.map((r) => r.id)));

    // A replay stores nothing alone; the push's full path answers it: the first answer again.
    const fresh = vocFor(agentOf(A).id, agentOf(A).centerId!);
    expect(await storeNewVocAlone(db, principalOf(A), [fresh, records[0]!])).toBeNull();
    expect(await storedIds(A)).not.toContain(fresh.id);
    const replay = await call(
      server.url,
      await signIn(server.url, agentOf(A).email),
      'POST',
      '/v1/voc/batch',
      { records },
    );
    expect(replay.json).toEqual({
      results: records.map((r) => ({ id: r.id, status: 'duplicate', receivedAt })),
    });
  });

  it("stores nothing on its own for a retailer with an active webhook, whose push's transaction queues the delivery", async () => {
    const admin = await signIn(server.url, `admin@${B.id}.example`);
    const hook = await call(server.url, admin, 'POST', '/v1/webhooks', {
      url: 'https://127.0.0.1:9/voc',
    });
    expect(hook.status, JSON.stringify(hook.json)).toBe(200);
    const webhookId = (hook.json as { webhook: { id: string } }).webhook.id;

    const db = server.store.pushDb.withPlugin(counting);
    const record = vocFor(agentOf(B).id, agentOf(B).centerId!);
    expect(await storeNewVocAlone(db, principalOf(B), [record])).toBeNull();
    expect(await storedIds(B)).not.toContain(record.id);

    const agent = await signIn(server.url, agentOf(B).email);
    const pushed = await call(server.url, agent, 'POST', '/v1/voc/batch', { records: [record] });
    expect(pushed.json).toMatchObject({ results: [{ id: record.id, status: 'accepted' }] });
    const deliveries = await call(
      server.url,
      admin,
      'GET',
      `/v1/webhooks/${webhookId}/deliveries?limit=10`,
    );
    expect(
      (deliveries.json as { deliveries: { event: string; vocId?: string }[] }).deliveries,
    ).toEqual([expect.objectContaining({ event: 'voc.created' })]);

    // The other retailer's webhooks are its own: A's new records still take one statement.
    statements = 0;
    const other = vocFor(agentOf(A).id, agentOf(A).centerId!);
    expect(await storeNewVocAlone(db, principalOf(A), [other])).toMatchObject([
      { id: other.id, status: 'accepted' },
    ]);
    expect(statements).toBe(1);
  });
});
