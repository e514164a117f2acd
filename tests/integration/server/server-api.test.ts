import { afterAll, beforeAll, expect, it } from 'vitest';
import { customerRecord, orderRecord, vocFor } from '../../fixtures/retailer-records';
import {
  call,
  openEventStream,
  signIn,
  startTestServer,
  type TestServer,
} from '../../fixtures/test-server';
import { describeEachDatabase } from '../../fixtures/test-database';

describeEachDatabase('retailer API on $name', ({ postgres }) => {
  let server: TestServer;
  let admin: string;
  let agent: string;
  beforeAll(async () => {
    server = await startTestServer({ postgres });
    admin = await signIn(server.url, 'admin@retailer-a.example');
    agent = await signIn(server.url, 'agent@retailer-a-center-x.example');
  });
  afterAll(() => server?.close());

  it('signs in, and refuses a wrong password without saying which part was wrong', async () => {
    const bad = await call(server.url, null, 'POST', '/v1/auth/sign-in', {
      email: 'admin@retailer-a.example',
      password: 'nope',
    });
    const unknown = await call(server.url, null, 'POST', '/v1/auth/sign-in', {
      email: 'nobody@example.com',
      password: 'nope',
    });
    expect(bad.status).toBe(401);
    expect(unknown.json).toEqual(bad.json);
  });

  it('names the user’s own retailer in the session, at sign-in and at refresh', async () => {
    const a = await call(server.url, null, 'POST', '/v1/auth/sign-in', {
      email: 'agent@retailer-a-center-x.example',
      password: 'correct horse battery staple',
    });
    const b = await call(server.url, null, 'POST', '/v1/auth/sign-in', {
      email: 'admin@retailer-b.example',
      password: 'correct horse battery staple',
    });
    const sessionA = a.json as { refreshToken: string; user: { retailerName?: string } };
    expect(sessionA.user.retailerName).toBe('retailer-a');
    expect((b.json as { user: { retailerName?: string } }).user.retailerName).toBe('retailer-b');
    const refreshed = await call(server.url, null, 'POST', '/v1/auth/refresh', {
      refreshToken: sessionA.refreshToken,
    });
    expect((refreshed.json as { user: { retailerName?: string } }).user.retailerName).toBe(
      'retailer-a',
    );
  });

  it('rotates refresh tokens on use and revokes the family when a spent token comes back', async () => {
    const first = await call(server.url, null, 'POST', '/v1/auth/sign-in', {
      email: 'trainer@retailer-a-center-x.example',
      password: 'correct horse battery staple',
    });
    const { refreshToken } = first.json as { refreshToken: string };
    const second = await call(server.url, null, 'POST', '/v1/auth/refresh', { refreshToken });
    expect(second.status).toBe(200);
    const next = (second.json as { refreshToken: string }).refreshToken;
    expect(next).not.toBe(refreshToken);
    expect(
      (await call(server.url, null, 'POST', '/v1/auth/refresh', { refreshToken })).status,
    ).toBe(401);
    // The replay revoked the whole family, including the successor.
    expect(
      (await call(server.url, null, 'POST', '/v1/auth/refresh', { refreshToken: next })).status,
    ).toBe(401);
  });

  it('takes retailer data in, and serves it as a bootstrap and then as deltas', async () => {
    const pushed = await call(server.url, admin, 'POST', '/v1/data/batch', {
      records: [customerRecord({ id: 'c1' }), orderRecord({ id: 'o1', customerId: 'c1' })],
    });
    expect(pushed.status).toBe(200);
    const bootstrap = await call(server.url, agent, 'GET', '/v1/sync/pull?since=0');
    const page = bootstrap.json as {
      cursor: string;
      records: { type: string }[];
      hasMore: boolean;
    };
    expect(page.records.map((r) => r.type).sort()).toEqual(['customer', 'order']);
    expect(page.hasMore).toBe(false);
    // The page's end is announced in the headers too, so a desktop can ask for the next early.
    expect(bootstrap.headers.get('koe-page-cursor')).toBe(page.cursor);
    expect(bootstrap.headers.get('koe-page-has-more')).toBe('false');

    await call(server.url, admin, 'POST', '/v1/data/batch', {
      records: [
        customerRecord({ id: 'c1', familyName: '高橋', updatedAt: '2026-11-20T00:00:00.000Z' }),
      ],
      deletions: [{ type: 'order', id: 'o1' }],
    });
    const delta = (await call(server.url, agent, 'GET', `/v1/sync/pull?since=${page.cursor}`))
      .json as {
      records: { data: { familyName: string } }[];
      deletions: unknown[];
    };
    expect(delta.records.map((r) => r.data.familyName)).toEqual(['高橋']);
    expect(delta.deletions).toEqual([{ type: 'order', id: 'o1' }]);
  });

  it('skips a record older than what it holds', async () => {
    const result = await call(server.url, admin, 'POST', '/v1/data/batch', {
      records: [
        customerRecord({ id: 'c1', familyName: '古い', updatedAt: '2020-01-01T00:00:00.000Z' }),
      ],
    });
    expect(result.json).toMatchObject({ applied: 0, skippedStale: 1 });
  });

  it('lets only retailer admins push data', async () => {
    const result = await call(server.url, agent, 'POST', '/v1/data/batch', {
      records: [customerRecord({ id: 'c9' })],
    });
    expect(result.status).toBe(403);
  });

  it('ingests VoC idempotently: accepted, then duplicate with the first answer, conflict on other content', async () => {
    const record = vocFor('retailer-a-center-x-agent', 'retailer-a-center-x');
    const first = (await call(server.url, agent, 'POST', '/v1/voc/batch', { records: [record] }))
      .json as { results: { status: string; receivedAt: string }[] };
    expect(first.results[0]?.status).toBe('accepted');
    const replay = (await call(server.url, agent, 'POST', '/v1/voc/batch', { records: [record] }))
      .json as { results: { status: string; receivedAt: string }[] };
    expect(replay.results[0]).toEqual({
      id: record.id,
      status: 'duplicate',
      receivedAt: first.results[0]?.receivedAt,
    });
    const changed = (
      await call(server.url, agent, 'POST', '/v1/voc/batch', {
        records: [{ ...record, customerWords: 'changed' }],
      })
    ).json as { results: { status: string }[] };
    expect(changed.results[0]?.status).toBe('conflict');
  });

  it('answers each record of a mixed VoC batch as if pushed one by one, in order', async () => {
    const push = async (records: unknown[]) =>
      (await call(server.url, agent, 'POST', '/v1/voc/batch', { records })).json as {
        results: { id: string; status: string; receivedAt?: string }[];
      };
    const mine = (overrides = {}) =>
      vocFor('retailer-a-center-x-agent', 'retailer-a-center-x', overrides);
    const earlier = mine();
    const [first] = (await push([earlier])).results;
    const fresh = mine();
    const other = mine();
    const { results } = await push([
      fresh,
      earlier,
      { ...earlier, customerWords: 'changed' },
      fresh,
      { ...fresh, customerWords: 'changed' },
      vocFor('retailer-a-center-y-agent', 'retailer-a-center-y'),
      other,
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'accepted',
      'duplicate',
      'conflict',
      'duplicate',
      'conflict',
      'rejected',
      'accepted',
    ]);
    expect(results[1]?.receivedAt).toBe(first?.receivedAt);
    expect(results[3]?.receivedAt).toBe(results[0]?.receivedAt);
    expect(results.map((r) => r.id)).toEqual([
      fresh.id,
      earlier.id,
      earlier.id,
      fresh.id,
      fresh.id,
      expect.any(String),
      other.id,
    ]);
  });

  it('refuses a VoC record written as another agent or into another center', async () => {
    const asOther = vocFor('retailer-a-center-y-agent', 'retailer-a-center-y');
    const result = (await call(server.url, agent, 'POST', '/v1/voc/batch', { records: [asOther] }))
      .json as { results: { status: string }[] };
    expect(result.results[0]?.status).toBe('rejected');
  });

  it('answers malformed input with a clear 400 and applies nothing', async () => {
    for (const body of [
      '{not json',
      { records: [{ type: 'customer', data: { id: 'x' } }] },
      { records: 'nope' },
    ]) {
      const result = await call(server.url, admin, 'POST', '/v1/data/batch', body);
      expect(result.status).toBe(400);
      expect(result.json).toMatchObject({
        error: { code: expect.any(String), message: expect.any(String) },
      });
    }
    const pull = (await call(server.url, admin, 'GET', '/v1/sync/pull?since=0')).json as {
      records: { data: { id: string } }[];
    };
    expect(pull.records.map((r) => r.data.id)).not.toContain('x');
  });

  it('publishes an OpenAPI document generated from the protocol schemas', async () => {
    const doc = (await call(server.url, null, 'GET', '/openapi.json')).json as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/sync/pull', '/v1/voc/batch', '/v1/data/batch', '/v1/events']),
    );
  });

  it('tells a connected client about new changes over server-sent events', async () => {
    const stream = await openEventStream(server.url, agent);
    // Subscribed once the server says so: a change after this is one the stream must carry.
    await stream.until(': connected');
    const received = stream.until('event: changes');
    await call(server.url, admin, 'POST', '/v1/data/batch', {
      records: [customerRecord({ id: 'c-live', updatedAt: '2026-11-23T00:00:00.000Z' })],
    });
    expect(await received).toMatch(/event: changes\ndata: \{"cursor":"\d+","spreadMs":\d+\}/);
    stream.close();
  });

  it('answers 429 with Retry-After when a client signs in too often', async () => {
    let last = 0;
    let retryAfter: string | null = null;
    for (let i = 0; i < 40 && last !== 429; i++) {
      const r = await call(server.url, null, 'POST', '/v1/auth/sign-in', {
        email: 'x@example.com',
        password: 'y',
      });
      last = r.status;
      retryAfter = r.headers.get('retry-after');
    }
    expect(last).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
