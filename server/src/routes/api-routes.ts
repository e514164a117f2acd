import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { vocRecord } from '../../../src/shared/domain/voc';
import {
  refreshRequest,
  session,
  signInRequest,
  type Session,
} from '../../../src/shared/protocol/auth';
import {
  ingestRequest,
  ingestResponse,
  retentionRequest,
} from '../../../src/shared/protocol/ingest';
import {
  PULL_CURSOR_HEADER,
  PULL_HAS_MORE_HEADER,
  pullPage,
} from '../../../src/shared/protocol/sync';
import { vocPushRequest, vocPushResponse } from '../../../src/shared/protocol/voc-push';
import { recordTypesUnknownTo } from '../../../src/shared/protocol/record-type-versions';
import { ACCESS_TOKEN_SECONDS, signAccessToken } from '../auth/access-tokens';
import { hashPassword, verifyPassword } from '../auth/passwords';
import {
  issueRefreshToken,
  newFamilyId,
  refreshTokenOwner,
  rotateRefreshToken,
} from '../auth/refresh-tokens';
import {
  clearFailedSignIns,
  lockoutOf,
  recordFailedSignIn,
  type LockoutPolicy,
} from '../auth/account-lockout';
import type { RevocationList } from '../auth/revocation-list';
import { applyChanges, latestSequence, readChangesJson } from '../data/change-log';
import { ingestVocRecords, storeNewVocAlone } from '../data/voc-ingest';
import { publishOutreachNotices } from '../data/outreach-notices';
import { screenProactiveRecords } from '../data/outreach-calls';
import type { Role } from '../db/schema';
import type { ServerStore } from '../db/connect';
import { ALL_ROLES, defineRoute, HttpError, RawJson, type RouteSpec } from '../http/route';
import type { ChangeNotifier } from '../live/change-notifier';
import { deskOf, refuseOutdatedDesk } from './update-feed-routes';
import { vocReadCenter } from '../auth/voc-read-scope';
import {
  deskRevocationOf,
  deskRevokedError,
  deviceGrantFor,
  type SignedInUser,
} from '../data/devices';
import { refuseIfPolicyLocked, refusePolicyLocked } from '../data/floor-presence';
import { readPullContext } from '../data/pull-context';
import { refuseIfCenterDisabled } from '../auth/center-status';
import { sharedPullPages } from '../data/shared-pull-pages';
import { writesFirst } from '../http/writes-first';

export interface ApiDeps {
  store: ServerStore;
  secret: string;
  notifier: ChangeNotifier;
  revocations: RevocationList;
  lockout: LockoutPolicy;
  /** The desk the request's token was issued to (null when it names none). */
  deskOfToken?: (request: FastifyRequest) => string | null;
}

export const PULL_PAGE_DEFAULT = 2_000;
const PULLS_AT_A_TIME = 4;
/** While writes keep coming, one pull starts after the pulls have waited this long. */
const PULL_PATIENCE_MS = 250;

// Compared against when the e-mail is unknown, so a sign-in takes as long either way.
const unknownUserHash = hashPassword('not a real password');

/** Refused with the right password too, until the lock ends; says until when. */
function accountLocked(until: string, reply: { header(name: string, value: string): unknown }) {
  const seconds = Math.max(1, Math.ceil((Date.parse(until) - Date.now()) / 1000));
  reply.header('retry-after', String(seconds));
  return new HttpError(
    423,
    'account_locked',
    `This account is locked after too many wrong passwords until ${until}. Try again then, or ask the retailer admin to unlock it.`,
  );
}

const userDisabled = () =>
  new HttpError(403, 'user_disabled', 'This user has been disabled by the retailer admin.');

