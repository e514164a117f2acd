import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vocFor } from '../../../fixtures/retailer-records';
import {
  call,
  signIn,
  startTestServer,
  TENANTS,
  type TestServer,
} from '../../../fixtures/test-server';

/**
 * On PostgreSQL a server process's reads (pulls, presence, the rest) share one pool, and under
 * thousands of desks requests queue for its connections (issue #15's load test). An agent's VoC
 * push goes through a small pool of its own, so that queue never stands before a wrap-up; a pull
 * takes one connection for its whole read. SQLite has one connection and no pool: PostgreSQL only.
 */
const postgres = Boolean(process.env.KOE_TEST_DATABASE_URL);

const A = TENANTS[0]!;
const agent = A.users.find((u) => u.role === 'agent' && u.centerId === A.centers[0])!;

describe.skipIf(!postgres)('the database connections a push and a pull take (PostgreSQL)', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer({ postgres: true, webhooks: false });
    token = await signIn(server.url, agent.email);
    // The per-user and per-center checks are answered from memory after a first request.
    expect((await call(server.url, token, 'GET', '/v1/sync/pull?limit=1')).status).toBe(200);
  }, 30_000);
  afterAll(() => server?.close());

  it("stores a VoC push while every connection of the reads' pool is taken", async () => {
    const pool = server.store.pool!;
    const held: pg.PoolClient[] = [];
    try {
      // Everything the pool can still give out (its LISTEN connections are out already), held
      // as a queue of pulls and presence writes would hold it.
      while (pool.totalCount < pool.options.max || pool.idleCount > 0)
        held.push(await pool.connect());
      expect(held.length).toBeGreaterThan(0);
      const record = vocFor(agent.id, agent.centerId!);
      const pushed = await call(server.url, token, 'POST', '/v1/voc/batch', { records: [record] });
      expect(pushed).toMatchObject({
        status: 200,
        json: { results: [{ id: record.id, status: 'accepted' }] },
      });
      // Stored in this retailer's table, for this agent.
      const stored = await held[0]!.query(
        'select tenant_id, agent_id from voc_records where id = $1',
        [record.id],
      );
      expect(stored.rows).toEqual([{ tenant_id: A.id, agent_id: agent.id }]);
    } finally {
      for (const client of held) client.release();
    }
  });

  it('reads a pull on one connection of the pool', async () => {
    const pool = server.store.pool!;
    let taken = 0;
    const count = () => taken++;
    pool.on('acquire', count);
    try {
      const pulled = await call(server.url, token, 'GET', '/v1/sync/pull?limit=50');
      expect(pulled.status).toBe(200);
    } finally {
      pool.off('acquire', count);
    }
    expect(taken).toBe(1);
  });
});
