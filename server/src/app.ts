import { join } from 'node:path';
import compress from '@fastify/compress';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { readAccessToken, type Principal, type VerifiedToken } from './auth/access-tokens';
import { knownUsers } from './auth/known-users';
import { lockoutPolicy, type LockoutPolicy } from './auth/account-lockout';
import { createRevocationList } from './auth/revocation-list';
import { accountRoutes } from './routes/account-routes';
import type { ServerStore } from './db/connect';
import { HttpError, openApiDocument, registerRoutes } from './http/route';
import type { ChangeNotifier } from './live/change-notifier';
import { centerRefusalOfDesk, revokedDeskGuard } from './auth/revoked-desks';
import {
  defaultEventStreamOptions,
  eventStreams,
  type EventStreamOptions,
} from './live/event-stream';
import { startPresenceExpiry } from './live/presence-expiry';
import { presenceExpiryMs } from './data/floor-presence';
import { presenceWrites } from './live/presence-writes';
import { createFloorNotifier } from './live/floor-notifier';
import { createFloorFanout } from './live/floor-fanout';
import { alertEscalationMs, startAlertEscalation } from './live/alert-escalation';
import { floorRoutes } from './routes/floor-routes';
import { accessAuditRoutes } from './routes/access-audit-routes';
import { apiRoutes } from './routes/api-routes';
import { agentStateRoutes } from './routes/agent-state-routes';
import { riskThresholdRoutes } from './routes/risk-threshold-routes';
import { bulkAccessPolicyRoutes } from './routes/bulk-access-policy-routes';
import { ANSWER_ROUTES, authoringRoutes, SCRIPT_ROUTES } from './routes/authoring-routes';
import { describeVocExport, vocExportRoutes } from './routes/voc-export-routes';
import { insightsRoutes } from './routes/insights-routes';
import { webhookRoutes } from './routes/webhook-routes';
import { updateFeedRoutes } from './routes/update-feed-routes';
import { deviceRoutes } from './routes/device-routes';
import { operatorRoutes } from './routes/operator-routes';
import { centerStatus } from './auth/center-status';
import { OPERATOR_KEY_PREFIX, operatorKeyId } from './data/tenant-onboarding';
import { createUpdateFileStore } from './data/update-files';
import { startWebhookWorker, type WebhookDeliveryOptions } from './webhooks/webhook-worker';
import { webhookTargetPolicy, type WebhookTargetPolicy } from './webhooks/webhook-target';

export interface ServerOptions {
  store: ServerStore;
  notifier: ChangeNotifier;
  /** Signs access tokens; every process behind one load balancer shares it. */
  secret: string;
  version?: string;
  logger?: boolean;
  /** The webhook delivery worker of this process: its timing (tests), or false for none. */
  webhooks?: Partial<WebhookDeliveryOptions> | false;
  /**
   * The webhook SSRF guard: `allowPrivate` lets receivers on loopback or a private network
   * (default: env KOE_WEBHOOKS_ALLOW_PRIVATE=1; the embedded demo and the tests turn it on).
   */
  webhookTargets?: Partial<WebhookTargetPolicy>;
  /**
   * The IANA time zone the insights count days and weeks in, and read calendar-date filters in
   * (default: env KOE_TIME_ZONE, else Asia/Tokyo: the retailers are Japanese).
   */
  timeZone?: string;
  /** The event stream's heartbeat and reconnect hint (tests make them short). */
  events?: Partial<EventStreamOptions>;
  /**
   * Where uploaded desktop release files are kept (default: env KOE_UPDATE_FILES_DIR, else
   * .data/update-files); processes behind one balancer share it like the database.
   */
  updateFilesDir?: string;
  /**
   * How long a floor alert waits for a supervisor before it escalates to the retailer admin
   * (default: env KOE_ALERT_ESCALATION_MS, else 60 s).
   */
  alertEscalationMs?: number;
  /**
   * Wrong passwords per account before a temporary lock (default: env KOE_SIGN_IN_LOCK_ATTEMPTS,
   * KOE_SIGN_IN_LOCK_WINDOW_MS, KOE_SIGN_IN_LOCK_MS, else 10 in 15 minutes locks for 15 minutes).
   */
  signInLockout?: Partial<LockoutPolicy>;
  /**
   * How often each process reads the token revocation list again besides on notice (tests make
   * it long, to prove the notice alone carries a revocation across processes).
   */
  revocationReloadMs?: number;
  /**
   * How long an agent's desk may be silent (no live stream, no report) before the floor shows
   * it offline (default: env KOE_PRESENCE_EXPIRY_MS, else 45 s).
   */
  presenceExpiryMs?: number;
  /**
   * How long a process trusts that a center is still active before asking the database again
   * (default 10 s): a center disabled by the command or another process is refused within it.
   */
  centerStatusTtlMs?: number;
}