export function apiRoutes({
  store,
  secret,
  notifier,
  revocations,
  lockout,
  deskOfToken,
}: ApiDeps): RouteSpec[] {
  const db = store.db;
  const pullPages = sharedPullPages();
  // Pulls wait their turn here rather than in the database pool, and give way to writes while
  // one is being stored (writes-first.ts, README: load test).
  const turns = writesFirst({ pullsAtATime: PULLS_AT_A_TIME, patienceMs: PULL_PATIENCE_MS });

  /** A change notice sent off the request's path; a failure is logged, the change is kept. */
  const publishLater = (tenantId: string, cursor: number) => {
    notifier.publish(tenantId, cursor).catch((error: unknown) => {
      console.warn(`The change notice could not be sent: ${String(error)}`);
    });
  };

  const sessionFor = async (
    user: {
      id: string;
      tenant_id: string;
      center_id: string | null;
      role: Role;
      display_name: string;
    },
    refresh: { token: string; familyId: string },
    deviceGrant: string | null = null,
    deskId: string | null = null,
  ): Promise<Session> => {
    const tenant = await db
      .selectFrom('tenants')
      .select('name')
      .where('id', '=', user.tenant_id)
      .executeTakeFirst();
    return {
      accessToken: signAccessToken(
        { userId: user.id, tenantId: user.tenant_id, centerId: user.center_id, role: user.role },
        secret,
        Date.now(),
        // The sign-in and desk it belongs to: revoking either stops it before it expires.
        { familyId: refresh.familyId, deskId: deskId ?? undefined },
      ),
      refreshToken: refresh.token,
      expiresInSeconds: ACCESS_TOKEN_SECONDS,
      user: {
        id: user.id,
        tenantId: user.tenant_id,
        centerId: user.center_id,
        role: user.role,
        displayName: user.display_name,
        ...(tenant ? { retailerName: tenant.name } : {}),
      },
      ...(deviceGrant ? { deviceGrant } : {}),
    };
  };

  /** The desk the request names (x-koe-desk-id) and its grant; none for other clients. */
  const grantForDesk = async (
    user: SignedInUser,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<{ grant: string | null; deskId: string | null }> => {
    const { deskId } = deskOf(headers);
    return deskId
      ? { grant: await deviceGrantFor(db, user, deskId), deskId }
      : { grant: null, deskId: null };
  };

  /** 403 device_revoked (with why) when the request names a desk revoked at this user's retailer. */
  const refuseRevokedDeskOf = async (
    userId: string | null,
    request: { headers: Record<string, string | string[] | undefined> },
  ): Promise<void> => {
    const { deskId } = deskOf(request.headers);
    if (!userId || !deskId) return;
    const owner = await db
      .selectFrom('users')
      .select('tenant_id')
      .where('id', '=', userId)
      .executeTakeFirst();
    const reason = owner ? await deskRevocationOf(db, owner.tenant_id, deskId) : null;
    if (reason) throw deskRevokedError(reason);
  };

  return [
    defineRoute({
      method: 'POST',
      url: '/v1/auth/sign-in',
      summary: 'Sign in with e-mail and password',
      roles: 'public',
      body: signInRequest,
      response: session,
      rateLimitPerMinute: 30,
      errors: {
        '401': 'The e-mail or password is not right (invalid_credentials)',
        '403':
          "The user is disabled (user_disabled), or the request's desk was removed (device_revoked)",
        '423':
          'The account is locked after too many wrong passwords (account_locked), even with the right one, until the time the message names; see Retry-After',
      },
      handler: async ({ body, request, reply }) => {
        const user = await db
          .selectFrom('users')
          .selectAll()
          .where('email', '=', body.email.trim().toLowerCase())
          .executeTakeFirst();
        // A locked account is refused even with the right password, until the lock ends.
        const record = user ? await lockoutOf(db, user.id) : null;
        if (record?.lockedUntil) throw accountLocked(record.lockedUntil, reply);
        const ok = await verifyPassword(
          body.password,
          user?.password_hash ?? (await unknownUserHash),
        );
        if (user && !ok) {
          const nowLocked = await recordFailedSignIn(db, user, lockout);
          if (nowLocked) throw accountLocked(nowLocked, reply);
        }
        if (!user || !ok)
          throw new HttpError(401, 'invalid_credentials', 'The e-mail or password is not right.');
        if (record?.counted) await clearFailedSignIns(db, user.id);
        // A revoked desk hears it before any other refusal (a disabled user, a center's ended
        // contract): it erases its customer data.
        await refuseRevokedDeskOf(user.id, request);
        if (user.disabled_at) throw userDisabled();
        await refuseIfCenterDisabled(db, user.center_id);
        // The desk is registered (or refused, when revoked) before any token is issued.
        const { grant, deskId } = await grantForDesk(user, request.headers);
        const familyId = newFamilyId();
        const token = await issueRefreshToken(db, user.id, familyId);
        // For the admin's users list (a refresh is not a sign-in).
        await db
          .updateTable('users')
          .set({ last_sign_in_at: new Date().toISOString() })
          .where('id', '=', user.id)
          .execute();
        return sessionFor(user, { token, familyId }, grant, deskId);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/auth/refresh',
      summary: 'Trade a refresh token for a new session (the token rotates)',
      roles: 'public',
      body: refreshRequest,
      response: session,
      rateLimitPerMinute: 60,
      errors: {
        '401':
          'The refresh token is unknown, expired, revoked or already used (invalid_refresh_token); a reused one revokes its whole sign-in',
        '403':
          "The user is disabled (user_disabled), or the request's desk was removed (device_revoked)",
      },
      handler: async ({ body, request }) => {
        const rotated = await db
          .transaction()
          .execute((trx) => rotateRefreshToken(trx, body.refreshToken));
        if (rotated && 'reused' in rotated) {
          // A copied refresh token: the family's access tokens stop working too, everywhere.
          const owner = await db
            .selectFrom('users')
            .select('tenant_id')
            .where('id', '=', rotated.reused.userId)
            .executeTakeFirst();
          if (owner)
            await revocations.revoke({
              tenantId: owner.tenant_id,
              kind: 'family',
              subject: rotated.reused.familyId,
            });
        }
        if (!rotated || 'reused' in rotated) {
          // A desk revoked since (its own revocation, its center's or its user's) hears that
          // first: it erases, rather than only asking its agent to sign in again.
          await refuseRevokedDeskOf(await refreshTokenOwner(db, body.refreshToken), request);
          throw new HttpError(
            401,
            'invalid_refresh_token',
            'This refresh token is unknown, expired or already used. Sign in again.',
          );
        }
        const user = await db
          .selectFrom('users')
          .selectAll()
          .where('id', '=', rotated.userId)
          .executeTakeFirstOrThrow();
        if (user.disabled_at) throw userDisabled();
        const { grant, deskId } = await grantForDesk(user, request.headers);
        return sessionFor(
          user,
          { token: rotated.refreshToken, familyId: rotated.familyId },
          grant,
          deskId,
        );
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/sync/pull',
      summary: 'Pull the changes after a cursor',
      roles: ALL_ROLES,
      query: z.object({
        // Sequence numbers stay exact as JS numbers (below 2^53): at most 15 digits.
        since: z
          .string()
          .max(15)
          .regex(/^\d{1,15}$/, 'expected a cursor from a previous page')
          .default('0'),
        limit: z.coerce.number().int().min(1).max(10_000).default(PULL_PAGE_DEFAULT),
        until: z
          .string()
          .max(15)
          .regex(/^\d{1,15}$/, 'expected the cursor of a change notice')
          .optional()
          .describe(
            "The cursor a change notice announced: the page stops there, and once nothing up to it is left its cursor is that one (every desk told the same notice then asks the same pages). Beyond the tenant's latest change it counts as the latest.",
          ),
      }),
      response: pullPage,
      handler: ({ principal, query, request, reply }) =>
        turns.pull(async () => {
          // The pull's reads on one connection, taken once: between them it never queues for
          // the pool again, and the gate's pulls hold at most as many connections as it admits.
          const { context, page } = await db.connection().execute(async (conn) => {
            // What the pull checks and announces, in one statement (pull-context.ts).
            const context = await readPullContext(conn, principal);
            const since = Number(query.since);
            const { purgeBefore: purge, head } = context;
            // Record types this desk's version would refuse a page for are left out of its pages.
            const withheld = recordTypesUnknownTo(deskOf(request.headers).version);
            // Up to what a notice announced (never past the head: what is beyond is not written).
            const upTo = query.until === undefined ? null : Math.min(Number(query.until), head);
            // Every desk of a center told of the same notice asks for this same page: read and
            // compressed once (shared-pull-pages.ts), once per set of types left out. Bounded by
            // `until`, the page no longer depends on the head at the moment of the request.
            const key = [principal.tenantId, principal.centerId, since, query.limit, purge];
            if (withheld.length > 0) key.push(withheld.join(','));
            const page = await pullPages.page(
              JSON.stringify([...key, upTo ?? `head ${head}`]),
              () =>
                readChangesJson(
                  conn,
                  principal.tenantId,
                  since,
                  query.limit,
                  purge,
                  head,
                  principal.centerId,
                  withheld,
                  upTo,
                ),
            );
            return { context, page };
          });
          // No customer data for a desk older than its center's minimum version (its version is
          // recorded on the pool's connection, after the read's is given back).
          await refuseOutdatedDesk(db, principal, request.headers, context.minimumVersion);
          // Nor while a bulk-access policy holds this agent's customer data (floor-presence.ts).
          refuseIfPolicyLocked(context.policyLocked);
          // The page's end, announced before its body: a client can ask for the next page while
          // this one is still downloading, parsing and committing (the body stays the authority).
          void reply.header(PULL_CURSOR_HEADER, page.cursor);
          void reply.header(PULL_HAS_MORE_HEADER, String(page.hasMore));
          if (page.json.length >= 1024 && acceptsGzip(request.headers)) {
            void reply
              .type('application/json; charset=utf-8')
              .header('content-encoding', 'gzip')
              .header('vary', 'accept-encoding');
            await reply.send(pullPages.gzipped(page));
            return;
          }
          return new RawJson(page.json);
        }),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/data/batch',
      summary:
        'Upsert or delete retailer data (customers, orders, shipments, returns, claims, contacts, notices, taxonomy, scripts, answers, policies)',
      roles: ['retailer_admin'],
      body: ingestRequest,
      response: ingestResponse,
      rateLimitPerMinute: 600,
      handler: ({ principal, body }) =>
        turns.write(async () => {
          const result = await db
            .transaction()
            .execute((trx) => applyChanges(trx, principal.tenantId, body.records, body.deletions));
          const cursor = result.lastSeq ?? (await latestSequence(db, principal.tenantId));
          // The desks are told after the answer is on its way: the notice is a round trip of
          // its own, and nothing in the answer depends on it.
          if (result.lastSeq !== null) publishLater(principal.tenantId, cursor);
          return {
            applied: result.applied,
            skippedStale: result.skippedStale,
            cursor: String(cursor),
          };
        }),
    }),
    defineRoute({
      method: 'PUT',
      url: '/v1/admin/retention',
      summary: 'Set how many days of customer history partner machines may keep',
      roles: ['retailer_admin'],
      body: retentionRequest,
      response: retentionRequest,
      handler: async ({ principal, body }) => {
        await db
          .updateTable('tenants')
          .set({ retention_days: body.days })
          .where('id', '=', principal.tenantId)
          .execute();
        await notifier.publish(principal.tenantId, await latestSequence(db, principal.tenantId));
        return body;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/voc/batch',
      summary: 'Push VoC records (idempotent by record id)',
      roles: ['agent'],
      body: vocPushRequest,
      response: vocPushResponse,
      rateLimitPerMinute: 120,
      handler: ({ principal, body, request }) =>
        turns.write(async () => {
          // On the pushes' own pool: no queue of pulls stands before it (db/connect.ts).
          // The usual push (new records, no proactive call, no webhook) is one statement that
          // stores all of it or nothing (voc-ingest.ts); otherwise the transaction below.
          const proactive = body.records.some((r) => r.contactType === 'proactive');
          const alone = proactive
            ? null
            : await storeNewVocAlone(store.pushDb, principal, body.records);
          if (alone) return { results: alone };
          // One transaction: the records, their webhook deliveries and the notices of proactive
          // calls (every desktop pulls them: the customer was told) commit together. A proactive
          // call's outcome is taken only for a call this desk reported (outreach-calls.ts).
          const { results, noticed } = await store.pushDb.transaction().execute(async (trx) => {
            const desk = {
              tenantId: principal.tenantId,
              agentId: principal.userId,
              deskId: deskOfToken?.(request) ?? null,
            };
            const { allowed, refused } = await screenProactiveRecords(trx, desk, body.records);
            const ingested = await ingestVocRecords(trx, principal, allowed);
            const noticed = await publishOutreachNotices(trx, principal, allowed, ingested);
            // In the order pushed: the ingested outcomes follow the allowed records' order.
            let next = 0;
            const results = body.records.map((r) => refused.get(r.id) ?? ingested[next++]!);
            return { results, noticed };
          });
          if (noticed !== null) publishLater(principal.tenantId, noticed);
          return { results };
        }),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/voc',
      summary: 'List VoC records visible to the caller',
      roles: ALL_ROLES,
      query: z.object({
        limit: z.coerce.number().int().min(1).max(1_000).default(100),
        centerId: z.string().min(1).max(64).optional(),
      }),
      response: z.object({ records: z.array(vocRecord) }),
      handler: async ({ principal, query }) => {
        await refusePolicyLocked(db, principal);
        // An agent reads its own records; every other role by the one VoC reading rule.
        const centerId =
          principal.role === 'agent' ? undefined : vocReadCenter(principal, query.centerId);
        const rows = await db
          .selectFrom('voc_records')
          .select('data')
          .where('tenant_id', '=', principal.tenantId)
          .$if(principal.role === 'agent', (q) => q.where('agent_id', '=', principal.userId))
          .$if(centerId !== undefined, (q) => q.where('center_id', '=', centerId!))
          .orderBy('received_at', 'desc')
          .limit(query.limit)
          .execute();
        return { records: rows.map((r) => JSON.parse(r.data)) };
      },
    }),
  ];
}

/** Whether the client takes a gzip body (what @fastify/compress would have chosen). */
function acceptsGzip(headers: Record<string, string | string[] | undefined>): boolean {
  if (headers['x-no-compression'] !== undefined) return false;
  const accepted = String(headers['accept-encoding'] ?? '').toLowerCase();
  return /(^|,)\s*(gzip|\*)\s*(,|$)/.test(accepted);
}
