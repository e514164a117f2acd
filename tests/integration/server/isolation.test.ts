import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../../server/src/db/schema';
import { deviceGrantFor, type DeviceTables } from '../../../server/src/data/devices';
import { lockedUntil, recordFailedSignIn } from '../../../server/src/auth/account-lockout';
import { createOperatorKey } from '../../../server/src/data/tenant-onboarding';
import { session as sessionSchema, type Session } from '../../../src/shared/protocol/auth';
import { pullPage, type PullPage } from '../../../src/shared/protocol/sync';
import { customerRecord, orderRecord, vocFor } from '../../fixtures/retailer-records';
import { uuidV7 } from '../../../src/shared/uuid-v7';
import { PASSWORD, startTestServer, TENANTS, type TestServer } from '../../fixtures/test-server';
import { describeEachDatabase } from '../../fixtures/test-database';

/**
 * Nobody reads or writes across a tenant (retailer) or, below the retailer roles, across a center.
 * The routes come from the OpenAPI document: an operation without a row in `CASES` fails the
 * coverage test, so a new route cannot ship without its isolation case.
 */

const ROLES: readonly Role[] = ['agent', 'trainer', 'supervisor', 'retailer_admin'];
const A = TENANTS[0]!;
const B = TENANTS[1]!;
const USERS = TENANTS.flatMap((t) => t.users.map((u) => ({ ...u, tenantId: t.id })));
type User = (typeof USERS)[number];
const user = (tenant: typeof A, role: Role, center = 0): User =>
  USERS.find(
    (u) =>
      u.tenantId === tenant.id &&
      u.role === role &&
      (role === 'retailer_admin' || u.centerId === tenant.centers[center]),
  )!;

interface Reply {
  status: number;
  text: string;
  json: unknown;
}

let addressCounter = 0;
/** One loopback address per request: public routes are rate limited per address. */
function nextAddress(): string {
  addressCounter++;
  return `127.9.${(addressCounter >> 8) & 255}.${addressCounter & 255 || 1}`;
}

