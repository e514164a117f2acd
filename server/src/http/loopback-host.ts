import type { FastifyInstance } from 'fastify';

/**
 * For a server that listens on loopback for this machine only (the embedded demo retailer): a
 * web page in the agent's browser can reach loopback too, and with DNS rebinding its own name
 * (evil.example → 127.0.0.1) passes the browser's same-origin check. Its requests still carry
 * that name in Host, so anything but 127.0.0.1, localhost or [::1] is refused. The port is not
 * checked: a browser always names the port it connects to, and a loopback relay in front of
 * the server (the e2e outages fixture) names its own.
 */
export function refuseForeignHosts(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (isLoopbackHost(request.headers.host)) return;
    return reply.status(421).send({
      error: {
        code: 'misdirected_host',
        message: 'This server answers only to 127.0.0.1, localhost or [::1].',
      },
    });
  });
}

/** `127.0.0.1:<port>`, `localhost:<port>` or `[::1]:<port>`, in any letter case. */
export function isLoopbackHost(host: string | undefined): boolean {
  return /^(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}$/i.test(host ?? '');
}
