import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on loopback in front of the test server: taking it down cuts every open
 * connection (the live stream included) and refuses new ones, as a desk's network going away
 * does; bringing it up lets the desk reach the same server again, at the same address.
 */
export interface LoopbackProxy {
  url: string;
  down(): void;
  up(): void;
  close(): Promise<void>;
}

export async function startLoopbackProxy(targetUrl: string): Promise<LoopbackProxy> {
  const target = new URL(targetUrl);
  let reachable = true;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (!reachable) return void client.destroy();
    const upstream = connect(Number(target.port), target.hostname);
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the proxy has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    down() {
      reachable = false;
      for (const socket of [...open]) socket.destroy();
      open.clear();
    },
    up() {
      reachable = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        reachable = false;
        for (const socket of [...open]) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
