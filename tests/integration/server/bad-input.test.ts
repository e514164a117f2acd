import http from 'node:http';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { signAccessToken } from '../../../server/src/auth/access-tokens';
import { vocRecord } from '../../../src/shared/domain/voc';
import { apiError, refreshRequest, signInRequest } from '../../../src/shared/protocol/auth';
import { ingestRequest, retentionRequest } from '../../../src/shared/protocol/ingest';
import { pullPage } from '../../../src/shared/protocol/sync';
import { vocPushRequest } from '../../../src/shared/protocol/voc-push';
import {
  applyMutation,
  deletionArb,
  garbageBytesArb,
  jsonPaths,
  mutationArb,
  queryValueArb,
  retailerRecordArb,
  vocRecordArb,
  wrongValueArb,
} from '../../fixtures/arbitraries';
import { customerRecord, vocFor } from '../../fixtures/retailer-records';
import { PASSWORD, startTestServer, type TestServer } from '../../fixtures/test-server';
import { describeEachDatabase } from '../../fixtures/test-database';

/**
 * Hostile and malformed input at every endpoint. Each answer must be a clear 4xx with
 * `{ error: { code, message } }` — never a 5xx — the server must keep answering, and nothing of a
 * refused request may be applied (the whole database is compared before and after).
 */

/** The secret `startTestServer` signs with; checked below so a change cannot go unnoticed. */
const TEST_SECRET = 'test-secret-0123456789';

const RUNS = { small: 15, medium: 25, large: 40 } as const;

// ---------------------------------------------------------------------------------------------
// A raw HTTP client: any method, bytes, headers, and a chosen loopback source address, so public
// routes are rate limited per simulated client and not all at once.
// ---------------------------------------------------------------------------------------------

interface Reply {
  status: number;
  text: string;
  json: unknown;
}

let addressCounter = 0;
/** A fresh loopback address (all of 127/8 is loopback on Linux): one simulated client each. */
function nextAddress(): string {
  addressCounter++;
  return `127.${1 + ((addressCounter >> 16) % 250)}.${(addressCounter >> 8) & 255}.${addressCounter & 255 || 1}`;
}

