import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * What the proxy does to one request:
 * - `pass`: forwards it and streams the answer back untouched;
 * - `drop`: destroys the connection before forwarding (the server never sees the request);
 * - `drop_after`: forwards it, lets the server do the work, then destroys the connection
 *   instead of answering (the client cannot know the request was applied);
 * - `error_500`: forwards it, then answers 500 instead of the server's answer;
 * - `unavailable_503`: answers 503 without forwarding (a balancer with no healthy backend);
 * - `slow`: delays the headers, then trickles the body in chunks;
 * - `truncate`: sends the headers with the full content-length, part of the body, then
 *   destroys the socket;
 * - `garble`: sends a body that is cut short and ends in junk, with a content-length that
 *   matches it (a well-formed HTTP answer whose JSON is not).
 */
export type Fault =
  'pass' | 'drop' | 'drop_after' | 'error_500' | 'unavailable_503' | 'slow' | 'truncate' | 'garble';

export const FAULTS: readonly Exclude<Fault, 'pass'>[] = [
  'drop',
  'drop_after',
  'error_500',
  'unavailable_503',
  'slow',
  'truncate',
  'garble',
];

export interface FaultProxyOptions {
  /** The server behind the proxy, e.g. http://127.0.0.1:4321. */
  target: string;
  /** Seeds the PRNG that decides every request's fate. */
  seed: number;
  /** The probability that a request meets a fault (0 = a perfect network). */
  rate?: number;
  /** Relative weights of the faults; equal when omitted. */
  mix?: Partial<Record<Exclude<Fault, 'pass'>, number>>;
  /** The longest delay of a `slow` answer, in ms. */
  slowMs?: number;
}

export interface FaultLogEntry {
  method: string;
  path: string;
  fault: Fault;
  /** For `truncate` and `garble`: bytes sent of the body, and the body's full length. */
  sentBytes?: number;
  totalBytes?: number;
  /** When the request arrived and when its answer (or the cut) was done, in ms. */
  at: number;
  ms?: number;
}

export interface FaultProxy {
  url: string;
  /** Every request, in arrival order, with what was done to it. */
  log: FaultLogEntry[];
  /** How many requests met each fault. */
  counts(): Record<Fault, number>;
  setRate(rate: number): void;
  /** The next request whose path starts with `pathPrefix` meets `fault`, whatever the PRNG says. */
  force(fault: Fault, pathPrefix?: string): void;
  /** While offline, every connection is destroyed as soon as it is accepted. */
  setOffline(offline: boolean): void;
  close(): Promise<void>;
}

