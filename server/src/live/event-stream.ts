import { defineRoute, type RouteSpec } from '../http/route';
import type { ChangeNotifier } from './change-notifier';

const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events: `event: changes` with the newest cursor whenever the caller's tenant
 * changes, and a comment line every 15 s so proxies keep the connection open.
 */
export function eventStreamRoute(notifier: ChangeNotifier): RouteSpec {
  return defineRoute({
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
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(': connected\n\n');
      const unsubscribe = notifier.subscribe(principal.tenantId, (cursor) => {
        res.write(`event: changes\ndata: ${JSON.stringify({ cursor: String(cursor) })}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
    },
  });
}
