import type { FastifyInstance } from 'fastify';
import type { Principal } from '../auth/access-tokens';
import { defineRoute, type RouteSpec } from '../http/route';
import type { ChangeNotifier } from './change-notifier';
import type { FloorFanout } from './floor-fanout';

export interface EventStreamOptions {
  /** A comment line this often, so proxies keep the stream open and desks know it is alive. */
  heartbeatMs: number;
  /** The reconnect delay a desk is told (SSE `retry:`), e.g. when this process shuts down. */
  retryMs: number;
}

export const defaultEventStreamOptions: EventStreamOptions = {
  heartbeatMs: Number(process.env.KOE_EVENTS_HEARTBEAT_MS ?? 15_000),
  retryMs: 1_000,
};

/** The event a desk receives last when this process shuts down: reconnect (to another one). */
export const RECONNECT_EVENT = 'reconnect';

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
  /**
   * An open stream is its desk's presence: `alive` runs when it opens and every `everyMs`
   * while it stays open (floor-presence), so a desk whose stream drops shows offline.
   */
  presence: { everyMs: number; alive(principal: Principal): void } | null = null,
) {
  const { heartbeatMs, retryMs } = { ...defaultEventStreamOptions, ...options };
  const open = new Set<() => void>();
  let closing = false;

  const route: RouteSpec = defineRoute({
    method: 'GET',
    url: '/v1/events',
    summary: 'Stream change notices (server-sent events)',
    roles: ['agent', 'trainer', 'supervisor', 'retailer_admin'],
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
      const unsubscribe = notifier.subscribe(principal.tenantId, (cursor) => {
        res.write(`event: changes\ndata: ${JSON.stringify({ cursor: String(cursor) })}\n\n`);
      });
      const unsubscribeFloor =
        floor?.subscribe(principal, (event) => {
          if (!res.writableEnded) res.write(`event: floor\ndata: ${JSON.stringify(event)}\n\n`);
        }) ?? (() => {});
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
      presence?.alive(principal);
      const alive = presence
        ? setInterval(() => presence.alive(principal), presence.everyMs)
        : null;
      const end = () => {
        open.delete(end);
        clearInterval(heartbeat);
        if (alive) clearInterval(alive);
        unsubscribe();
        unsubscribeFloor();
        if (res.writableEnded) return;
        res.end(`retry: ${retryMs}\nevent: ${RECONNECT_EVENT}\ndata: {}\n\n`);
        // The socket goes too: an ended keep-alive stream would still hold the server's close.
        res.socket?.destroySoon();
      };
      open.add(end);
      request.raw.on('close', () => {
        open.delete(end);
        clearInterval(heartbeat);
        if (alive) clearInterval(alive);
        unsubscribe();
        unsubscribeFloor();
      });
      if (closing) end();
    },
  });

  return {
    route,
    /** Ends every open stream with a reconnect hint; new ones are ended at once from now on. */
    closeAll() {
      closing = true;
      for (const end of [...open]) end();
    },
    /** Registers `closeAll` to run before the server stops accepting and waits for requests. */
    attach(app: FastifyInstance) {
      app.addHook('preClose', async () => this.closeAll());
    },
  };
}