function send(
  base: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<Reply> {
  const url = new URL(base);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        agent: false,
        localAddress: nextAddress(),
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': String(payload.length) }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** An open `/v1/events` stream and everything it received so far. */
interface Stream {
  status: number;
  received(): string;
  cursors(): string[];
  close(): void;
}

async function openStream(base: string, token: string): Promise<Stream> {
  const controller = new AbortController();
  const response = await fetch(`${base}/v1/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  let text = '';
  if (response.body) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          text += decoder.decode(value, { stream: true });
        }
      } catch {
        // aborted
      }
    })();
  }
  return {
    status: response.status,
    received: () => text,
    cursors: () =>
      [...text.matchAll(/event: changes\ndata: (.*)\n/g)].map(
        (m) => (JSON.parse(m[1]!) as { cursor: string }).cursor,
      ),
    close: () => controller.abort(),
  };
}

const until = async (check: () => boolean, ms = 3_000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return check();
};

/** A minimal request each role may or may not make; the body is valid, so only the role decides. */
/** An agent state change as a desk sends it (a fresh idempotency id each time). */
function agentChange(status: 'ready' | 'not_ready', reason: 'break' | null = null) {
  return { id: randomUUID(), status, reason, at: new Date().toISOString() };
}

/** One access of the audit, as a desk pushes it. */
function accessEntry() {
  return {
    id: uuidV7(),
    kind: 'pii_revealed' as const,
    customerId: 'cust-iso',
    callId: null,
    detail: { field: 'phone' },
    at: new Date().toISOString(),
  };
}

interface IsolationCase {
  /** The roles that may call it (compared with `x-roles` of the document). */
  allowed: readonly (Role | 'operator')[] | 'public';
  /** A valid request by `who` (only for signed-in routes). */
  request?: (who: User) => { path: string; body?: unknown };
  /** What must hold across tenants and centers for this route. */
  isolation: () => Promise<void>;
}

describeEachDatabase('tenant and center isolation on $name', ({ postgres }) => {
  let server: TestServer;
  const sessions = new Map<string, Session>();
  const token = (u: User) => sessions.get(u.id)!.accessToken;
  const vocIds = new Map<string, string[]>();

  const tenantRows = (tenantId: string) =>
    server.store.db
      .selectFrom('records')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('type')
      .orderBy('id')
      .execute();
  const vocRows = () =>
    server.store.db
      .selectFrom('voc_records')
      .selectAll()
      .orderBy('tenant_id')
      .orderBy('id')
      .execute();

  async function pullAll(u: User): Promise<PullPage[]> {
    const pages: PullPage[] = [];
    let since = '0';
    for (;;) {
      const reply = await send(server.url, 'GET', `/v1/sync/pull?since=${since}&limit=3`, token(u));
      expect(reply.status, reply.text).toBe(200);
      const page = pullPage.parse(reply.json);
      pages.push(page);
      since = page.cursor;
      if (!page.hasMore) return pages;
    }
  }

  const push = async (admin: User, body: unknown) => {
    const reply = await send(server.url, 'POST', '/v1/data/batch', token(admin), body);
    expect(reply.status, reply.text).toBe(200);
    return reply.json as { cursor: string };
  };

  beforeAll(async () => {
    server = await startTestServer({ postgres });
    for (const u of USERS) {
      const reply = await send(server.url, 'POST', '/v1/auth/sign-in', null, {
        email: u.email,
        password: PASSWORD,
      });
      expect(reply.status, reply.text).toBe(200);
      sessions.set(u.id, sessionSchema.parse(reply.json));
    }
    // Each retailer has data of its own and a record under an id the other also uses.
    for (const t of [A, B]) {
      await push(user(t, 'retailer_admin'), {
        records: [
          customerRecord({ id: `${t.id}-only`, familyName: `only ${t.id}` }),
          customerRecord({ id: 'shared', familyName: `of ${t.id}` }),
          orderRecord({ id: `${t.id}-order`, customerId: 'shared' }),
          orderRecord({ id: 'shared-order', customerId: 'shared', orderNumber: `KO-${t.id}` }),
        ],
      });
    }
    // Every agent saves two wrap-ups.
    for (const u of USERS.filter((x) => x.role === 'agent')) {
      const records = [vocFor(u.id, u.centerId!), vocFor(u.id, u.centerId!)];
      const reply = await send(server.url, 'POST', '/v1/voc/batch', token(u), { records });
      expect(reply.status, reply.text).toBe(200);
      vocIds.set(
        u.id,
        records.map((r) => r.id),
      );
    }
  });
  afterAll(() => server?.close());

  // Webhooks of each tenant: one the role test removes, one another tenant must not touch.
  beforeAll(async () => {
    for (const t of [A, B]) {
      for (const id of [`iso-hook-${t.id}`, `iso-keep-${t.id}`]) {
        await server.store.db
          .insertInto('webhooks')
          .values({
            id,
            tenant_id: t.id,
            url: `https://${t.id}.invalid/hook`,
            secret: `whsec_${t.id}`,
            events: '["voc.created"]',
            created_by: 'seed',
            created_at: new Date().toISOString(),
            deleted_at: null,
          })
          .execute();
      }
    }
  });
  // One floor alert raised by every agent (the role test acknowledges center 0's of A).
  const alertOf = new Map<string, string>();
  const floorAlert = (id: string) => ({
    id,
    kind: 'help',
    protocolStage: null,
    callId: null,
    customerId: null,
    note: '',
    raisedAt: new Date().toISOString(),
  });
  beforeAll(async () => {
    for (const u of USERS.filter((x) => x.role === 'agent')) {
      const id = randomUUID();
      const reply = await send(server.url, 'POST', '/v1/floor/alerts', token(u), {
        alerts: [floorAlert(id)],
      });
      expect(reply.status, reply.text).toBe(200);
      alertOf.set(u.id, id);
    }
  });
  const floorAlertIds = async (u: User) => {
    const reply = await send(server.url, 'GET', '/v1/floor/alerts', token(u));
    expect(reply.status, reply.text).toBe(200);
    return (reply.json as { alerts: { id: string; agentId: string }[] }).alerts;
  };
  /** The agents whose alerts `u` may see: their own, their center's, their tenant's. */
  const floorScope = (u: User) =>
    USERS.filter(
      (x) =>
        x.role === 'agent' &&
        x.tenantId === u.tenantId &&
        (u.role === 'agent'
          ? x.id === u.id
          : u.role === 'retailer_admin'
            ? true
            : x.centerId === u.centerId),
    ).map((x) => x.id);
  // Registered desks: two of retailer A (one per center) and one of B.
  beforeAll(async () => {
    for (const [u, deskId] of [
      [user(A, 'agent'), 'iso-device-a'],
      [user(A, 'agent', 1), 'iso-device-a1'],
      [user(B, 'agent'), 'iso-device-b'],
    ] as const) {
      await deviceGrantFor(
        server.store.db,
        { id: u.id, tenant_id: u.tenantId, center_id: u.centerId },
        deskId,
      );
    }
  });
  // Users no session of this test uses, for the sign-in admin routes (locked, disabled).
  const SPARE_USERS = ['iso-spare-a', 'iso-spare-a2'];
  beforeAll(async () => {
    for (const id of SPARE_USERS) {
      await server.store.db
        .insertInto('users')
        .values({
          id,
          tenant_id: A.id,
          center_id: A.centers[0]!,
          role: 'agent',
          email: `${id}@example.com`,
          display_name: id,
          password_hash: 'scrypt$x$y',
          created_at: new Date().toISOString(),
        })
        .execute();
      await recordFailedSignIn(
        server.store.db,
        { id, tenant_id: A.id },
        { attempts: 1, windowMs: 3_600_000, lockMs: 3_600_000 },
      );
    }
  });
  const lockedIds = async (u: User) => {
    const reply = await send(server.url, 'GET', '/v1/admin/accounts/locked', token(u));
    expect(reply.status, reply.text).toBe(200);
    return (reply.json as { accounts: { userId: string }[] }).accounts.map((a) => a.userId);
  };
  const deviceIds = async (u: User) => {
    const reply = await send(server.url, 'GET', '/v1/devices', token(u));
    expect(reply.status, reply.text).toBe(200);
    return (reply.json as { devices: { deskId: string }[] }).devices.map((d) => d.deskId).sort();
  };

  const webhookIds = async (u: User) => {
    const reply = await send(server.url, 'GET', '/v1/webhooks', token(u));
    expect(reply.status, reply.text).toBe(200);
    return (reply.json as { webhooks: { id: string; url: string }[] }).webhooks;
  };

  /** A release file uploaded by `admin`; its sha512 and size, as the server stored them. */
  const uploadUpdateFile = async (admin: User, text: string) => {
    const response = await fetch(`${server.url}/v1/admin/updates/files`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${token(admin)}`,
        'content-type': 'application/octet-stream',
      },
      body: text,
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { sha512: string; size: number };
  };
  const updateRelease = (file: { sha512: string; size: number }, version: string) => ({
    channel: 'stable',
    platform: 'linux',
    version,
    releaseDate: '2026-12-06T00:00:00.000Z',
    files: [{ url: `Koe-${version}.AppImage`, ...file }],
  });
  const deskReport = (u: User, deskId: string) =>
    fetch(`${server.url}/v1/updates/policy`, {
      headers: {
        authorization: `Bearer ${token(u)}`,
        'x-koe-desk-id': deskId,
        'x-koe-app-version': '1.0.0',
      },
    }).then((r) => r.text());

  const CASES: Record<string, IsolationCase> = {
    'POST /v1/auth/sign-in': {
      allowed: 'public',
      isolation: async () => {
        // Every session is the signed-in user's, whatever the case of the e-mail.
        for (const u of USERS) {
          expect(sessions.get(u.id)!.user).toEqual({
            id: u.id,
            tenantId: u.tenantId,
            centerId: u.centerId,
            role: u.role,
            displayName: u.displayName,
            // The test server names each tenant by its id.
            retailerName: u.tenantId,
          });
        }
        const shouted = await send(server.url, 'POST', '/v1/auth/sign-in', null, {
          email: user(B, 'supervisor', 1).email.toUpperCase(),
          password: PASSWORD,
        });
        expect(sessionSchema.parse(shouted.json).user.id).toBe(user(B, 'supervisor', 1).id);
      },
    },
    'POST /v1/auth/refresh': {
      allowed: 'public',
      isolation: async () => {
        for (const u of USERS) {
          const reply = await send(server.url, 'POST', '/v1/auth/refresh', null, {
            refreshToken: sessions.get(u.id)!.refreshToken,
          });
          expect(reply.status, reply.text).toBe(200);
          const next = sessionSchema.parse(reply.json);
          expect(next.user).toEqual(sessions.get(u.id)!.user);
          // The new access token speaks for the same principal.
          const payload = JSON.parse(
            Buffer.from(next.accessToken.split('.')[0]!, 'base64url').toString('utf8'),
          ) as Record<string, unknown>;
          expect(payload).toMatchObject({
            userId: u.id,
            tenantId: u.tenantId,
            centerId: u.centerId,
            role: u.role,
          });
          // A refresh token is no access token.
          const misuse = await send(server.url, 'GET', '/v1/voc', next.refreshToken);
          expect(misuse.status).toBe(401);
          sessions.set(u.id, next);
        }
      },
    },
    'GET /v1/sync/pull': {
      allowed: ['agent', 'trainer', 'supervisor', 'retailer_admin'],
      request: () => ({ path: '/v1/sync/pull?since=0&limit=1' }),
      isolation: async () => {
        for (const u of USERS) {
          const pages = await pullAll(u);
          const own = (await tenantRows(u.tenantId)).filter((r) => !r.deleted);
          const records = pages.flatMap((p) => p.records);
          // Exactly the caller's tenant: same types, ids and content.
          expect(
            records.map((r) => ({ type: r.type, data: r.data })).sort(byTypeAndId),
            u.id,
          ).toEqual(
            own
              .map((r) => ({ type: r.type, data: JSON.parse(r.data) as unknown }))
              .sort(byTypeAndId),
          );
          const names = records.flatMap((r) => (r.type === 'customer' ? [r.data.familyName] : []));
          expect(names).toContain(`of ${u.tenantId}`);
          expect(names.join()).not.toContain(u.tenantId === A.id ? B.id : A.id);
          // A cursor from the other tenant's (longer) sequence reveals nothing either.
          const far = await send(server.url, 'GET', '/v1/sync/pull?since=1', token(u));
          for (const r of pullPage.parse(far.json).records)
            expect(JSON.stringify(r)).not.toContain(u.tenantId === A.id ? B.id : A.id);
        }
      },
    },
    'POST /v1/data/batch': {
      allowed: ['retailer_admin'],
      request: (who) => ({
        path: '/v1/data/batch',
        body: { records: [customerRecord({ id: `${who.tenantId}-role-check` })] },
      }),
      isolation: async () => {
        const bBefore = await tenantRows(B.id);
        const bSequence = await server.store.db
          .selectFrom('tenant_sequences')
          .selectAll()
          .where('tenant_id', '=', B.id)
          .execute();
        // Admin A overwrites the shared id, deletes B's ids, and claims to be tenant B.
        await push(user(A, 'retailer_admin'), {
          tenantId: B.id,
          tenant_id: B.id,
          records: [
            {
              ...customerRecord({
                id: 'shared',
                familyName: 'overwritten by A',
                updatedAt: '2030-01-01T00:00:00.000Z',
              }),
              tenantId: B.id,
            },
          ],
          deletions: [
            { type: 'customer', id: `${B.id}-only` },
            { type: 'order', id: `${B.id}-order` },
          ],
        });
        expect(await tenantRows(B.id)).toEqual(bBefore);
        expect(
          await server.store.db
            .selectFrom('tenant_sequences')
            .selectAll()
            .where('tenant_id', '=', B.id)
            .execute(),
        ).toEqual(bSequence);
        const bRecords = (await pullAll(user(B, 'agent'))).flatMap((p) => p.records);
        expect(bRecords.map((r) => r.data)).toContainEqual(
          expect.objectContaining({ id: 'shared', familyName: `of ${B.id}` }),
        );
        expect(bRecords.map((r) => r.data)).toContainEqual(
          expect.objectContaining({ id: `${B.id}-only` }),
        );
        const aRecords = (await pullAll(user(A, 'agent'))).flatMap((p) => p.records);
        expect(aRecords.map((r) => r.data)).toContainEqual(
          expect.objectContaining({ id: 'shared', familyName: 'overwritten by A' }),
        );
      },
    },
    'PUT /v1/admin/retention': {
      allowed: ['retailer_admin'],
      request: () => ({ path: '/v1/admin/retention', body: { days: 730 } }),
      isolation: async () => {
        const tenants = () =>
          server.store.db.selectFrom('tenants').selectAll().orderBy('id').execute();
        const before = await tenants();
        const bPurge = (await pullAll(user(B, 'agent')))[0]!.purgeBefore;
        const reply = await send(
          server.url,
          'PUT',
          '/v1/admin/retention',
          token(user(A, 'retailer_admin')),
          {
            days: 7,
            tenantId: B.id,
          },
        );
        expect(reply.status, reply.text).toBe(200);
        const after = await tenants();
        expect(after.find((t) => t.id === B.id)).toEqual(before.find((t) => t.id === B.id));
        expect(after.find((t) => t.id === A.id)?.retention_days).toBe(7);
        expect((await pullAll(user(B, 'agent')))[0]!.purgeBefore).toBe(bPurge);
        expect((await pullAll(user(A, 'agent')))[0]!.purgeBefore).not.toBe(bPurge);
        await send(server.url, 'PUT', '/v1/admin/retention', token(user(A, 'retailer_admin')), {
          days: 730,
        });
      },
    },
    'GET /v1/admin/risk-thresholds': {
      allowed: ['retailer_admin'],
      request: () => ({ path: '/v1/admin/risk-thresholds' }),
      isolation: async () => {
        // Each admin reads its own retailer's thresholds (B's were never changed).
        const b = await send(
          server.url,
          'GET',
          '/v1/admin/risk-thresholds',
          token(user(B, 'retailer_admin')),
        );
        expect(b.status, b.text).toBe(200);
        expect(b.json).toMatchObject({ claimRiskThreshold: 0.7 });
      },
    },
    'PUT /v1/admin/risk-thresholds': {
      allowed: ['retailer_admin'],
      request: () => ({ path: '/v1/admin/risk-thresholds', body: { claimRiskThreshold: 0.7 } }),
      isolation: async () => {
        // A's admin changes A's policies; B's desktops pull nothing new and B's admin reads its own.
        const bPolicies = async () =>
          (await pullAll(user(B, 'agent')))
            .flatMap((p) => p.records)
            .filter((r) => r.type === 'policy');
        const before = await bPolicies();
        const reply = await send(
          server.url,
          'PUT',
          '/v1/admin/risk-thresholds',
          token(user(A, 'retailer_admin')),
          { claimRiskThreshold: 0.42 },
        );
        expect(reply.status, reply.text).toBe(200);
        expect(await bPolicies()).toEqual(before);
        const b = await send(
          server.url,
          'GET',
          '/v1/admin/risk-thresholds',
          token(user(B, 'retailer_admin')),
        );
        expect(b.json).toMatchObject({ claimRiskThreshold: 0.7 });
        const a = await send(
          server.url,
          'GET',
          '/v1/admin/risk-thresholds',
          token(user(A, 'retailer_admin')),
        );
        expect(a.json).toMatchObject({ claimRiskThreshold: 0.42 });
      },
    },
    'GET /v1/admin/bulk-access-policies': {
      allowed: ['retailer_admin'],
      request: () => ({ path: '/v1/admin/bulk-access-policies' }),
      isolation: async () => {
        // Covered with the POST below: each admin lists only its own retailer's policies.
      },
    },
    'POST /v1/admin/bulk-access-policies': {
      allowed: ['retailer_admin'],
      request: () => ({
        path: '/v1/admin/bulk-access-policies',
        body: {
          labelJa: '分離テスト',
          labelEn: 'Isolation test',
          metric: 'reveals',
          threshold: 100_000,
          windowMinutes: 60,
          action: 'notify_supervisor',
          active: false,
        },
      }),
      isolation: async () => {
        const list = async (tenant: typeof A) =>
          (
            (
              await send(
                server.url,
                'GET',
                '/v1/admin/bulk-access-policies',
                token(user(tenant, 'retailer_admin')),
              )
            ).json as { policies: { id: string }[] }
          ).policies.map((p) => p.id);
        const created = await send(
          server.url,
          'POST',
          '/v1/admin/bulk-access-policies',
          token(user(A, 'retailer_admin')),
          {
            labelJa: 'A の上限',
            labelEn: "A's limit",
            metric: 'reveals',
            threshold: 100_000,
            windowMinutes: 60,
            action: 'notify_supervisor',
            active: false,
          },
        );
        expect(created.status, created.text).toBe(200);
        const id = (created.json as { id: string }).id;
        expect(await list(A)).toContain(id);
        expect(await list(B)).not.toContain(id);
        // B's admin cannot change A's policy by its id.
        const foreign = await send(
          server.url,
          'POST',
          '/v1/admin/bulk-access-policies',
          token(user(B, 'retailer_admin')),
          {
            id,
            labelJa: '乗っ取り',
            labelEn: 'Takeover',
            metric: 'reveals',
            threshold: 0,
            windowMinutes: 60,
            action: 'lock_desk',
            active: true,
          },
        );
        expect(foreign.status).toBe(404);
      },
    },
    'POST /v1/voc/batch': {
      allowed: ['agent'],
      request: (who) => ({
        path: '/v1/voc/batch',
        body: { records: [vocFor(who.id, who.centerId ?? 'none')] },
      }),
      isolation: async () => {
        const me = user(A, 'agent', 0);
        const before = await vocRows();
        const foreign = (rows: typeof before) => rows.filter((r) => r.agent_id !== me.id);
        const bAgent = user(B, 'agent', 0);
        const colleague = user(A, 'agent', 1);
        const attempts = [
          vocFor(colleague.id, colleague.centerId!), // as another agent, in their center
          vocFor(me.id, colleague.centerId!), // as myself, into another center
          vocFor(colleague.id, me.centerId!), // as another agent, in my center
          vocFor(user(A, 'supervisor', 0).id, me.centerId!), // as my supervisor
          vocFor(bAgent.id, bAgent.centerId!), // as an agent of the other retailer
          vocFor(me.id, bAgent.centerId!), // into the other retailer's center
        ];
        const reply = await send(server.url, 'POST', '/v1/voc/batch', token(me), {
          records: attempts,
        });
        expect(reply.status, reply.text).toBe(200);
        const results = (reply.json as { results: { status: string }[] }).results;
        expect(results.map((r) => r.status)).toEqual(attempts.map(() => 'rejected'));
        expect(await vocRows()).toEqual(before);

        // Reusing the ids of others' records never touches them.
        const theirs = [vocIds.get(bAgent.id)![0]!, vocIds.get(colleague.id)![0]!];
        const reuse = await send(server.url, 'POST', '/v1/voc/batch', token(me), {
          records: theirs.map((id) => ({ ...vocFor(me.id, me.centerId!), id, tenantId: B.id })),
        });
        expect(reuse.status, reuse.text).toBe(200);
        const outcomes = (reuse.json as { results: { status: string }[] }).results;
        // Another tenant's id is free in mine; a colleague's is taken.
        expect(outcomes.map((o) => o.status)).toEqual(['accepted', 'conflict']);
        const after = await vocRows();
        expect(foreign(after)).toEqual(foreign(before));
        const added = after.filter(
          (r) => !before.some((b) => b.tenant_id === r.tenant_id && b.id === r.id),
        );
        expect(added.map((r) => [r.tenant_id, r.agent_id, r.center_id])).toEqual([
          [A.id, me.id, me.centerId],
        ]);
        expect(JSON.parse(added[0]!.data)).not.toHaveProperty('tenantId');
        vocIds.get(me.id)!.push(added[0]!.id);
      },
    },
    'POST /v1/agent-state/changes': {
      allowed: ['agent'],
      request: () => ({
        path: '/v1/agent-state/changes',
        body: { changes: [agentChange('ready')] },
      }),
      isolation: async () => {
        // Every agent reports; each row is the reporter's own tenant, center and agent.
        const agents = USERS.filter((u) => u.role === 'agent');
        const sent = new Map<string, string>();
        for (const u of agents) {
          const change = agentChange('not_ready', 'break');
          sent.set(change.id, u.id);
          const reply = await send(server.url, 'POST', '/v1/agent-state/changes', token(u), {
            changes: [change],
          });
          expect(reply.status, reply.text).toBe(200);
        }
        const rows = await server.store.db.selectFrom('agent_state_changes').selectAll().execute();
        for (const [id, userId] of sent) {
          const row = rows.find((r) => r.id === id)!;
          const u = USERS.find((x) => x.id === userId)!;
          expect(row).toMatchObject({
            tenant_id: u.tenantId,
            center_id: u.centerId,
            agent_id: u.id,
          });
        }
        // Replaying a colleague's change id never touches the colleague's rows or state.
        const me = user(A, 'agent', 0);
        const colleague = user(A, 'agent', 1);
        const theirs = [...sent].find(([, userId]) => userId === colleague.id)![0];
        const before = await server.store.db
          .selectFrom('agent_states')
          .selectAll()
          .where('agent_id', '=', colleague.id)
          .execute();
        const replay = await send(server.url, 'POST', '/v1/agent-state/changes', token(me), {
          changes: [{ ...agentChange('ready'), id: theirs }],
        });
        expect(replay.status, replay.text).toBe(200);
        expect((replay.json as { results: { status: string }[] }).results[0]!.status).toBe(
          'duplicate',
        );
        expect(
          await server.store.db
            .selectFrom('agent_states')
            .selectAll()
            .where('agent_id', '=', colleague.id)
            .execute(),
        ).toEqual(before);
      },
    },
    'GET /v1/agent-states': {
      allowed: ['agent', 'trainer', 'supervisor', 'retailer_admin'],
      request: () => ({ path: '/v1/agent-states' }),
      isolation: async () => {
        for (const u of USERS.filter((x) => x.role === 'agent')) {
          await send(server.url, 'POST', '/v1/agent-state/changes', token(u), {
            changes: [agentChange('ready')],
          });
        }
        const rows = await server.store.db.selectFrom('agent_states').selectAll().execute();
        for (const u of USERS) {
          const reply = await send(server.url, 'GET', '/v1/agent-states', token(u));
          expect(reply.status, reply.text).toBe(200);
          const seen = (reply.json as { agents: { agentId: string }[] }).agents
            .map((a) => a.agentId)
            .sort();
          const visible = rows.filter(
            (r) =>
              r.tenant_id === u.tenantId &&
              (u.role === 'agent'
                ? r.agent_id === u.id
                : u.role === 'retailer_admin'
                  ? true
                  : r.center_id === u.centerId),
          );
          expect(visible.length, u.id).toBeGreaterThan(0);
          expect(seen, u.id).toEqual(visible.map((r) => r.agent_id).sort());
        }
      },
    },
    'POST /v1/floor/alerts': {
      allowed: ['agent'],
      request: () => ({ path: '/v1/floor/alerts', body: { alerts: [floorAlert(randomUUID())] } }),
      isolation: async () => {
        // Each incident row is the raiser's own tenant, center and agent.
        const rows = await server.store.db.selectFrom('incident_events').selectAll().execute();
        for (const [agentId, alertId] of alertOf) {
          const u = USERS.find((x) => x.id === agentId)!;
          expect(rows.find((r) => r.alert_id === alertId)).toMatchObject({
            tenant_id: u.tenantId,
            center_id: u.centerId,
            agent_id: u.id,
          });
        }
        // Pushing a colleague's alert id adds no stage to the colleague's incident.
        const me = user(A, 'agent', 0);
        const colleague = user(A, 'agent', 1);
        const theirs = alertOf.get(colleague.id)!;
        const replay = await send(server.url, 'POST', '/v1/floor/alerts', token(me), {
          alerts: [{ ...floorAlert(theirs), kind: 'harassment', protocolStage: 'terminated' }],
        });
        expect(replay.status, replay.text).toBe(200);
        const stages = await server.store.db
          .selectFrom('incident_events')
          .select(['agent_id', 'stage'])
          .where('alert_id', '=', theirs)
          .execute();
        expect(stages.every((r) => r.agent_id === colleague.id)).toBe(true);
      },
    },
    'GET /v1/floor/alerts': {
      allowed: ['agent', 'supervisor', 'retailer_admin'],
      request: () => ({ path: '/v1/floor/alerts' }),
      isolation: async () => {
        for (const u of USERS.filter((x) => x.role !== 'trainer')) {
          const seen = new Set((await floorAlertIds(u)).map((a) => a.agentId));
          expect([...seen].sort(), u.id).toEqual(floorScope(u).sort());
        }
        const other = await send(
          server.url,
          'GET',
          `/v1/floor/alerts?centerId=${A.centers[1]}`,
          token(user(A, 'supervisor', 0)),
        );
        expect(other.status).toBe(403);
      },
    },
    'POST /v1/floor/alerts/acknowledge': {
      allowed: ['supervisor', 'retailer_admin'],
      request: () => ({
        path: '/v1/floor/alerts/acknowledge',
        body: { alertId: alertOf.get(user(A, 'agent', 0).id) },
      }),
      isolation: async () => {
        // Another center's supervisor and another tenant's admin cannot take it.
        const target = alertOf.get(user(A, 'agent', 1).id)!;
        for (const who of [user(A, 'supervisor', 0), user(B, 'retailer_admin')]) {
          const reply = await send(server.url, 'POST', '/v1/floor/alerts/acknowledge', token(who), {
            alertId: target,
          });
          expect(reply.status, who.id).toBe(404);
        }
        const stages = await server.store.db
          .selectFrom('incident_events')
          .select('stage')
          .where('alert_id', '=', target)
          .where('stage', '=', 'acknowledged')
          .execute();
        expect(stages).toEqual([]);
      },
    },
    'POST /v1/audit/accesses': {
      allowed: ['agent', 'trainer', 'supervisor', 'retailer_admin'],
      request: () => ({ path: '/v1/audit/accesses', body: { entries: [accessEntry()] } }),
      isolation: async () => {
        // Each row is the pusher's own tenant, center and user, whatever the body says.
        const rows = await server.store.db.selectFrom('access_audit').selectAll().execute();
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows.filter((r) => r.kind === 'pii_revealed')) {
          const u = USERS.find((x) => x.id === row.agent_id)!;
          expect(row, row.id).toMatchObject({ tenant_id: u.tenantId, center_id: u.centerId });
        }
        // A colleague's row id pushed by another agent is refused, and the row stays theirs.
        const colleague = user(A, 'agent', 1);
        const theirs = accessEntry();
        await send(server.url, 'POST', '/v1/audit/accesses', token(colleague), {
          entries: [theirs],
        });
        const replay = await send(
          server.url,
          'POST',
          '/v1/audit/accesses',
          token(user(A, 'agent', 0)),
          {
            entries: [theirs],
          },
        );
        expect((replay.json as { results: { status: string }[] }).results[0]!.status).toBe(
          'conflict',
        );
        const row = await server.store.db
          .selectFrom('access_audit')
          .select('agent_id')
          .where('id', '=', theirs.id)
          .executeTakeFirstOrThrow();
        expect(row.agent_id).toBe(colleague.id);
      },
    },
    'GET /v1/audit/accesses': {
      allowed: ['supervisor', 'retailer_admin'],
      request: () => ({ path: '/v1/audit/accesses' }),
      isolation: async () => {
        for (const u of USERS.filter((x) => x.role === 'agent'))
          await send(server.url, 'POST', '/v1/audit/accesses', token(u), {
            entries: [accessEntry()],
          });
        for (const u of USERS.filter(
          (x) => x.role === 'supervisor' || x.role === 'retailer_admin',
        )) {
          const reply = await send(server.url, 'GET', '/v1/audit/accesses?limit=500', token(u));
          expect(reply.status, reply.text).toBe(200);
          const entries = (reply.json as { entries: { agentId: string; centerId: string }[] })
            .entries;
          expect(entries.length, u.id).toBeGreaterThan(0);
          for (const e of entries) {
            const author = USERS.find((x) => x.id === e.agentId)!;
            expect(author.tenantId, u.id).toBe(u.tenantId);
            if (u.role === 'supervisor') expect(e.centerId, u.id).toBe(u.centerId);
          }
        }
        const other = await send(
          server.url,
          'GET',
          `/v1/audit/accesses?centerId=${A.centers[1]}`,
          token(user(A, 'supervisor', 0)),
        );
        expect(other.status).toBe(403);
      },
    },
    'GET /v1/audit/export': {
      allowed: ['supervisor', 'retailer_admin'],
      request: () => ({ path: '/v1/audit/export' }),
      isolation: async () => {
        for (const u of USERS.filter(
          (x) => x.role === 'supervisor' || x.role === 'retailer_admin',
        )) {
          const reply = await send(server.url, 'GET', '/v1/audit/export?format=ndjson', token(u));
          expect(reply.status, reply.text).toBe(200);
          const lines = reply.text.trim().split('\n').filter(Boolean);
          for (const line of lines) {
            const e = JSON.parse(line) as { agentId: string; centerId: string | null };
            const author = USERS.find((x) => x.id === e.agentId)!;
            expect(author.tenantId, u.id).toBe(u.tenantId);
            if (u.role === 'supervisor') expect(e.centerId, u.id).toBe(u.centerId);
          }
        }
      },
    },
    'GET /v1/floor/summary': {
      allowed: ['supervisor', 'retailer_admin'],
      request: () => ({ path: '/v1/floor/summary' }),
      isolation: async () => {
        for (const u of USERS.filter((x) => x.role === 'agent')) {
          await send(server.url, 'POST', '/v1/agent-state/changes', token(u), {
            changes: [agentChange('ready')],
          });
        }
        for (const u of USERS.filter(
          (x) => x.role === 'supervisor' || x.role === 'retailer_admin',
        )) {
          const reply = await send(server.url, 'GET', '/v1/floor/summary', token(u));
          expect(reply.status, reply.text).toBe(200);
          const summary = reply.json as { agents: { agentId: string }[]; callsToday: number };
          expect(summary.agents.map((a) => a.agentId).sort(), u.id).toEqual(floorScope(u).sort());
          // Today's wrap-ups of the center's (or the tenant's) agents, and no one else's.
          const scope = new Set(floorScope(u));
          const own = (await vocRows()).filter((r) => scope.has(r.agent_id));
          expect(own.length, u.id).toBeGreaterThan(0);
          expect(summary.callsToday, u.id).toBe(own.length);
        }
        const other = await send(
          server.url,
          'GET',
          `/v1/floor/summary?centerId=${A.centers[1]}`,
          token(user(A, 'supervisor', 0)),
        );
        expect(other.status).toBe(403);
      },
    },
    'GET /v1/voc': {
      allowed: ['agent', 'trainer', 'supervisor', 'retailer_admin'],
      request: () => ({ path: '/v1/voc' }),
      isolation: async () => {
        const rows = await vocRows();
        for (const u of USERS) {
          const reply = await send(server.url, 'GET', '/v1/voc?limit=1000', token(u));
          expect(reply.status, reply.text).toBe(200);
          const seen = (reply.json as { records: { id: string }[] }).records
            .map((r) => r.id)
            .sort();
          const visible = rows.filter(
            (r) =>
              r.tenant_id === u.tenantId &&
              (u.role === 'agent'
                ? r.agent_id === u.id
                : u.role === 'retailer_admin'
                  ? true
                  : r.center_id === u.centerId),
          );
          expect(visible.length, u.id).toBeGreaterThan(0);
          expect(seen, u.id).toEqual(visible.map((r) => r.id).sort());
        }
      },
    },
    'GET /v1/voc/export': {
      allowed: ['trainer', 'supervisor', 'retailer_admin'],
      request: () => ({ path: '/v1/voc/export' }),
      isolation: async () => {
        const rows = await vocRows();
        for (const u of USERS.filter((x) => x.role !== 'agent')) {
          const reply = await send(server.url, 'GET', '/v1/voc/export', token(u));
          expect(reply.status, reply.text).toBe(200);
          const seen = reply.text
            .split('\n')
            .filter(Boolean)
            .map((line) => (JSON.parse(line) as { id: string }).id)
            .sort();
          const visible = rows.filter(
            (r) =>
              r.tenant_id === u.tenantId &&
              (u.role === 'retailer_admin' || r.center_id === u.centerId),
          );
          expect(visible.length, u.id).toBeGreaterThan(0);
          expect(seen, u.id).toEqual(visible.map((r) => r.id).sort());
        }
        // Another tenant's center, asked for by name, is not there.
        const foreign = await send(
          server.url,
          'GET',
          `/v1/voc/export?centerId=${B.centers[0]}`,
          token(user(A, 'retailer_admin')),
        );
        expect(foreign.text).toBe('');
      },
    },
    'GET /v1/voc/stats': {
      allowed: ['trainer', 'supervisor', 'retailer_admin'],
      request: () => ({ path: '/v1/voc/stats' }),
      isolation: async () => {
        const rows = await vocRows();
        for (const u of USERS.filter((x) => x.role !== 'agent')) {
          const reply = await send(server.url, 'GET', '/v1/voc/stats?groupBy=center', token(u));
          expect(reply.status, reply.text).toBe(200);
          const groups = (reply.json as { groups: { key: string; count: number }[] }).groups;
          const visible = rows.filter(
            (r) =>
              r.tenant_id === u.tenantId &&
              (u.role === 'retailer_admin' || r.center_id === u.centerId),
          );
          const expected = new Map<string, number>();
          for (const r of visible) expected.set(r.center_id, (expected.get(r.center_id) ?? 0) + 1);
          expect(new Map(groups.map((g) => [g.key, g.count])), u.id).toEqual(expected);
        }
      },
    },
    'POST /v1/webhooks': {
      allowed: ['retailer_admin'],
      request: () => ({ path: '/v1/webhooks', body: { url: 'https://hooks.invalid/koe' } }),
      isolation: async () => {
        const created = await send(
          server.url,
          'POST',
          '/v1/webhooks',
          token(user(B, 'retailer_admin')),
          {
            url: 'https://b-only.invalid/hook',
          },
        );
        expect(created.status, created.text).toBe(200);
        expect(JSON.stringify(await webhookIds(user(A, 'retailer_admin')))).not.toContain('b-only');
      },
    },
    'GET /v1/webhooks': {
      allowed: ['retailer_admin'],
      request: () => ({ path: '/v1/webhooks' }),
      isolation: async () => {
        for (const t of [A, B]) {
          const listed = await webhookIds(user(t, 'retailer_admin'));
          expect(listed.length).toBeGreaterThan(0);
          const own = await server.store.db
            .selectFrom('webhooks')
            .select('id')
            .where('tenant_id', '=', t.id)
            .where('deleted_at', 'is', null)
            .execute();
          expect(listed.map((w) => w.id).sort()).toEqual(own.map((w) => w.id).sort());
        }
      },
    },
    'DELETE /v1/webhooks/{id}': {
      allowed: ['retailer_admin'],
      request: (who) => ({ path: `/v1/webhooks/iso-hook-${who.tenantId}` }),
      isolation: async () => {
        const reply = await send(
          server.url,
          'DELETE',
          `/v1/webhooks/iso-keep-${A.id}`,
          token(user(B, 'retailer_admin')),
        );
        expect(reply.status).toBe(404);
        expect((await webhookIds(user(A, 'retailer_admin'))).map((w) => w.id)).toContain(
          `iso-keep-${A.id}`,
        );
      },
    },
    'GET /v1/webhooks/{id}/deliveries': {
      allowed: ['retailer_admin'],
      request: (who) => ({ path: `/v1/webhooks/iso-keep-${who.tenantId}/deliveries` }),
      isolation: async () => {
        const reply = await send(
          server.url,
          'GET',
          `/v1/webhooks/iso-keep-${A.id}/deliveries`,
          token(user(B, 'retailer_admin')),
        );
        expect(reply.status).toBe(404);
      },
    },
    'PATCH /v1/webhooks/{id}': {
      allowed: ['retailer_admin'],
      request: (who) => ({
        path: `/v1/webhooks/iso-keep-${who.tenantId}`,
        body: { enabled: true },
      }),
      isolation: async () => {
        const reply = await send(
          server.url,
          'PATCH',
          `/v1/webhooks/iso-keep-${A.id}`,
          token(user(B, 'retailer_admin')),
          { enabled: false },
        );
        expect(reply.status).toBe(404);
        const kept = await server.store.db
          .selectFrom('webhooks')
          .select('disabled_at')
          .where('id', '=', `iso-keep-${A.id}`)
          .executeTakeFirstOrThrow();
        expect(kept.disabled_at).toBeNull();
      },
    },
    'POST /v1/webhooks/{id}/rotate-secret': {
      allowed: ['retailer_admin'],
      request: (who) => ({ path: `/v1/webhooks/iso-keep-${who.tenantId}/rotate-secret` }),
      isolation: async () => {
        const secret = () =>
          server.store.db
            .selectFrom('webhooks')
            .select('secret')
            .where('id', '=', `iso-keep-${A.id}`)
            .executeTakeFirstOrThrow();
        const before = await secret();
        const reply = await send(
          server.url,
          'POST',
          `/v1/webhooks/iso-keep-${A.id}/rotate-secret`,
          token(user(B, 'retailer_admin')),
        );
        expect(reply.status).toBe(404);
        expect(await secret()).toEqual(before);
      },
    },
    'GET /v1/insights': {
      allowed: ['trainer', 'supervisor', 'retailer_admin'],
      request: () => ({ path: '/v1/insights' }),
      isolation: async () => {
        const rows = await vocRows();
        for (const u of USERS.filter((x) => x.role !== 'agent')) {
          const reply = await send(server.url, 'GET', '/v1/insights', token(u));
          expect(reply.status, reply.text).toBe(200);
          const byCenter = (reply.json as { byCenter: { key: string; count: number }[] }).byCenter;
          // A supervisor or trainer its center; an admin the whole tenant.
          const visible = rows.filter(
            (r) =>
              r.tenant_id === u.tenantId &&
              (u.role === 'retailer_admin' || r.center_id === u.centerId),
          );
          const expected = new Map<string, number>();
          for (const r of visible) expected.set(r.center_id, (expected.get(r.center_id) ?? 0) + 1);
          expect(new Map(byCenter.map((g) => [g.key, g.count])), u.id).toEqual(expected);
        }
      },
    },
    'GET /v1/insights/words': {
      allowed: ['trainer', 'supervisor', 'retailer_admin'],
      request: () => ({ path: '/v1/insights/words' }),
      isolation: async () => {
        const rows = await vocRows();
        for (const u of USERS.filter((x) => x.role !== 'agent')) {
          const reply = await send(server.url, 'GET', '/v1/insights/words?limit=100', token(u));
          expect(reply.status, reply.text).toBe(200);
          const ids = (reply.json as { items: { id: string }[] }).items.map((i) => i.id).sort();
          const visible = rows.filter(
            (r) =>
              r.tenant_id === u.tenantId &&
              (u.role === 'retailer_admin' || r.center_id === u.centerId),
          );
          expect(ids, u.id).toEqual(visible.map((r) => r.id).sort());
        }
      },
    },
    // The script studio: drafts first (so the script exists for the reads), then publish
    // (version 1 exists for the version read and the rollback).
    'PUT /v1/studio/drafts': {
      allowed: ['trainer', 'retailer_admin'],
      request: () => ({
        path: '/v1/studio/drafts',
        body: { scriptId: 'iso-script', content: studioContent('A') },
      }),
      isolation: async () => {
        const b = await send(server.url, 'PUT', '/v1/studio/drafts', token(user(B, 'trainer')), {
          scriptId: 'iso-script',
          content: studioContent('B draft'),
        });
        expect(b.status).toBe(200);
        const aDraft = await send(
          server.url,
          'GET',
          '/v1/studio/script?scriptId=iso-script',
          token(user(A, 'trainer')),
        );
        expect(JSON.stringify(aDraft.json)).not.toContain('B draft');
      },
    },
    'GET /v1/studio/scripts': {
      allowed: ['trainer', 'retailer_admin'],
      request: () => ({ path: '/v1/studio/scripts' }),
      isolation: async () => {
        await send(server.url, 'PUT', '/v1/studio/drafts', token(user(A, 'trainer')), {
          scriptId: 'a-only-script',
          content: studioContent('A only'),
        });
        const b = await send(server.url, 'GET', '/v1/studio/scripts', token(user(B, 'trainer', 1)));
        expect(b.status).toBe(200);
        expect(b.text).not.toContain('a-only-script');
      },
    },
    'GET /v1/studio/script': {
      allowed: ['trainer', 'retailer_admin'],
      request: () => ({ path: '/v1/studio/script?scriptId=iso-script' }),
      isolation: async () => {
        await send(server.url, 'PUT', '/v1/studio/drafts', token(user(A, 'trainer')), {
          scriptId: 'a-secret-script',
          content: studioContent('A secret'),
        });
        const b = await send(
          server.url,
          'GET',
          '/v1/studio/script?scriptId=a-secret-script',
          token(user(B, 'retailer_admin')),
        );
        expect(b.status).toBe(404);
      },
    },
    'POST /v1/studio/publish': {
      allowed: ['trainer', 'retailer_admin'],
      request: () => ({
        path: '/v1/studio/publish',
        body: { scriptId: 'iso-script', content: studioContent('A'), releaseNotes: 'A' },
      }),
      isolation: async () => {
        const before = await tenantRows(A.id);
        const b = await send(server.url, 'POST', '/v1/studio/publish', token(user(B, 'trainer')), {
          scriptId: 'iso-script',
          content: studioContent('B published'),
          releaseNotes: 'B',
        });
        expect(b.status, b.text).toBe(200);
        expect(await tenantRows(A.id)).toEqual(before);
        expect(JSON.stringify(await tenantRows(B.id))).toContain('B published');
      },
    },
    'GET /v1/studio/script/version': {
      allowed: ['trainer', 'retailer_admin'],
      request: () => ({ path: '/v1/studio/script/version?scriptId=iso-script&version=1' }),
      isolation: async () => {
        await send(server.url, 'POST', '/v1/studio/publish', token(user(A, 'trainer')), {
          scriptId: 'a-published-only',
          content: studioContent('A published'),
          releaseNotes: 'A',
        });
        const b = await send(
          server.url,
          'GET',
          '/v1/studio/script/version?scriptId=a-published-only&version=1',
          token(user(B, 'trainer')),
        );
        expect(b.status).toBe(404);
      },
    },
    'POST /v1/studio/rollback': {
      allowed: ['trainer', 'retailer_admin'],
      request: () => ({
        path: '/v1/studio/rollback',
        body: { scriptId: 'iso-script', version: 1, releaseNotes: 'back' },
      }),
      isolation: async () => {
        await send(server.url, 'POST', '/v1/studio/publish', token(user(A, 'trainer')), {
          scriptId: 'a-rollback-only',
          content: studioContent('A'),
          releaseNotes: 'A',
        });
        const before = await tenantRows(A.id);
        const b = await send(server.url, 'POST', '/v1/studio/rollback', token(user(B, 'trainer')), {
          scriptId: 'a-rollback-only',
          version: 1,
          releaseNotes: 'B',
        });
        expect(b.status).toBe(404);
        expect(await tenantRows(A.id)).toEqual(before);
      },
    },
    // The approved-answer studio, in the same order: a draft, then a publish for the reads.
    'PUT /v1/studio/answers/drafts': {
      allowed: ['trainer', 'retailer_admin'],
      request: () => ({
        path: '/v1/studio/answers/drafts',
        body: { answerId: 'iso-answer', content: answerContent('iso-answer', 'A') },
      }),
      isolation: async () => {
        const b = await send(
          server.url,
          'PUT',
          '/v1/studio/answers/drafts',
          token(user(B, 'trainer')),
          { answerId: 'iso-answer', content: answerContent('iso-answer', 'B draft') },
        );
        expect(b.status).toBe(200);
        const aDraft = await send(
          server.url,
          'GET',
          '/v1/studio/answers/answer?answerId=iso-answer',
          token(user(A, 'trainer')),
        );
        expect(JSON.stringify(aDraft.json)).not.toContain('B draft');
      },
    },
    'GET /v1/studio/answers': {
      allowed: ['trainer', 'retailer_admin'],
      request: () => ({ path: '/v1/studio/answers' }),
      isolation: async () => {
        await send(server.url, 'PUT', '/v1/studio/answers/drafts', token(user(A, 'trainer')), {
          answerId: 'a-only-answer',
          content: answerContent('a-only-answer', 'A only'),
        });
        const b = await send(server.url, 'GET', '/v1/studio/answers', token(user(B, 'trainer', 1)));
        expect(b.status).toBe(200);
        expect(JSON.stringify(b.json)).not.toContain('a-only-answer');
      },
    },
    'GET /v1/studio/answers/answer': {
      allowed: ['trainer', 'retailer_admin'],
      request: () => ({ path: '/v1/studio/answers/answer?answerId=iso-answer' }),
      isolation: async () => {
        await send(server.url, 'PUT', '/v1/studio/answers/drafts', token(user(A, 'trainer')), {
          answerId: 'a-secret-answer',
          content: answerContent('a-secret-answer', 'A secret'),
        });
        const b = await send(
          server.url,
          'GET',
          '/v1/studio/answers/answer?answerId=a-secret-answer',
          token(user(B, 'trainer')),
        );
        expect(b.status).toBe(404);
      },
    },
    'POST /v1/studio/answers/publish': {
      allowed: ['trainer', 'retailer_admin'],
      request: () => ({
        path: '/v1/studio/answers/publish',
        body: {
          answerId: 'iso-answer',
          content: answerContent('iso-answer', 'A'),
          releaseNotes: 'A',
        },
      }),
      isolation: async () => {
        const before = await tenantRows(A.id);
        const b = await send(
          server.url,
          'POST',
          '/v1/studio/answers/publish',
          token(user(B, 'trainer')),
          {
            answerId: 'iso-answer',
            content: answerContent('iso-answer', 'B published'),
            releaseNotes: 'B',
          },
        );
        expect(b.status).toBe(200);
        // B's publish wrote B's change log only.
        expect(await tenantRows(A.id)).toEqual(before);
      },
    },
    'GET /v1/studio/answers/version': {
      allowed: ['trainer', 'retailer_admin'],
      request: () => ({ path: '/v1/studio/answers/version?answerId=iso-answer&version=1' }),
      isolation: async () => {
        await send(server.url, 'POST', '/v1/studio/answers/publish', token(user(A, 'trainer')), {
          answerId: 'a-published-answer',
          content: answerContent('a-published-answer', 'A published'),
          releaseNotes: 'A',
        });
        const b = await send(
          server.url,
          'GET',
          '/v1/studio/answers/version?answerId=a-published-answer&version=1',
          token(user(B, 'trainer')),
        );
        expect(b.status).toBe(404);
      },
    },
    'POST /v1/studio/answers/rollback': {
      allowed: ['trainer', 'retailer_admin'],
      request: () => ({
        path: '/v1/studio/answers/rollback',
        body: { answerId: 'iso-answer', version: 1, releaseNotes: 'back' },
      }),
      isolation: async () => {
        await send(server.url, 'POST', '/v1/studio/answers/publish', token(user(A, 'trainer')), {
          answerId: 'a-rollback-answer',
          content: answerContent('a-rollback-answer', 'A'),
          releaseNotes: 'A',
        });
        const before = await tenantRows(A.id);
        const b = await send(
          server.url,
          'POST',
          '/v1/studio/answers/rollback',
          token(user(B, 'trainer')),
          { answerId: 'a-rollback-answer', version: 1, releaseNotes: 'B' },
        );
        expect(b.status).toBe(404);
        expect(await tenantRows(A.id)).toEqual(before);
      },
    },
    'GET /v1/events': {
      allowed: ['agent', 'trainer', 'supervisor', 'retailer_admin'],
      request: () => ({ path: '/v1/events' }),
      isolation: async () => {
        const streams = {
          aAgent: await openStream(server.url, token(user(A, 'agent', 0))),
          aAdmin: await openStream(server.url, token(user(A, 'retailer_admin'))),
          bAgent: await openStream(server.url, token(user(B, 'agent', 1))),
          bSupervisor: await openStream(server.url, token(user(B, 'supervisor', 0))),
        };
        try {
          for (const s of Object.values(streams)) {
            expect(s.status).toBe(200);
            expect(await until(() => s.received().includes(': connected'))).toBe(true);
          }
          // A fence: A's own change, seen by both A streams. Notices of A's earlier changes
          // (PostgreSQL delivers NOTIFY asynchronously, and in order) arrive before it, so
          // whatever A sees after it was caused by what follows.
          const fence = await push(user(A, 'retailer_admin'), {
            records: [customerRecord({ id: 'a-fence', updatedAt: '2031-01-01T00:00:00.000Z' })],
          });
          for (const s of [streams.aAgent, streams.aAdmin]) {
            expect(await until(() => s.cursors().includes(fence.cursor))).toBe(true);
          }
          const after = (s: Stream) => {
            const seen = s.cursors().length;
            const text = s.received().length;
            return {
              cursors: () => s.cursors().slice(seen),
              received: () => s.received().slice(text),
            };
          };
          const aAgent = after(streams.aAgent);
          const aAdmin = after(streams.aAdmin);
          // B changes data, then its retention window.
          const pushed = await push(user(B, 'retailer_admin'), {
            records: [customerRecord({ id: 'b-live', updatedAt: '2031-01-01T00:00:00.000Z' })],
          });
          expect(await until(() => streams.bAgent.cursors().includes(pushed.cursor))).toBe(true);
          expect(await until(() => streams.bSupervisor.cursors().includes(pushed.cursor))).toBe(
            true,
          );
          await send(server.url, 'PUT', '/v1/admin/retention', token(user(B, 'retailer_admin')), {
            days: 730,
          });
          expect(await until(() => streams.bAgent.cursors().length >= 2)).toBe(true);
          // A's own change reaches A, with A's cursor, and not B. It is also the fence that
          // proves B's notices did not reach A: they were sent first, so they would be here.
          const bSeen = streams.bAgent.cursors().length;
          const aPushed = await push(user(A, 'retailer_admin'), {
            records: [customerRecord({ id: 'a-live', updatedAt: '2031-01-01T00:00:00.000Z' })],
          });
          for (const s of [aAgent, aAdmin]) {
            expect(await until(() => s.cursors().includes(aPushed.cursor))).toBe(true);
            expect(s.cursors()).toEqual([aPushed.cursor]);
          }
          expect(aAgent.received().match(/event:/g)).toHaveLength(1);
          // And B's own next change is the fence that proves A's did not reach B.
          const bFence = await push(user(B, 'retailer_admin'), {
            records: [customerRecord({ id: 'b-fence', updatedAt: '2031-01-02T00:00:00.000Z' })],
          });
          expect(await until(() => streams.bAgent.cursors().includes(bFence.cursor))).toBe(true);
          expect(streams.bAgent.cursors().slice(bSeen)).toEqual([bFence.cursor]);
        } finally {
          for (const s of Object.values(streams)) s.close();
        }
      },
    },
    // Desktop updates (update-feed-routes.ts): A's releases, settings and desks stay A's.
    'PUT /v1/admin/updates/files': {
      allowed: ['retailer_admin'],
      isolation: async () => {
        // Files are stored per tenant: B cannot publish a release on A's upload.
        const stored = await uploadUpdateFile(user(A, 'retailer_admin'), 'A build');
        const reply = await send(
          server.url,
          'POST',
          '/v1/admin/updates/releases',
          token(user(B, 'retailer_admin')),
          updateRelease(stored, '9.0.0'),
        );
        expect(reply.status, reply.text).toBe(409);
      },
    },
    'POST /v1/admin/updates/releases': {
      allowed: ['retailer_admin'],
      isolation: async () => {
        const stored = await uploadUpdateFile(user(A, 'retailer_admin'), 'A release');
        const reply = await send(
          server.url,
          'POST',
          '/v1/admin/updates/releases',
          token(user(A, 'retailer_admin')),
          updateRelease(stored, '2.0.0'),
        );
        expect(reply.status, reply.text).toBe(200);
        const listed = await send(
          server.url,
          'GET',
          '/v1/admin/updates/releases',
          token(user(B, 'retailer_admin')),
        );
        expect(listed.json).toEqual({ releases: [] });
        // B's desks find nothing under A's file name.
        const file = await send(
          server.url,
          'GET',
          '/v1/updates/stable/Koe-2.0.0.AppImage',
          token(user(B, 'agent')),
        );
        expect(file.status).toBe(404);
        const own = await send(
          server.url,
          'GET',
          '/v1/updates/stable/Koe-2.0.0.AppImage',
          token(user(A, 'agent')),
        );
        expect(own.status).toBe(200);
      },
    },
    'GET /v1/admin/updates/releases': {
      allowed: ['retailer_admin'],
      request: () => ({ path: '/v1/admin/updates/releases' }),
      isolation: async () => {
        const listed = await send(
          server.url,
          'GET',
          '/v1/admin/updates/releases',
          token(user(B, 'retailer_admin')),
        );
        expect(JSON.stringify(listed.json)).not.toContain(A.id);
      },
    },
    'PUT /v1/admin/updates/halt': {
      allowed: ['retailer_admin'],
      isolation: async () => {
        const stored = await uploadUpdateFile(user(A, 'retailer_admin'), 'A halt');
        await send(
          server.url,
          'POST',
          '/v1/admin/updates/releases',
          token(user(A, 'retailer_admin')),
          updateRelease(stored, '3.0.0'),
        );
        const halt = { channel: 'stable', version: '3.0.0', halted: true };
        const byB = await send(
          server.url,
          'PUT',
          '/v1/admin/updates/halt',
          token(user(B, 'retailer_admin')),
          halt,
        );
        expect(byB.status).toBe(404);
        const listed = await send(
          server.url,
          'GET',
          '/v1/admin/updates/releases',
          token(user(A, 'retailer_admin')),
        );
        const releases = (
          listed.json as { releases: { version: string; haltedAt: string | null }[] }
        ).releases;
        expect(releases.find((r) => r.version === '3.0.0')?.haltedAt).toBeNull();
      },
    },
    'GET /v1/admin/updates/centers': {
      allowed: ['retailer_admin'],
      request: () => ({ path: '/v1/admin/updates/centers' }),
      isolation: async () => {
        for (const t of [A, B]) {
          const reply = await send(
            server.url,
            'GET',
            '/v1/admin/updates/centers',
            token(user(t, 'retailer_admin')),
          );
          const ids = (reply.json as { centers: { centerId: string }[] }).centers.map(
            (c) => c.centerId,
          );
          expect(ids).toEqual([...t.centers].sort());
        }
      },
    },
    'PUT /v1/admin/updates/centers/{centerId}': {
      allowed: ['retailer_admin'],
      request: () => ({
        path: `/v1/admin/updates/centers/${A.centers[0]}`,
        body: { channel: 'stable', rolloutPercent: 100, minimumVersion: null },
      }),
      isolation: async () => {
        const byB = await send(
          server.url,
          'PUT',
          `/v1/admin/updates/centers/${A.centers[0]}`,
          token(user(B, 'retailer_admin')),
          { channel: 'pilot', rolloutPercent: 0, minimumVersion: '9.9.9' },
        );
        expect(byB.status).toBe(404);
        const policy = await send(server.url, 'GET', '/v1/updates/policy', token(user(A, 'agent')));
        expect(policy.json).toMatchObject({ channel: 'stable', minimumVersion: null });
      },
    },
    // The operator's routes: no retailer role may call them (the role test above), and an
    // operator key reads no retailer's data nor reaches a center through another retailer.
    'GET /v1/operator/tenants': {
      allowed: ['operator'],
      request: () => ({ path: '/v1/operator/tenants' }),
      isolation: async () => {
        const { key } = await createOperatorKey(server.store.db, 'isolation');
        for (const path of ['/v1/voc', '/v1/sync/pull?cursor=0', '/v1/devices']) {
          const reply = await send(server.url, 'GET', path, key);
          expect(reply.status, path).toBe(403);
        }
        const listed = await send(server.url, 'GET', '/v1/operator/tenants', key);
        expect(listed.status).toBe(200);
      },
    },
    'POST /v1/operator/tenants': {
      allowed: ['operator'],
      request: () => ({
        path: '/v1/operator/tenants',
        body: {
          id: 'iso-new',
          name: 'x',
          centers: [{ id: 'iso-new-c', name: 'x' }],
          admin: { email: 'admin@iso-new.example', displayName: 'x' },
        },
      }),
      isolation: async () => {
        const { key } = await createOperatorKey(server.store.db, 'isolation');
        // A center id another retailer uses is refused, not moved.
        const reply = await send(server.url, 'POST', '/v1/operator/tenants', key, {
          id: 'iso-thief',
          name: 'x',
          centers: [{ id: user(A, 'agent').centerId!, name: 'x' }],
          admin: { email: 'admin@iso-thief.example', displayName: 'x' },
        });
        expect(reply.status, reply.text).toBe(409);
      },
    },
    'POST /v1/operator/tenants/{tenantId}/centers': {
      allowed: ['operator'],
      request: () => ({
        path: `/v1/operator/tenants/${A.id}/centers`,
        body: { id: 'x', name: 'x' },
      }),
      isolation: async () => {
        const { key } = await createOperatorKey(server.store.db, 'isolation');
        const reply = await send(server.url, 'POST', `/v1/operator/tenants/${B.id}/centers`, key, {
          id: user(A, 'agent').centerId!,
          name: 'x',
        });
        expect(reply.status, reply.text).toBe(409);
      },
    },
    'POST /v1/operator/tenants/{tenantId}/centers/{centerId}/disable': {
      allowed: ['operator'],
      request: () => ({ path: `/v1/operator/tenants/${A.id}/centers/none/disable` }),
      isolation: async () => {
        const { key } = await createOperatorKey(server.store.db, 'isolation');
        // Another retailer's center, named under this one: not found, and still active.
        const centerId = user(A, 'agent').centerId!;
        const reply = await send(
          server.url,
          'POST',
          `/v1/operator/tenants/${B.id}/centers/${centerId}/disable`,
          key,
        );
        expect(reply.status, reply.text).toBe(404);
        const center = await server.store.db
          .selectFrom('centers')
          .select('disabled_at')
          .where('id', '=', centerId)
          .executeTakeFirstOrThrow();
        expect(center.disabled_at).toBeNull();
      },
    },
    'POST /v1/operator/tenants/{tenantId}/centers/{centerId}/enable': {
      allowed: ['operator'],
      request: () => ({ path: `/v1/operator/tenants/${A.id}/centers/none/enable` }),
      isolation: async () => {
        const { key } = await createOperatorKey(server.store.db, 'isolation');
        // Another retailer's center, named under this one: not found.
        const reply = await send(
          server.url,
          'POST',
          `/v1/operator/tenants/${B.id}/centers/${user(A, 'agent').centerId!}/enable`,
          key,
        );
        expect(reply.status, reply.text).toBe(404);
        expect(reply.json).toMatchObject({ error: { code: 'center_not_found' } });
      },
    },
    'GET /v1/devices': {
      allowed: ['retailer_admin', 'supervisor'],
      request: () => ({ path: '/v1/devices' }),
      isolation: async () => {
        expect(await deviceIds(user(A, 'retailer_admin'))).toEqual([
          'iso-device-a',
          'iso-device-a1',
        ]);
        expect(await deviceIds(user(A, 'supervisor'))).toEqual(['iso-device-a']);
        expect(await deviceIds(user(A, 'supervisor', 1))).toEqual(['iso-device-a1']);
        expect(await deviceIds(user(B, 'retailer_admin'))).toEqual(['iso-device-b']);
      },
    },
    'POST /v1/devices/{deskId}/revoke': {
      allowed: ['retailer_admin', 'supervisor'],
      request: () => ({ path: '/v1/devices/iso-device-a/revoke' }),
      isolation: async () => {
        for (const u of [user(B, 'retailer_admin'), user(A, 'supervisor')]) {
          const reply = await send(
            server.url,
            'POST',
            '/v1/devices/iso-device-a1/revoke',
            token(u),
          );
          expect(reply.status, reply.text).toBe(404);
        }
        const row = await server.store.db
          .withTables<DeviceTables>()
          .selectFrom('devices')
          .select('revoked')
          .where('desk_id', '=', 'iso-device-a1')
          .executeTakeFirstOrThrow();
        expect(Number(row.revoked)).toBe(0);
      },
    },
    'GET /v1/admin/accounts/locked': {
      allowed: ['retailer_admin'],
      request: () => ({ path: '/v1/admin/accounts/locked' }),
      isolation: async () => {
        expect(await lockedIds(user(A, 'retailer_admin'))).toContain('iso-spare-a2');
        expect(await lockedIds(user(B, 'retailer_admin'))).toEqual([]);
      },
    },
    'POST /v1/admin/accounts/{userId}/unlock': {
      allowed: ['retailer_admin'],
      request: () => ({ path: '/v1/admin/accounts/iso-spare-a/unlock' }),
      isolation: async () => {
        const path = '/v1/admin/accounts/iso-spare-a2/unlock';
        const reply = await send(server.url, 'POST', path, token(user(B, 'retailer_admin')));
        expect(reply.status, reply.text).toBe(404);
        expect(await lockedUntil(server.store.db, 'iso-spare-a2')).not.toBeNull();
      },
    },
    'GET /v1/admin/users': {
      allowed: ['retailer_admin', 'supervisor'],
      request: () => ({ path: '/v1/admin/users' }),
      isolation: async () => {
        const ids = async (u: User) =>
          (
            (await send(server.url, 'GET', '/v1/admin/users', token(u))).json as {
              users: { userId: string }[];
            }
          ).users.map((x) => x.userId);
        const adminA = await ids(user(A, 'retailer_admin'));
        expect(adminA).toContain(user(A, 'supervisor', 1).id);
        expect(adminA).toContain('iso-spare-a');
        expect(adminA.some((id) => USERS.find((x) => x.id === id)?.tenantId === B.id)).toBe(false);
        // A supervisor: their own center's agents, nobody else (not even themselves).
        expect((await ids(user(A, 'supervisor'))).sort()).toEqual(
          [user(A, 'agent').id, ...SPARE_USERS].sort(),
        );
        expect(await ids(user(A, 'supervisor', 1))).toEqual([user(A, 'agent', 1).id]);
        expect(await ids(user(B, 'retailer_admin'))).not.toContain('iso-spare-a');
      },
    },
    'POST /v1/admin/users/{userId}/disable': {
      allowed: ['retailer_admin', 'supervisor'],
      request: () => ({ path: '/v1/admin/users/iso-spare-a/disable' }),
      isolation: async () => {
        const path = '/v1/admin/users/iso-spare-a2/disable';
        // Another retailer's admin, another center's supervisor: not found, nothing changed.
        for (const u of [user(B, 'retailer_admin'), user(A, 'supervisor', 1)]) {
          const reply = await send(server.url, 'POST', path, token(u));
          expect(reply.status, reply.text).toBe(404);
        }
        // A supervisor manages agents only: not their own center's trainer.
        const trainer = `/v1/admin/users/${user(A, 'trainer').id}/disable`;
        const refused = await send(server.url, 'POST', trainer, token(user(A, 'supervisor')));
        expect(refused.status, refused.text).toBe(404);
        const rows = await server.store.db
          .selectFrom('users')
          .select(['id', 'disabled_at'])
          .where('id', 'in', ['iso-spare-a2', user(A, 'trainer').id])
          .execute();
        expect(rows.map((r) => r.disabled_at)).toEqual([null, null]);
      },
    },
    'POST /v1/admin/users/{userId}/enable': {
      allowed: ['retailer_admin', 'supervisor'],
      request: () => ({ path: '/v1/admin/users/iso-spare-a/enable' }),
      isolation: async () => {
        const path = '/v1/admin/users/iso-spare-a/enable';
        for (const u of [user(B, 'retailer_admin'), user(A, 'supervisor', 1)]) {
          const reply = await send(server.url, 'POST', path, token(u));
          expect(reply.status, reply.text).toBe(404);
        }
      },
    },
    'GET /v1/updates/desks': {
      allowed: ['retailer_admin', 'supervisor'],
      request: () => ({ path: '/v1/updates/desks' }),
      isolation: async () => {
        await deskReport(user(A, 'agent'), 'iso-desk-a');
        const seen = async (u: User) =>
          (
            (await send(server.url, 'GET', '/v1/updates/desks', token(u))).json as {
              desks: { deskId: string }[];
            }
          ).desks.map((d) => d.deskId);
        expect(await seen(user(A, 'retailer_admin'))).toContain('iso-desk-a');
        expect(await seen(user(A, 'supervisor'))).toContain('iso-desk-a');
        expect(await seen(user(A, 'supervisor', 1))).not.toContain('iso-desk-a');
        expect(await seen(user(B, 'retailer_admin'))).not.toContain('iso-desk-a');
      },
    },
    'GET /v1/updates/policy': {
      allowed: ['agent', 'trainer', 'supervisor', 'retailer_admin'],
      request: () => ({ path: '/v1/updates/policy' }),
      isolation: async () => {
        const set = await send(
          server.url,
          'PUT',
          `/v1/admin/updates/centers/${B.centers[0]}`,
          token(user(B, 'retailer_admin')),
          { channel: 'pilot', rolloutPercent: 5, minimumVersion: '9.9.9' },
        );
        expect(set.status, set.text).toBe(200);
        const a = await send(server.url, 'GET', '/v1/updates/policy', token(user(A, 'agent')));
        expect(a.json).toMatchObject({
          channel: 'stable',
          minimumVersion: null,
          updateRequired: false,
        });
        await send(
          server.url,
          'PUT',
          `/v1/admin/updates/centers/${B.centers[0]}`,
          token(user(B, 'retailer_admin')),
          { channel: 'stable', rolloutPercent: 100, minimumVersion: null },
        );
      },
    },
    'GET /v1/updates/{channel}/{file}': {
      allowed: ['agent', 'trainer', 'supervisor', 'retailer_admin'],
      isolation: async () => {
        const stored = await uploadUpdateFile(user(A, 'retailer_admin'), 'A feed');
        await send(
          server.url,
          'POST',
          '/v1/admin/updates/releases',
          token(user(A, 'retailer_admin')),
          updateRelease(stored, '4.0.0'),
        );
        const feedOf = async (u: User) =>
          (await send(server.url, 'GET', '/v1/updates/stable/latest-linux.yml', token(u))).text;
        expect(await feedOf(user(A, 'agent'))).toContain('version: 4.0.0');
        expect(await feedOf(user(B, 'agent'))).not.toContain('4.0.0');
      },
    },
  };

  it('has an isolation case, with the right roles, for every operation in the OpenAPI document', async () => {
    const doc = (await send(server.url, 'GET', '/openapi.json', null)).json as {
      paths: Record<string, Record<string, { 'x-roles'?: Role[]; security: unknown[] }>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(documented.map((d) => d.key).sort()).toEqual(Object.keys(CASES).sort());
    for (const { key, op } of documented) {
      const allowed = CASES[key]!.allowed;
      if (allowed === 'public') {
        expect(op['x-roles'], key).toBeUndefined();
        expect(op.security, key).toEqual([]);
      } else {
        expect([...(op['x-roles'] ?? [])].sort(), key).toEqual([...allowed].sort());
      }
    }
  });

  it('lets each role call exactly the routes allowed to it, and nobody unsigned', async () => {
    for (const [key, c] of Object.entries(CASES)) {
      if (c.allowed === 'public' || !c.request) continue;
      const [method] = key.split(' ') as [string];
      for (const role of ROLES) {
        const who = user(A, role);
        const { path, body } = c.request(who);
        if (path === '/v1/events' && c.allowed.includes(role)) {
          const stream = await openStream(server.url, token(who));
          stream.close();
          expect(stream.status, `${role} ${key}`).toBe(200);
          continue;
        }
        const reply = await send(server.url, method, path, token(who), body);
        if (c.allowed.includes(role)) {
          expect(reply.status, `${role} ${key}: ${reply.text}`).toBe(200);
        } else {
          expect(reply.status, `${role} ${key}: ${reply.text}`).toBe(403);
          expect(reply.json).toMatchObject({ error: { code: 'forbidden' } });
        }
      }
      const { path, body } = c.request(user(A, 'agent'));
      const anonymous = await send(server.url, method, path, null, body);
      expect(anonymous.status, `anonymous ${key}`).toBe(401);
    }
  });

  for (const [key, c] of Object.entries(CASES)) {
    it(`isolates ${key}`, () => c.isolation());
  }
});

/** An approved answer that lints clean; its title names its id, so no two share a title. */
function answerContent(answerId: string, text: string) {
  return {
    title: { ja: `${answerId} ${text}` },
    body: { ja: text },
    tags: { ja: [] },
    audience: { languages: ['ja'], centers: [] },
  };
}

/** A studio script that lints clean; each tenant publishes its own under the same ids. */
function studioContent(text: string) {
  return {
    title: { ja: text },
    audience: { languages: ['ja'], centers: [] },
    // A reason per text, so scripts of one tenant never overlap each other.
    triggers: { reasons: [`iso.${text.toLowerCase().replace(/[^a-z]/g, '_')}`], tiers: [] },
    steps: [{ id: 'greet', compliance: false, text: { ja: text }, branches: [] }],
  };
}

function byTypeAndId(
  a: { type: string; data: unknown },
  b: { type: string; data: unknown },
): number {
  const key = (r: { type: string; data: unknown }) =>
    `${r.type}/${JSON.stringify((r.data as { id?: string; code?: string }).id ?? r.data)}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}