const REFUSAL_MESSAGES = {
  session_revoked: 'This session was revoked by the retailer. Sign in again.',
  user_disabled: 'This user has been disabled by the retailer admin.',
  device_revoked:
    'This desk has been removed by the retailer. Its customer data can no longer be opened here; ask your supervisor.',
} as const;

/** The reference retailer API: stateless over its database, so it scales out behind a balancer. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 20 * 1024 * 1024,
    // Hostile clients: no prototype pollution through JSON bodies.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // A request Fastify cannot route (a badly encoded path) still gets the API's error shape.
    frameworkErrors: (error, _request, reply) => {
      void (reply as unknown as FastifyReply)
        .status(400)
        .send({ error: { code: 'bad_request', message: error.message } });
    },
  });
  const verifyToken = (request: FastifyRequest): VerifiedToken | null => {
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) return null;
    return readAccessToken(header.slice(7), options.secret);
  };
  const authenticate = (request: FastifyRequest) => verifyToken(request)?.principal ?? null;

  // Level 1, nginx's default for dynamic answers: pull pages come out a fifth bigger than at
  // zlib's default 6, for half the CPU, which a server answering thousands of desktops needs
  // more (measured on bench pull pages: 4.7 MB of JSON to 1.05 MB in 61 ms vs 0.87 MB in 107).
  // A page is compressed in one call rather than streamed: streamed, its chunks waited behind
  // the next page the same desktop had already asked for, and the desktop's decoder idled.
  await app.register(compress, {
    global: true,
    threshold: 1024,
    syncThreshold: 16 * 1024 * 1024,
    encodings: ['gzip', 'deflate'],
    zlibOptions: { level: 1 },
  });
  await app.register(rateLimit, {
    global: false,
    // Per user when signed in, per address otherwise.
    keyGenerator: (request) => authenticate(request)?.userId ?? request.ip,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: {
        code: 'rate_limited',
        message: `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s.`,
      },
    }),
  });

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof HttpError) {
      return reply
        .status(error.status)
        .send({ error: { ...error.details, code: error.code, message: error.message } });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 429) return reply.status(429).send(error);
    if (status && status >= 400 && status < 500) {
      // Malformed JSON, a body too large, an unsupported content type …
      const code = (error as { code?: string }).code ?? 'bad_request';
      return reply
        .status(status)
        .send({ error: { code: code.toLowerCase(), message: (error as Error).message } });
    }
    app.log.error(error);
    return reply.status(500).send({
      error: { code: 'internal', message: 'The server failed; the request was not applied.' },
    });
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url}` } }),
  );

  // The floor's live events cross processes on their own channel (LISTEN/NOTIFY on PostgreSQL).
  const floor = await createFloorNotifier(options.store.pool);
  const expiryMs = presenceExpiryMs(options.presenceExpiryMs);
  const fanout = createFloorFanout(options.store, floor, expiryMs, (m, e) =>
    app.log.error({ err: e }, m),
  );
  const presence = startPresenceExpiry(options.store, floor, expiryMs, (m, e) =>
    app.log.error({ err: e }, m),
  );
  // An agent's desk heard from: a desk the floor had shown offline is announced back.
  const presenceWriter = presenceWrites(
    options.store.db,
    (desk) => floor.publish(desk.tenantId, { kind: 'agent', agentId: desk.agentId }),
    (m, e) => app.log.error({ err: e }, m),
  );
  // A desk that just connected or reported is written at once (the floor reads it next); an
  // open stream's reports every few seconds are `later`, with the other desks'.
  const deskAlive = (principal: Principal, later = false) => {
    if (principal.role !== 'agent' || !principal.centerId) return;
    presenceWriter.touch(
      { tenantId: principal.tenantId, agentId: principal.userId, centerId: principal.centerId },
      later,
    );
  };
  const escalation = startAlertEscalation(
    options.store,
    floor,
    alertEscalationMs(options.alertEscalationMs),
    (m, e) => app.log.error({ err: e }, m),
  );
  app.addHook('onClose', async () => {
    await escalation.stop();
    await presence.stop();
    await presenceWriter.stop();
    fanout.close();
    await floor.close();
  });
  // Revoked families, disabled users and revoked desks: checked on every request, in memory.
  const revocations = await createRevocationList(options.store, {
    ...(options.revocationReloadMs !== undefined ? { reloadMs: options.revocationReloadMs } : {}),
    onError: (m, e) => app.log.error({ err: e }, m),
  });
  app.addHook('onClose', () => revocations.close());
  /** The token each authenticated request verified with, for the event stream's re-checks. */
  const verified = new WeakMap<FastifyRequest, VerifiedToken>();
  const heartbeatMs = options.events?.heartbeatMs ?? defaultEventStreamOptions.heartbeatMs;
  const streams = eventStreams(
    options.notifier,
    options.events,
    fanout,
    {
      tokenOf: (request) => verified.get(request),
      revocations,
    },
    {
      // At least three times per expiry: one late write never shows a desk offline.
      everyMs: Math.max(10, Math.min(heartbeatMs, Math.floor(expiryMs / 3))),
      alive: deskAlive,
    },
  );
  streams.attach(app);
  // Release files upload as raw bytes: handed to the route as a stream, written to disk as
  // they arrive (update-files.ts enforces its own size limit), never buffered whole.
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) =>
    done(null, payload),
  );

  const centers = centerStatus(options.store.db, options.centerStatusTtlMs);
  const deskOfToken = (request: FastifyRequest) => verified.get(request)?.deskId ?? null;
  const routes = [
    ...apiRoutes({
      ...options,
      revocations,
      lockout: lockoutPolicy(options.signInLockout),
      deskOfToken,
    }),
    ...accountRoutes({ ...options, revocations }),
    ...operatorRoutes({ store: options.store, centers, revocations }),
    ...vocExportRoutes(options),
    ...riskThresholdRoutes(options),
    ...bulkAccessPolicyRoutes(options),
    ...authoringRoutes(SCRIPT_ROUTES, options),
    ...authoringRoutes(ANSWER_ROUTES, options),
    ...webhookRoutes(options),
    ...insightsRoutes(options),
    ...agentStateRoutes({ ...options, floor, deskAlive, deskOfToken }),
    ...floorRoutes({ ...options, floor, presenceExpiryMs: expiryMs }),
    ...deviceRoutes({ ...options, revocations }),
    ...accessAuditRoutes({ ...options, floor }),
    streams.route,
    ...updateFeedRoutes({
      store: options.store,
      files: createUpdateFileStore(
        options.updateFilesDir ??
          process.env.KOE_UPDATE_FILES_DIR ??
          join(process.cwd(), '.data', 'update-files'),
      ),
    }),
  ];
  // A valid signature is not enough: the token must not be revoked (its sign-in, user or desk)
  // and its user must still exist in its tenant.
  const isKnownUser = knownUsers(options.store.db);
  // A revoked desk is refused everything but pushing its records (it erases after that).
  const refuseRevokedDesk = revokedDeskGuard(revocations);
  registerRoutes(app, routes, async (request) => {
    const header = request.headers.authorization;
    if (header?.startsWith(`Bearer ${OPERATOR_KEY_PREFIX}`)) {
      const keyId = await operatorKeyId(options.store.db, header.slice(7));
      return keyId
        ? { userId: `operator:${keyId}`, tenantId: '', centerId: null, role: 'operator' }
        : null;
    }
    const token = verifyToken(request);
    if (!token) return null;
    // Only after a revocation's notice (or, on SQLite, a command's commit) is there a reload to
    // wait for; otherwise the checks below read memory.
    const reloading = revocations.upToDate();
    if (reloading) await reloading;
    const refusal = revocations.refusal(token);
    const { principal } = token;
    if (!(await isKnownUser(principal.userId, principal.tenantId))) return null;
    // A revoked desk (by the admin, with its center or with its user) may still push the records
    // it holds before it erases, and hears device_revoked for the rest; a revoked sign-in or a
    // disabled user on no revoked desk may do nothing.
    const revokedDeskPush = refuseRevokedDesk(
      request,
      principal,
      token.deskId,
      refusal === 'device_revoked',
    );
    if (refusal && !revokedDeskPush) throw new HttpError(401, refusal, REFUSAL_MESSAGES[refusal]);
    verified.set(request, token);
    // A token issued before its center's contract ended stops working with it (its desk, revoked
    // with the center, is told so even before the notice of it has come).
    if (!revokedDeskPush)
      await centers
        .refuseDisabled(principal.centerId)
        .catch((refusal: unknown) =>
          refusal instanceof HttpError
            ? centerRefusalOfDesk(options.store.db, request, principal, token.deskId, refusal)
            : Promise.reject(refusal),
        );
    return principal;
  });
  const document = describeVocExport(openApiDocument(routes, options.version ?? '1'));
  app.get('/openapi.json', async () => document);
  app.get('/health', async () => ({ ok: true }));
  if (options.webhooks !== false) {
    const worker = startWebhookWorker(
      options.store,
      options.webhooks ?? {},
      webhookTargetPolicy(options.webhookTargets),
    );
    // Stopped before the caller closes the store: a round in flight finishes first.
    app.addHook('onClose', () => worker.stop());
  }
  return app;
}