/** mulberry32: a tiny seeded PRNG, good enough to make fault sequences reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'content-length'];

/** A loopback HTTP proxy that injects network faults, per request, driven by a seeded PRNG. */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const fate = seededRandom(options.seed);
  // How long, and where to cut: drawn apart, so that one answer's timing never shifts the fates.
  const random = seededRandom(options.seed ^ 0x5bd1e995);
  const slowMs = options.slowMs ?? 300;
  let rate = options.rate ?? 0;
  let offline = false;
  const forced: { fault: Fault; pathPrefix: string }[] = [];
  const log: FaultLogEntry[] = [];
  const sockets = new Set<Socket>();
  const upstreamAgent = new Agent({ keepAlive: true });
  const weights = FAULTS.map((f) => [f, options.mix ? (options.mix[f] ?? 0) : 1] as const);
  const totalWeight = weights.reduce((sum, [, w]) => sum + w, 0);

  const decide = (path: string): Fault => {
    const i = forced.findIndex((f) => path.startsWith(f.pathPrefix));
    if (i >= 0) return forced.splice(i, 1)[0]!.fault;
    // Two draws per request whatever the outcome: the n-th request's fate depends on n alone.
    const hit = fate();
    const pick = fate() * totalWeight;
    if (hit >= rate || totalWeight === 0) return 'pass';
    let acc = 0;
    for (const [fault, weight] of weights) {
      acc += weight;
      if (pick < acc) return fault;
    }
    return 'pass';
  };

  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    const at = performance.now();
    const entry: FaultLogEntry = { method: req.method ?? 'GET', path, fault: decide(path), at };
    res.on('close', () => (entry.ms = Math.round(performance.now() - at)));
    log.push(entry);
    handle(entry, req, res);
  });
  server.on('connection', (socket) => {
    if (offline) return void socket.destroy();
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  function handle(entry: FaultLogEntry, req: IncomingMessage, res: ServerResponse): void {
    const { fault } = entry;
    if (fault === 'drop') return void req.socket.destroy();
    if (fault === 'unavailable_503') {
      req.resume();
      req.on('end', () =>
        sendJson(res, 503, { error: { code: 'unavailable', message: 'injected: no backend' } }),
      );
      return;
    }
    const headers: IncomingHttpHeaders = { ...req.headers, host: target.host };
    // A garbled body is cut from the plain JSON, not from the gzip stream.
    if (fault === 'garble') headers['accept-encoding'] = 'identity';
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: entry.path,
        headers,
        agent: upstreamAgent,
      },
      (answer) => {
        answer.on('end', () => (answered = true));
        onAnswer(entry, req, answer, res);
      },
    );
    let answered = false;
    upstream.on('error', () => res.destroy());
    // The client went away (aborted, or its stream closed): stop the upstream request too.
    res.on('close', () => {
      if (!answered) upstream.destroy();
    });
    req.pipe(upstream);
  }

  function onAnswer(
    entry: FaultLogEntry,
    req: IncomingMessage,
    answer: IncomingMessage,
    res: ServerResponse,
  ): void {
    const status = answer.statusCode ?? 502;
    const streaming = String(answer.headers['content-type'] ?? '').startsWith('text/event-stream');
    if (streaming) {
      // A live event stream is never buffered: it passes, or is cut at a random moment.
      res.writeHead(status, answer.headers);
      answer.pipe(res);
      if (entry.fault !== 'pass') {
        setTimeout(() => res.destroy(), Math.floor(random() * 2_000)).unref();
      }
      return;
    }
    if (entry.fault === 'pass') {
      res.writeHead(status, answer.headers);
      answer.pipe(res);
      return;
    }
    const chunks: Buffer[] = [];
    answer.on('data', (chunk: Buffer) => chunks.push(chunk));
    answer.on('error', () => res.destroy());
    answer.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers = { ...answer.headers };
      for (const h of HOP_BY_HOP) delete headers[h];
      switch (entry.fault) {
        case 'drop_after':
          // req.socket, not res.socket: a response waiting behind another has no socket yet.
          return void req.socket.destroy();
        case 'error_500':
          return sendJson(res, 500, { error: { code: 'internal', message: 'injected failure' } });
        case 'slow':
          return void sendSlowly(res, status, headers, body);
        case 'truncate': {
          const cut = Math.floor(body.length * (0.1 + 0.8 * random()));
          entry.sentBytes = cut;
          entry.totalBytes = body.length;
          res.writeHead(status, { ...headers, 'content-length': body.length });
          if (cut === 0) return void req.socket.destroy();
          res.write(body.subarray(0, cut), () => req.socket.destroy());
          return;
        }
        case 'garble': {
          const cut = Math.floor(body.length * (0.1 + 0.8 * random()));
          const garbled = Buffer.concat([body.subarray(0, cut), Buffer.from('\u0000#garbled#')]);
          entry.sentBytes = cut;
          entry.totalBytes = body.length;
          res.writeHead(status, { ...headers, 'content-length': garbled.length });
          res.end(garbled);
          return;
        }
        default:
          res.writeHead(status, { ...headers, 'content-length': body.length });
          res.end(body);
      }
    });
  }

  async function sendSlowly(
    res: ServerResponse,
    status: number,
    headers: IncomingHttpHeaders,
    body: Buffer,
  ): Promise<void> {
    const pause = () =>
      new Promise((resolve) => setTimeout(resolve, Math.floor(random() * slowMs)).unref());
    await pause();
    if (res.destroyed) return;
    res.writeHead(status, { ...headers, 'content-length': body.length });
    // The last bytes go with end(): the client has its answer only when the proxy is done.
    const third = Math.ceil(body.length / 3) || 1;
    let at = 0;
    for (; body.length - at > third; at += third) {
      if (res.destroyed) return;
      res.write(body.subarray(at, at + third));
      await pause();
    }
    if (!res.destroyed) res.end(body.subarray(at));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    log,
    counts() {
      const counts = Object.fromEntries(
        (['pass', ...FAULTS] as Fault[]).map((f) => [f, 0]),
      ) as Record<Fault, number>;
      for (const e of log) counts[e.fault]++;
      return counts;
    },
    setRate(next) {
      rate = next;
    },
    force(fault, pathPrefix = '/') {
      forced.push({ fault, pathPrefix });
    },
    setOffline(next) {
      offline = next;
      if (offline) for (const socket of sockets) socket.destroy();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      upstreamAgent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
