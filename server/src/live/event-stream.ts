import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal, VerifiedToken } from '../auth/access-tokens';
import type { RevocationList } from '../auth/revocation-list';
import { ALL_ROLES, defineRoute, type RouteSpec } from '../http/route';
import type { ChangeNotifier } from './change-notifier';
import { coalescedNotices, type CoalescedNoticeOptions } from './coalesced-notices';
import type { FloorFanout } from './floor-fanout';

export interface EventStreamOptions {
  /** A comment line this often, so proxies keep the stream open and desks know it is alive. */
  heartbeatMs: number;
  /** The reconnect delay a desk is told (SSE `retry:`), e.g. when this process shuts down. */
  retryMs: number;
  /** How this process's streams hear a tenant's changes: coalesced (coalesced-notices.ts). */
  notices?: Partial<CoalescedNoticeOptions>;
}

export const defaultEventStreamOptions: EventStreamOptions = {
  heartbeatMs: Number(process.env.KOE_EVENTS_HEARTBEAT_MS ?? 15_000),
  retryMs: 1_000,
};

/** The event a desk receives last when this process shuts down: reconnect (to another one). */
export const RECONNECT_EVENT = 'reconnect';

/**
 * The event a desk receives last when the token its stream was opened with stops working:
 * `revoked` (data `{ "reason": "session_revoked" | "user_disabled" | "device_revoked" }`) or
 * `expired` (reconnect with a fresh token). A stream is open for hours; without this, a desk
 * whose session, user or device was revoked would go on hearing the tenant's changes and its
 * floor's alerts.
 */
export const REVOKED_EVENT = 'revoked';
export const EXPIRED_EVENT = 'expired';

/** How a stream checks its token while open: the request's verified token and the list. */
export interface StreamTokenCheck {
  tokenOf(request: FastifyRequest): VerifiedToken | undefined;
  revocations: RevocationList;
}

/**
 * Server-sent events: `event: changes` with the newest cursor whenever the caller's tenant
 * changes, and a heartbeat comment every `heartbeatMs`. The open streams are tracked so a
 * shutdown can end them: a stream held open by a desk would otherwise keep the process alive
 * forever (graceful close waits for every connection), and the desk would never reconnect.
 */
export function eventStreams(
  notifier: ChangeNotifier,
  options: Partial<EventStreamOptions> = {},
  /** The floor's live events (`event: floor`), each reader seeing only its own scope. */
  floor: FloorFanout | null = null,
  /** The stream's token, re-checked while it is open (revocations, expiry). */
  tokens: StreamTokenCheck | null = null,
  /**
   * An open stream is its desk's presence: `alive` runs when it opens and every `everyMs`
   * while it stays open (floor-presence), so a desk whose stream drops shows offline. The
   * reports while open are `later`: written with other desks' a moment on (presence-writes.ts).
   */
  presence: { everyMs: number; alive(principal: Principal, later?: boolean): void } | null = null,
) {
  const { heartbeatMs, retryMs } = { ...defaultEventStreamOptions, ...options };
  const changes = coalescedNotices(notifier, options.notices);
  const open = new Set<() => void>();
  /** Each open stream's re-check: ends it when its token has been revoked. */
  const checks = new Set<() => void>();
  let closing = false;
  const unsubscribeRevocations = tokens?.revocations.onChange(() => {
    for (const check of [...checks]) check();
  });

  const route: RouteSpec = defineRoute({
    method: 'GET',
    url: '/v1/events',
    summary: 'Stream change notices (server-sent events)',
    description:
      'Events: `changes` (data `{ "cursor", "spreadMs" }`: pull, after a random wait of up to `spreadMs` so a process\'s desks do not all pull at once; pass `cursor` as the pull\'s `until`; notices are coalesced, at most one per tenant every second or more, the last carrying the newest cursor), `floor` (supervisors and the agent: an alert or agent state), and a last event before the server ends the stream: `reconnect` (this process stops; reconnect after `retry:`), `expired` (the access token expired; refresh it and reconnect) or `revoked` (data `{ "reason": "session_revoked" | "user_disabled" | "device_revoked" }`: the session no longer works; refresh to learn whether to sign in again). A heartbeat comment comes every 15 s.',
    roles: ALL_ROLES,
    handler: async ({ principal, reply, request }) => {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: closing ? 'close' : 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(`retry: ${retryMs}\n: connected\n\n`);
      const unsubscribe = changes.subscribe(principal.tenantId, ({ cursor, spreadMs }) => {
        res.write(
          `event: changes\ndata: ${JSON.stringify({ cursor: String(cursor), spreadMs })}\n\n`,
        );
      });
      const unsubscribeFloor =
        floor?.subscribe(principal, (event) => {
          if (!res.writableEnded) res.write(`event: floor\ndata: ${JSON.stringify(event)}\n\n`);
        }) ?? (() => {});
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
      presence?.alive(principal);
      const alive = presence
        ? setInterval(() => presence.alive(principal, true), presence.everyMs)
        : null;
      const token = tokens?.tokenOf(request);
      let expiry: ReturnType<typeof setTimeout> | null = null;
      const stop = () => {
        open.delete(end);
        checks.delete(check);
        clearInterval(heartbeat);
        if (expiry) clearTimeout(expiry);
        if (alive) clearInterval(alive);
        unsubscribe();
        unsubscribeFloor();
      };
      /** The last event, then the end of the stream and its socket. */
      const finish = (event: string, data: unknown) => {
        stop();
        if (res.writableEnded) return;
        res.end(`retry: ${retryMs}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        // The socket goes too: an ended keep-alive stream would still hold the server's close.
        res.socket?.destroySoon();
      };
      const end = () => finish(RECONNECT_EVENT, {});
      const check = () => {
        const reason = token && tokens?.revocations.refusal(token);
        if (reason) finish(REVOKED_EVENT, { reason });
      };
      open.add(end);
      if (token) {
        checks.add(check);
        expiry = setTimeout(
          () => finish(EXPIRED_EVENT, {}),
          Math.max(0, token.expiresAtMs - Date.now()),
        );
      }
      request.raw.on('close', stop);
      if (closing) end();
    },
  });

  return {
    route,
    /** Ends every open stream with a reconnect hint; new ones are ended at once from now on. */
    closeAll() {
      closing = true;
      unsubscribeRevocations?.();
      for (const end of [...open]) end();
      changes.close();
    },
    /** Registers `closeAll` to run before the server stops accepting and waits for requests. */
    attach(app: FastifyInstance) {
      app.addHook('preClose', async () => this.closeAll());
    },
  };
}