function send(
  base: string,
  request: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | Uint8Array;
    from?: string;
  },
): Promise<Reply> {
  const url = new URL(base);
  const body =
    request.body === undefined
      ? undefined
      : typeof request.body === 'string'
        ? Buffer.from(request.body, 'utf8')
        : Buffer.from(request.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        agent: false,
        localAddress: request.from ?? nextAddress(),
        headers: {
          ...(body ? { 'content-length': String(body.length) } : {}),
          ...request.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = undefined;
          try {
            json = JSON.parse(text);
          } catch {
            // not JSON; the assertion says so
          }
          resolve({ status: res.statusCode ?? 0, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const jsonHeaders = (token?: string | null): Record<string, string> => ({
  'content-type': 'application/json',
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});

/** A clear refusal: a 4xx with the API's error shape. */
function expectRefused(reply: Reply, what: string): void {
  const context = `${what} → ${reply.status} ${reply.text.slice(0, 300)}`;
  expect(reply.status, context).toBeGreaterThanOrEqual(400);
  expect(reply.status, context).toBeLessThan(500);
  expect(apiError.safeParse(reply.json).success, context).toBe(true);
}

const describeInput = (body: unknown) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return (text ?? String(body)).slice(0, 200);
};

// ---------------------------------------------------------------------------------------------

describeEachDatabase('hostile input on $name', ({ postgres }) => {
  let server: TestServer;
  let admin: string;
  let agent: string;
  let supervisor: string;
  const agentId = 'retailer-a-center-x-agent';
  const centerId = 'retailer-a-center-x';

  async function signInAs(email: string): Promise<{ accessToken: string; refreshToken: string }> {
    const reply = await send(server.url, {
      method: 'POST',
      path: '/v1/auth/sign-in',
      headers: jsonHeaders(),
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(reply.status, reply.text).toBe(200);
    return reply.json as { accessToken: string; refreshToken: string };
  }

  /** Everything the server stores, in a stable order. */
  async function snapshot() {
    const db = server.store.db;
    return {
      records: await db
        .selectFrom('records')
        .selectAll()
        .orderBy('tenant_id')
        .orderBy('type')
        .orderBy('id')
        .execute(),
      voc: await db
        .selectFrom('voc_records')
        .selectAll()
        .orderBy('tenant_id')
        .orderBy('id')
        .execute(),
      tenants: await db.selectFrom('tenants').selectAll().orderBy('id').execute(),
      sequences: await db.selectFrom('tenant_sequences').selectAll().orderBy('tenant_id').execute(),
      users: await db.selectFrom('users').selectAll().orderBy('id').execute(),
      refreshTokens: await db
        .selectFrom('refresh_tokens')
        .selectAll()
        .orderBy('token_hash')
        .execute(),
    };
  }

  /** What an agent pulls from the beginning, minus the server's clock. */
  async function pulled(): Promise<unknown> {
    const reply = await send(server.url, {
      method: 'GET',
      path: '/v1/sync/pull?since=0',
      headers: jsonHeaders(agent),
    });
    expect(reply.status).toBe(200);
    const { serverTime: _serverTime, ...page } = reply.json as { serverTime: string };
    return page;
  }

  /** Sends a request that must be refused, and checks nothing changed. */
  async function expectRefusedAndNothingApplied(
    request: Parameters<typeof send>[1],
    what: string,
  ): Promise<void> {
    const before = await snapshot();
    const reply = await send(server.url, request);
    expectRefused(reply, what);
    expect(await snapshot(), `${what}: the database changed`).toEqual(before);
  }

  beforeAll(async () => {
    server = await startTestServer({ postgres });
    admin = (await signInAs('admin@retailer-a.example')).accessToken;
    agent = (await signInAs('agent@retailer-a-center-x.example')).accessToken;
    supervisor = (await signInAs('supervisor@retailer-a-center-x.example')).accessToken;
    // Something to lose: data in both tenants and a VoC record.
    const seeded = await send(server.url, {
      method: 'POST',
      path: '/v1/data/batch',
      headers: jsonHeaders(admin),
      body: JSON.stringify({
        records: Array.from({ length: 20 }, (_, i) => customerRecord({ id: `seed-${i}` })),
      }),
    });
    expect(seeded.status).toBe(200);
    const voc = await send(server.url, {
      method: 'POST',
      path: '/v1/voc/batch',
      headers: jsonHeaders(agent),
      body: JSON.stringify({ records: [vocFor(agentId, centerId)] }),
    });
    expect(voc.status).toBe(200);
  });
  afterAll(() => server?.close());

  afterEach(async () => {
    // Whatever was thrown at it, the server still answers, signed-in requests included.
    const health = await send(server.url, { method: 'GET', path: '/health' });
    expect(health.status).toBe(200);
    const pull = await send(server.url, {
      method: 'GET',
      path: '/v1/sync/pull?since=0&limit=1',
      headers: jsonHeaders(supervisor),
    });
    expect(pull.status).toBe(200);
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('signs tokens with the secret this suite forges with', async () => {
    const token = signAccessToken(
      { userId: agentId, tenantId: 'retailer-a', centerId, role: 'agent' },
      TEST_SECRET,
    );
    const reply = await send(server.url, {
      method: 'GET',
      path: '/v1/voc',
      headers: jsonHeaders(token),
    });
    expect(reply.status).toBe(200);
  });

  /** The write routes, each with the schema that decides whether a body is acceptable. */
  const writeRoutes = () =>
    [
      {
        method: 'POST',
        path: '/v1/auth/sign-in',
        token: null,
        schema: signInRequest,
        public: true,
      },
      {
        method: 'POST',
        path: '/v1/auth/refresh',
        token: null,
        schema: refreshRequest,
        public: true,
      },
      {
        method: 'POST',
        path: '/v1/data/batch',
        token: admin,
        schema: ingestRequest,
        public: false,
      },
      {
        method: 'PUT',
        path: '/v1/admin/retention',
        token: admin,
        schema: retentionRequest,
        public: false,
      },
      {
        method: 'POST',
        path: '/v1/voc/batch',
        token: agent,
        schema: vocPushRequest,
        public: false,
      },
    ] as const;

  it('refuses random JSON values at every write route and applies nothing', async () => {
    const bodyArb = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      wrongValueArb,
      fc.record({ records: wrongValueArb, deletions: wrongValueArb }, { requiredKeys: [] }),
      fc.record({ email: wrongValueArb, password: wrongValueArb }, { requiredKeys: [] }),
      fc.record({ refreshToken: wrongValueArb }),
      fc.record({ days: wrongValueArb }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writeRoutes()), bodyArb, async (route, body) => {
        const text = JSON.stringify(body) ?? 'null';
        // A body that happens to be valid for a write route would (rightly) be applied.
        if (!route.public) fc.pre(!route.schema.safeParse(JSON.parse(text)).success);
        await expectRefusedAndNothingApplied(
          { method: route.method, path: route.path, headers: jsonHeaders(route.token), body: text },
          `${route.method} ${route.path} ${describeInput(text)}`,
        );
      }),
      { numRuns: RUNS.large },
    );
  });

  it('applies none of a data batch of up to 99 valid records when one is malformed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(retailerRecordArb(), { minLength: 0, maxLength: 99 }),
        retailerRecordArb().chain((r) => fc.tuple(fc.constant(r), mutationArb(r))),
        fc.nat(),
        fc.array(deletionArb, { maxLength: 5 }),
        async (valid, [victim, mutation], position, deletions) => {
          const broken = applyMutation(victim, mutation);
          fc.pre(!ingestRequest.safeParse({ records: [broken] }).success);
          const records: unknown[] = [...valid];
          records.splice(position % (valid.length + 1), 0, broken);
          const before = await pulled();
          await expectRefusedAndNothingApplied(
            {
              method: 'POST',
              path: '/v1/data/batch',
              headers: jsonHeaders(admin),
              body: JSON.stringify({ records, deletions }),
            },
            `data batch with ${valid.length} valid records and ${describeInput(broken)} (${mutation.op} ${mutation.path.join('.')})`,
          );
          expect(await pulled()).toEqual(before);
        },
      ),
      { numRuns: RUNS.large },
    );
  });

  it('applies none of a data batch when one deletion is malformed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(retailerRecordArb(), { minLength: 1, maxLength: 20 }),
        fc.array(deletionArb, { minLength: 1, maxLength: 20 }),
        fc.nat(),
        async (records, deletions, seed) => {
          const index = seed % deletions.length;
          const mutation = fc.sample(mutationArb(deletions[index]), { numRuns: 1, seed })[0]!;
          const broken = applyMutation(deletions[index], mutation);
          fc.pre(!ingestRequest.safeParse({ deletions: [broken] }).success);
          const all: unknown[] = [...deletions];
          all[index] = broken;
          await expectRefusedAndNothingApplied(
            {
              method: 'POST',
              path: '/v1/data/batch',
              headers: jsonHeaders(admin),
              body: JSON.stringify({ records, deletions: all }),
            },
            `data batch with deletion ${describeInput(broken)}`,
          );
        },
      ),
      { numRuns: RUNS.small },
    );
  });

  it('stores none of a VoC batch when one record is malformed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(vocRecordArb(agentId, centerId), { minLength: 0, maxLength: 20 }),
        vocRecordArb(agentId, centerId).chain((r) => fc.tuple(fc.constant(r), mutationArb(r))),
        fc.nat(),
        async (valid, [victim, mutation], position) => {
          const broken = applyMutation(victim, mutation);
          fc.pre(!vocRecord.safeParse(broken).success);
          const records: unknown[] = [...valid];
          records.splice(position % (valid.length + 1), 0, broken);
          await expectRefusedAndNothingApplied(
            {
              method: 'POST',
              path: '/v1/voc/batch',
              headers: jsonHeaders(agent),
              body: JSON.stringify({ records }),
            },
            `VoC batch with ${describeInput(broken)} (${mutation.op} ${mutation.path.join('.')})`,
          );
        },
      ),
      { numRuns: RUNS.medium },
    );
  });

  it('refuses wrong, huge and odd numbers for the retention window', async () => {
    const daysText = fc.oneof(
      wrongValueArb.map((v) => JSON.stringify(v) ?? 'null'),
      fc.constantFrom(
        '1e400',
        '-1e400',
        '123456789012345678901234567890',
        '3651',
        '0',
        '-1',
        '365.5',
        '1e3',
        '"365"',
        '[365]',
        '{"valueOf":365}',
        'true',
        'null',
      ),
      fc.integer().map(String),
      fc.double().map((d) => JSON.stringify(d)),
    );
    await fc.assert(
      fc.asyncProperty(daysText, async (days) => {
        const text = `{"days":${days}}`;
        fc.pre(!retentionRequest.safeParse(JSON.parse(text)).success);
        await expectRefusedAndNothingApplied(
          { method: 'PUT', path: '/v1/admin/retention', headers: jsonHeaders(admin), body: text },
          `retention ${text}`,
        );
      }),
      { numRuns: RUNS.medium },
    );
  });

  it('refuses garbage bytes under every content type at every route', async () => {
    const routes = [
      ...writeRoutes().map((r) => ({ method: r.method as string, path: r.path, token: r.token })),
      { method: 'GET', path: '/v1/sync/pull', token: agent },
      { method: 'GET', path: '/v1/voc', token: agent },
    ];
    const contentType = fc.constantFrom(
      'application/json',
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      'text/plain',
      'text/html',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      'application/xml',
      '',
      '*/*',
      'application/json, text/plain',
      'APPLICATION/JSON',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        contentType,
        garbageBytesArb,
        async (route, type, bytes) => {
          const before = await snapshot();
          const reply = await send(server.url, {
            method: route.method,
            path: route.path,
            headers: {
              ...(type ? { 'content-type': type } : {}),
              ...(route.token ? { authorization: `Bearer ${route.token}` } : {}),
            },
            body: bytes,
          });
          const what = `${route.method} ${route.path} as ${type || 'no type'}: ${Buffer.from(bytes).toString('hex').slice(0, 80)}`;
          if (route.method === 'GET' && reply.status === 200) {
            // A GET may ignore its body; what it answers must still be well formed.
            expect(reply.json, what).toBeTypeOf('object');
          } else {
            expectRefused(reply, what);
          }
          expect(await snapshot(), what).toEqual(before);
        },
      ),
      { numRuns: RUNS.large },
    );
  });

  it('refuses prototype-pollution keys anywhere in a body, and the prototype stays clean', async () => {
    const validBodies = () => [
      { route: writeRoutes()[0], body: { email: 'admin@retailer-a.example', password: PASSWORD } },
      { route: writeRoutes()[2], body: { records: [customerRecord({ id: 'proto-1' })] } },
      { route: writeRoutes()[3], body: { days: 30 } },
      { route: writeRoutes()[4], body: { records: [vocFor(agentId, centerId)] } },
    ];
    const poison = fc.constantFrom(
      '"__proto__":{"polluted":"yes"}',
      '"__proto__":{"isAdmin":true,"role":"retailer_admin"}',
      '"constructor":{"prototype":{"polluted":"yes"}}',
      '"__proto__":null',
      '"__proto__":[1]',
      '"\\u005f_proto__":{"polluted":"yes"}',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...validBodies()),
        poison,
        fc.nat(),
        async (c, key, seed) => {
          // Insert the key into a random object of the body.
          const objects = jsonPaths(c.body).filter((p) => {
            const v = p.reduce<unknown>(
              (n, k) => (n as Record<string | number, unknown>)[k],
              c.body,
            );
            return v !== null && typeof v === 'object' && !Array.isArray(v);
          });
          const path = objects[seed % objects.length]!;
          const marker = { 'koe-marker': 1 };
          const marked = structuredClone(c.body) as Record<string, unknown>;
          const target = path.reduce<Record<string | number, unknown>>(
            (n, k) => n[k] as Record<string | number, unknown>,
            marked,
          );
          Object.assign(target, marker);
          const text = JSON.stringify(marked).replace('"koe-marker":1', key);
          await expectRefusedAndNothingApplied(
            {
              method: c.route.method,
              path: c.route.path,
              headers: jsonHeaders(c.route.token),
              body: text,
            },
            `${c.route.path} ${text.slice(0, 200)}`,
          );
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
        },
      ),
      { numRuns: RUNS.medium },
    );
  });

  it('refuses oversized strings, arrays and bodies and applies nothing', async () => {
    const voc = vocFor(agentId, centerId);
    const cases: {
      what: string;
      method: string;
      path: string;
      token: string | null;
      body: string;
    }[] = [
      {
        what: 'e-mail of 255 characters',
        method: 'POST',
        path: '/v1/auth/sign-in',
        token: null,
        body: JSON.stringify({ email: `${'a'.repeat(243)}@example.com`, password: 'x' }),
      },
      {
        what: 'password of 201 characters',
        method: 'POST',
        path: '/v1/auth/sign-in',
        token: null,
        body: JSON.stringify({ email: 'admin@retailer-a.example', password: 'p'.repeat(201) }),
      },
      {
        what: 'password of 1 MB',
        method: 'POST',
        path: '/v1/auth/sign-in',
        token: null,
        body: JSON.stringify({ email: 'admin@retailer-a.example', password: 'p'.repeat(1 << 20) }),
      },
      {
        what: 'refresh token of 201 characters',
        method: 'POST',
        path: '/v1/auth/refresh',
        token: null,
        body: JSON.stringify({ refreshToken: 'r'.repeat(201) }),
      },
      {
        what: 'a record id of 65 characters',
        method: 'POST',
        path: '/v1/data/batch',
        token: admin,
        body: JSON.stringify({ records: [customerRecord({ id: 'i'.repeat(65) })] }),
      },
      {
        what: '5,001 deletions',
        method: 'POST',
        path: '/v1/data/batch',
        token: admin,
        body: JSON.stringify({
          deletions: Array.from({ length: 5_001 }, (_, i) => ({
            type: 'customer',
            id: `seed-${i}`,
          })),
        }),
      },
      {
        what: '5,001 records',
        method: 'POST',
        path: '/v1/data/batch',
        token: admin,
        body: JSON.stringify({
          records: Array.from({ length: 5_001 }, (_, i) => customerRecord({ id: `big-${i}` })),
        }),
      },
      {
        what: 'a body over 20 MB',
        method: 'POST',
        path: '/v1/data/batch',
        token: admin,
        body: JSON.stringify({
          records: [customerRecord({ id: 'huge', addressLine: 'x'.repeat(21 * 1024 * 1024) })],
        }),
      },
      {
        what: '501 VoC records',
        method: 'POST',
        path: '/v1/voc/batch',
        token: agent,
        body: JSON.stringify({
          records: Array.from({ length: 501 }, () => vocFor(agentId, centerId)),
        }),
      },
      {
        what: 'customer words of 4,001 characters',
        method: 'POST',
        path: '/v1/voc/batch',
        token: agent,
        body: JSON.stringify({ records: [{ ...voc, customerWords: 'w'.repeat(4_001) }] }),
      },
      {
        what: '6 reason codes',
        method: 'POST',
        path: '/v1/voc/batch',
        token: agent,
        body: JSON.stringify({ records: [{ ...voc, reasonCodes: Array(6).fill('a') }] }),
      },
    ];
    for (const c of cases) {
      await expectRefusedAndNothingApplied(
        { method: c.method, path: c.path, headers: jsonHeaders(c.token), body: c.body },
        c.what,
      );
    }
  });

  it('refuses deeply nested bodies without falling over', async () => {
    for (const depth of [64, 1_000, 100_000]) {
      const bodies = [
        '['.repeat(depth) + ']'.repeat(depth),
        `{"records":${'['.repeat(depth)}${']'.repeat(depth)}}`,
        `{"records":[{"type":"customer","data":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}]}`,
        `{"records":[{"type":"policy","data":{"id":"p","kind":"reship","labelJa":"x","labelEn":"x","active":true,"updatedAt":"2026-11-01T09:00:00.000Z","params":{"a":${'['.repeat(depth)}${']'.repeat(depth)}}}}]}`,
      ];
      for (const body of bodies) {
        await expectRefusedAndNothingApplied(
          { method: 'POST', path: '/v1/data/batch', headers: jsonHeaders(admin), body },
          `nesting ${depth}: ${body.slice(0, 60)}`,
        );
      }
      await expectRefusedAndNothingApplied(
        {
          method: 'POST',
          path: '/v1/voc/batch',
          headers: jsonHeaders(agent),
          body: `{"records":[${'{"records":'.repeat(depth)}1${'}'.repeat(depth)}]}`,
        },
        `VoC nesting ${depth}`,
      );
    }
  });

  it('refuses huge numbers in records', async () => {
    const voc = JSON.stringify({ records: [vocFor(agentId, centerId)] });
    const customer = JSON.stringify({ records: [customerRecord({ id: 'num-1' })] });
    for (const n of [
      '1e400',
      '-1e400',
      '1e12000',
      '123456789012345678901234567890',
      '-0.5',
      '1e13',
    ]) {
      await expectRefusedAndNothingApplied(
        {
          method: 'POST',
          path: '/v1/voc/batch',
          headers: jsonHeaders(agent),
          body: voc.replace('"afterCallWorkSeconds":60', `"afterCallWorkSeconds":${n}`),
        },
        `afterCallWorkSeconds ${n}`,
      );
      await expectRefusedAndNothingApplied(
        {
          method: 'POST',
          path: '/v1/data/batch',
          headers: jsonHeaders(admin),
          body: customer.replace('"lifetimeValue":182000', `"lifetimeValue":${n}`),
        },
        `lifetimeValue ${n}`,
      );
    }
  });

  /** The query schemas of the two GET routes, as declared in server/src/routes/api-routes.ts. */
  const pullQuery = z.object({
    since: z
      .string()
      .regex(/^\d{1,15}$/)
      .default('0'),
    limit: z.coerce.number().int().min(1).max(10_000).default(2_000),
  });
  const vocQuery = z.object({ limit: z.coerce.number().int().min(1).max(1_000).default(100) });

  it('answers garbage in since and limit with a 400, and valid values with a page (never a 5xx)', async () => {
    const param = fc.record(
      { since: queryValueArb, limit: queryValueArb, extra: queryValueArb },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/v1/sync/pull', '/v1/voc'),
        param,
        fc.boolean(),
        fc.constantFrom('', '&since=1', '&limit=1', '&__proto__[polluted]=1', '&constructor=x'),
        async (path, params, repeat, tail) => {
          const pairs = Object.entries(params).map(
            ([k, v]) => `${k === 'extra' ? 'x' : k}=${encodeURIComponent(v)}`,
          );
          if (repeat) pairs.push(...pairs);
          const query = pairs.join('&') + tail;
          const before = await snapshot();
          const reply = await send(server.url, {
            method: 'GET',
            path: `${path}?${query}`,
            headers: jsonHeaders(supervisor),
          });
          const what = `GET ${path}?${query} → ${reply.status} ${reply.text.slice(0, 200)}`;
          const parsed = new URLSearchParams(query);
          const asObject: Record<string, string | string[]> = {};
          for (const key of new Set(parsed.keys())) {
            const all = parsed.getAll(key);
            asObject[key] = all.length > 1 ? all : all[0]!;
          }
          const valid = (path === '/v1/sync/pull' ? pullQuery : vocQuery).safeParse(
            asObject,
          ).success;
          if (valid) {
            expect(reply.status, what).toBe(200);
            if (path === '/v1/sync/pull')
              expect(pullPage.safeParse(reply.json).success, what).toBe(true);
          } else {
            expectRefused(reply, what);
          }
          expect(await snapshot(), what).toEqual(before);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { numRuns: RUNS.large * 2 },
    );
  });

  it('answers a cursor beyond the largest sequence with an empty page, not a failure', async () => {
    // The cursor is opaque: a client with a cursor from another server, or a hostile one, must
    // get a clear answer (a page, or a 400 beyond the route's 15 digits), never a failure.
    for (const since of ['9007199254740993', '9223372036854775807', '99999999999999999999']) {
      const reply = await send(server.url, {
        method: 'GET',
        path: `/v1/sync/pull?since=${since}`,
        headers: jsonHeaders(agent),
      });
      expect(reply.status, `since=${since}: ${reply.text}`).toBeLessThan(500);
    }
  });

  it('refuses missing, malformed, forged and expired bearer tokens at every signed-in route', async () => {
    const doc = (await send(server.url, { method: 'GET', path: '/openapi.json' })).json as {
      paths: Record<string, Record<string, { 'x-roles'?: string[] }>>;
    };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op['x-roles'])
        .map(([method, op]) => ({ method: method.toUpperCase(), path, roles: op['x-roles']! })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(6);
    const principal = { userId: agentId, tenantId: 'retailer-a', centerId, role: 'agent' as const };
    const valid = signAccessToken(principal, TEST_SECRET);
    const [payload, signature] = valid.split('.') as [string, string];
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const header = fc.oneof(
      fc.constantFrom(
        '',
        'Bearer',
        'Bearer ',
        'Bearer  ',
        `bearer ${valid}`,
        `Basic ${Buffer.from('admin@retailer-a.example:x').toString('base64')}`,
        `Bearer ${valid}.x`,
        `Bearer ${payload}`,
        `Bearer ${payload}.`,
        `Bearer .${signature}`,
        `Bearer ${valid} ${valid}`,
        `Bearer ${'A'.repeat(8_000)}`,
        // The payload swapped for an admin of the other tenant, the signature kept.
        `Bearer ${b64({ ...principal, role: 'retailer_admin', tenantId: 'retailer-b', exp: 9e9 })}.${signature}`,
        // Signed with another secret.
        `Bearer ${signAccessToken({ ...principal, role: 'retailer_admin' }, 'not-the-secret')}`,
        // Expired an hour ago, correctly signed.
        `Bearer ${signAccessToken(principal, TEST_SECRET, Date.now() - 3_600_000)}`,
        // Signed, but not a principal.
        `Bearer ${b64({ userId: 1 })}.${signature}`,
      ),
      fc.string({ unit: 'binary-ascii', maxLength: 200 }).map((s) => `Bearer ${s}`),
      fc
        .tuple(fc.base64String({ maxLength: 80 }), fc.base64String({ maxLength: 60 }))
        .map(([a, b]) => `Bearer ${a}.${b}`),
      fc
        .record({
          userId: fc.string(),
          tenantId: fc.constantFrom('retailer-a', 'retailer-b', ''),
          centerId: fc.option(fc.string(), { nil: null }),
          role: fc.constantFrom('agent', 'retailer_admin', 'root'),
          exp: fc.oneof(fc.integer(), fc.constant(9e15)),
        })
        .map((p) => `Bearer ${b64(p)}.${signature}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...operations), header, async (op, authorization) => {
        // Header values cannot carry control characters; such a request never reaches a server.
        const clean = authorization.replace(/[^\x20-\x7e]/g, '');
        const body =
          op.method === 'GET'
            ? undefined
            : JSON.stringify({ records: [customerRecord({ id: 'tok' })] });
        await expectRefusedAndNothingApplied(
          {
            method: op.method,
            path: op.path,
            headers: {
              ...(body ? { 'content-type': 'application/json' } : {}),
              ...(clean ? { authorization: clean } : {}),
            },
            ...(body ? { body } : {}),
          },
          `${op.method} ${op.path} with authorization ${clean.slice(0, 120)}`,
        );
      }),
      { numRuns: RUNS.large },
    );
  });

  it('answers unknown paths and methods with a JSON 404', async () => {
    const segment = fc.oneof(
      fc.constantFrom(
        'v1',
        'v2',
        'sync',
        'pull',
        'admin',
        '..',
        '.',
        '__proto__',
        'constructor',
        'openapi.json',
      ),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).map(encodeURIComponent),
    );
    const known = new Set([
      'POST /v1/auth/sign-in',
      'POST /v1/auth/refresh',
      'GET /v1/sync/pull',
      'POST /v1/data/batch',
      'PUT /v1/admin/retention',
      'POST /v1/voc/batch',
      'GET /v1/voc',
      'GET /v1/events',
      'GET /openapi.json',
      'GET /health',
    ]);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
        fc.oneof(
          fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => `/${s.join('/')}`),
          fc.constantFrom(...[...known].map((k) => k.split(' ')[1]!)),
        ),
        async (method, path) => {
          const normalized = new URL(path, 'http://x').pathname;
          fc.pre(!known.has(`${method} ${normalized}`) && !known.has(`${method} ${path}`));
          await expectRefusedAndNothingApplied(
            {
              method,
              path,
              headers: jsonHeaders(admin),
              ...(method === 'GET' ? {} : { body: '{}' }),
            },
            `${method} ${path}`,
          );
        },
      ),
      { numRuns: RUNS.large },
    );
    const doc = await send(server.url, { method: 'POST', path: '/openapi.json', body: '{}' });
    expectRefused(doc, 'POST /openapi.json');
  });

  it('answers a path with broken percent-encoding in the API error shape', async () => {
    // Fastify answers a path it cannot decode itself, unless the app sets `frameworkErrors`.
    for (const path of ['/v1/sync/%zz', '/v1/%', '/%E0%A4%A']) {
      await expectRefusedAndNothingApplied(
        { method: 'GET', path, headers: jsonHeaders(agent) },
        `GET ${path}`,
      );
    }
  });

  // NUL is a valid JSON string character; a database that cannot store it must refuse it with a
  // 4xx, not fail with a 500.
  it.each([
    {
      what: 'a sign-in e-mail with a NUL',
      method: 'POST',
      path: '/v1/auth/sign-in',
      as: null,
      body: { email: 'admin\u0000@retailer-a.example', password: PASSWORD },
    },
    {
      what: 'a record id with a NUL',
      method: 'POST',
      path: '/v1/data/batch',
      as: 'admin',
      body: { records: [customerRecord({ id: 'nul\u0000id' })] },
    },
    {
      what: 'a deletion id with a NUL',
      method: 'POST',
      path: '/v1/data/batch',
      as: 'admin',
      body: { deletions: [{ type: 'customer', id: 'nul\u0000id' }] },
    },
  ] as const)('stores or clearly refuses $what (never a 5xx)', async (c) => {
    const reply = await send(server.url, {
      method: c.method,
      path: c.path,
      headers: jsonHeaders(c.as === 'admin' ? admin : null),
      body: JSON.stringify(c.body),
    });
    expect(reply.status, `${c.what}: ${reply.text}`).toBeLessThan(500);
    if (reply.status >= 400) expectRefused(reply, c.what);
  });
});
