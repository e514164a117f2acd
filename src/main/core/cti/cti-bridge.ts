import { STATUS_CODES, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { CallDesk } from '../calls';
import type { AgentState } from '../../../shared/agent-state/agent-state';
import { parseCtiMessage } from './cti-messages';
import { CTI_PORT_FILE, loadCtiPort, saveCtiPort } from './cti-port';
import { loadOrCreateCtiToken, tokenMatches } from './cti-token';
import { CLOSE, acceptWebSocket, checkUpgradeRequest, type WebSocketConnection } from './websocket';

/**
 * The CTI bridge: how a softphone or a telephony connector on this machine tells Koe about
 * calls. Loopback only, one per-install token, the protocol in ./README.md.
 *
 *   POST /v1/call-events   one call event as JSON          → 202 { call }
 *   GET  /v1/call          the current call                 → 200 { call | null }
 *   GET  /v1/ws            WebSocket: the same events, and the desk's changes pushed back
 *
 * A web page in the agent's browser can reach loopback too, so: the token is required (a page
 * cannot read it), any Host but 127.0.0.1/localhost is refused (DNS rebinding), any Origin at
 * all is refused (connectors send none; "null" is what a sandboxed frame or a file:// page
 * sends), no CORS headers are ever sent, and bodies must be JSON. The WebSocket takes its token
 * in the Authorization header or in its first message, never in the URL, where logs, proxies
 * and browser history would keep it.
 */
export const DEFAULT_CTI_PORT = 17345;

export interface CtiBridgeOptions {
  /** Where the token file lives (the app's data dir). */
  dataDir: string;
  /**
   * Unset (the app): this install's port, kept in the data dir's `cti-port` file — 17345, or a
   * free port when 17345 was taken at the first start. A number (tests, tools): that port, not
   * kept; 0 for any free port.
   */
  port?: number;
  /** The port a first start tries for this install: 17345 (tests choose their own). */
  installDefaultPort?: number;
  desk: CallDesk;
  /** The agent's state, pushed to connectors so a softphone routes no call to an agent not ready. */
  agentState?: {
    current(): AgentState;
    subscribe(listener: (state: AgentState) => void): () => void;
  };
  log?: (message: string, error?: unknown) => void;
  /** Server pings each WebSocket client this often and drops one that missed the last pong. */
  heartbeatMs?: number;
  /** How long a WebSocket client has to send its token as its first message (default 5 s). */
  authTimeoutMs?: number;
}

export interface CtiBridge {
  /** http://127.0.0.1:<port> */
  url: string;
  /** ws://127.0.0.1:<port>/v1/ws */
  wsUrl: string;
  port: number;
  /**
   * Set when the port this install keeps was taken by another program at this start: the bridge
   * listens on `port` for now, and connectors configured with `wantedPort` cannot reach it.
   */
  wantedPort: number | null;
  /** The bearer token connectors must present (show it in Settings). */
  token: string;
  close(): Promise<void>;
}

export const CTI_MAX_BODY_BYTES = 16 * 1024;
const MAX_WS_CLIENTS = 16;
const DEFAULT_HEARTBEAT_MS = 30_000;
/** A WebSocket client without the token in its header has this long to send it. */
const DEFAULT_AUTH_TIMEOUT_MS = 5_000;
const ALLOWED_HOST = /^(127\.0\.0\.1|localhost)(?::(\d{1,5}))?$/i;

type ErrorCode =
  | 'misdirected_host'
  | 'forbidden_origin'
  | 'unauthorized'
  | 'not_found'
  | 'method_not_allowed'
  | 'upgrade_required'
  | 'unsupported_media_type'
  | 'body_too_large'
  | 'invalid_json'
  | 'invalid_message'
  | 'too_many_connections'
  | 'bad_handshake'
  | 'unknown_call'
  | 'out_of_order'
  | 'conflict'
  | 'busy'
  | 'internal';

interface Client {
  ws: WebSocketConnection;
  /** Answered the last heartbeat ping. */
  alive: boolean;
  /** Presented the token (header or first message): only then does it get or send events. */
  authenticated: boolean;
}

interface Refusal {
  status: number;
  code: ErrorCode;
  message: string;
}

export async function startCtiBridge(options: CtiBridgeOptions): Promise<CtiBridge> {
  const { desk } = options;
  const log = options.log ?? ((message, error) => console.error(`[cti] ${message}`, error ?? ''));
  const token = loadOrCreateCtiToken(options.dataDir);
  const clients = new Set<Client>();
  /** The client whose message is being applied (it gets an answer instead of the push). */
  let sending: Client | null = null;
  let port = 0;

  /** Checks every request and handshake share: where it was addressed, who sent it. */
  function refuseUntrusted(req: IncomingMessage): Refusal | null {
    const host = ALLOWED_HOST.exec(req.headers.host ?? '');
    if (!host || (host[2] !== undefined && Number(host[2]) !== port)) {
      return {
        status: 421,
        code: 'misdirected_host',
        message: 'The CTI bridge answers only to 127.0.0.1 or localhost.',
      };
    }
    // Even "null": a sandboxed frame or a file:// page in the agent's browser sends it.
    if (req.headers.origin !== undefined) {
      return {
        status: 403,
        code: 'forbidden_origin',
        message: 'Web pages may not send call events; connect from a softphone or connector.',
      };
    }
    return null;
  }

  /** The Authorization header's verdict: its token is right, wrong, or there is none. */
  function headerToken(req: IncomingMessage): 'right' | 'wrong' | 'none' {
    const header = req.headers.authorization;
    if (header === undefined) return 'none';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match && tokenMatches(match[1], token) ? 'right' : 'wrong';
  }

  const unauthorized: Refusal = {
    status: 401,
    code: 'unauthorized',
    message: `Missing or wrong token: send "Authorization: Bearer <token>" (the token is in the data dir's cti-token file and in Settings).`,
  };

  const server = createServer({ maxHeaderSize: 8 * 1024 }, (req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      log('A CTI request failed', error);
      if (!res.headersSent)
        sendError(res, { status: 500, code: 'internal', message: 'Internal error.' });
    });
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  server.keepAliveTimeout = 5_000;

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const untrusted = refuseUntrusted(req);
    if (untrusted) return sendError(res, untrusted);
    const path = pathOf(req.url);
    const route = ROUTES[path];
    if (!route) {
      return sendError(res, {
        status: 404,
        code: 'not_found',
        message: `No such endpoint: ${path}`,
      });
    }
    if (path === '/v1/ws') {
      return sendError(res, {
        status: 426,
        code: 'upgrade_required',
        message: 'GET /v1/ws is a WebSocket endpoint.',
      });
    }
    if (req.method !== route) {
      res.setHeader('Allow', route);
      return sendError(res, {
        status: 405,
        code: 'method_not_allowed',
        message: `Use ${route} ${path}.`,
      });
    }
    if (headerToken(req) !== 'right') return sendError(res, unauthorized);

    if (path === '/v1/call') return sendJson(res, 200, { call: desk.current() });

    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      return sendError(res, {
        status: 415,
        code: 'unsupported_media_type',
        message: 'Send the event as Content-Type: application/json.',
      });
    }
    const body = await readBody(req, CTI_MAX_BODY_BYTES);
    if (body === null) {
      res.setHeader('Connection', 'close');
      return sendError(res, {
        status: 413,
        code: 'body_too_large',
        message: `A call event is at most ${CTI_MAX_BODY_BYTES} bytes.`,
      });
    }
    const parsed = parseCtiMessage(body);
    if (!parsed.ok) return sendError(res, { status: 400, ...parsed.error });
    const result = desk.apply(parsed.event);
    if (!result.ok) return sendError(res, { status: 409, ...result.error });
    return sendJson(res, 202, { call: result.call });
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const untrusted = refuseUntrusted(req);
    if (untrusted) return rejectUpgrade(socket, untrusted);
    const url = parseUrl(req.url);
    if (url.pathname !== '/v1/ws') {
      return rejectUpgrade(socket, {
        status: 404,
        code: 'not_found',
        message: `No WebSocket at ${url.pathname}; use /v1/ws.`,
      });
    }
    // A token in the URL is refused outright, even a right one: it would sit in logs already.
    const fromHeader = headerToken(req);
    if (fromHeader === 'wrong' || url.searchParams.has('token')) {
      return rejectUpgrade(socket, {
        ...unauthorized,
        message:
          'Missing or wrong token: send "Authorization: Bearer <token>", or {"type":"auth","token":"<token>"} as the first message (never in the URL).',
      });
    }
    const handshake = checkUpgradeRequest(req);
    if (!handshake.ok) {
      return rejectUpgrade(socket, {
        status: handshake.status,
        code: 'bad_handshake',
        message: handshake.message,
      });
    }
    if (clients.size >= MAX_WS_CLIENTS) {
      return rejectUpgrade(socket, {
        status: 503,
        code: 'too_many_connections',
        message: `At most ${MAX_WS_CLIENTS} WebSocket connections.`,
      });
    }
    const client: Client = {
      ws: null as unknown as WebSocketConnection,
      alive: true,
      authenticated: fromHeader === 'right',
    };
    // A client without the header must send the token first, and soon: until then it holds one
    // of the few connections and learns nothing.
    const authTimer = client.authenticated
      ? null
      : setTimeout(() => {
          client.ws.close(CLOSE.policyViolation, 'No token received');
        }, options.authTimeoutMs ?? DEFAULT_AUTH_TIMEOUT_MS);
    authTimer?.unref();
    client.ws = acceptWebSocket(
      handshake.key,
      socket,
      head,
      {
        onText(text) {
          if (!client.authenticated) {
            if (authTimer) clearTimeout(authTimer);
            if (!tokenMatches(firstMessageToken(text), token)) {
              client.ws.send(JSON.stringify({ type: 'error', error: firstMessageRefusal }));
              client.ws.close(CLOSE.policyViolation, 'Missing or wrong token');
              return;
            }
            client.authenticated = true;
            client.ws.send(welcomeMessage());
            return;
          }
          // The sender learns the outcome from its answer; the push goes to the others only.
          sending = client;
          try {
            client.ws.send(JSON.stringify(answerMessage(text)));
          } finally {
            sending = null;
          }
        },
        onPong() {
          client.alive = true;
        },
        onClose() {
          if (authTimer) clearTimeout(authTimer);
          clients.delete(client);
        },
      },
      { maxMessageBytes: CTI_MAX_BODY_BYTES },
    );
    clients.add(client);
    if (client.authenticated) client.ws.send(welcomeMessage());
  });

  function welcomeMessage(): string {
    return JSON.stringify({
      type: 'welcome',
      protocol: 1,
      call: desk.current(),
      ...(options.agentState
        ? { agentState: agentStateMessage(options.agentState.current()) }
        : {}),
    });
  }

  /** One WebSocket message in, one answer out; a bad message never closes the connection. */
  function answerMessage(text: string): object {
    const parsed = parseCtiMessage(text);
    if (!parsed.ok) return { type: 'error', error: parsed.error };
    const requestId = parsed.requestId === undefined ? {} : { requestId: parsed.requestId };
    const result = desk.apply(parsed.event);
    if (!result.ok) return { type: 'error', ...requestId, error: result.error };
    return { type: 'accepted', ...requestId, call: result.call };
  }

  // Every change on the desk (whatever its source: CTI, link, typed number, wrap-up saved) is
  // pushed to connected clients (but not echoed to the client that sent it), so a connector can mirror the agent's state (e.g. after-call work).
  const unsubscribe = desk.subscribe(({ call }) => {
    const message = JSON.stringify({ type: 'call', call });
    for (const client of clients)
      if (client !== sending && client.authenticated) client.ws.send(message);
  });

  // The agent's state goes to every client (no one sent it): ready, on call, after-call work,
  // or not ready with the agent's reason.
  const unsubscribeAgentState = options.agentState?.subscribe((state) => {
    const message = JSON.stringify({ type: 'agentState', agentState: agentStateMessage(state) });
    for (const client of clients) if (client.authenticated) client.ws.send(message);
  });

  const heartbeat = setInterval(() => {
    for (const client of clients) {
      if (!client.alive) {
        client.ws.terminate();
        continue;
      }
      client.alive = false;
      client.ws.ping();
    }
  }, options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
  heartbeat.unref();

  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const chosen = await listenOnInstallPort(server, options, log);
  port = chosen.port;
  const url = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | null = null;
  /** Says goodbye (1001) to WebSocket clients, then stops listening and drops what remains. */
  function shutDown(): Promise<void> {
    clearInterval(heartbeat);
    unsubscribe();
    unsubscribeAgentState?.();
    for (const client of clients) client.ws.close(CLOSE.goingAway, 'Koe is closing');
    return new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      setTimeout(() => {
        for (const client of clients) client.ws.terminate();
        server.closeAllConnections();
      }, 200).unref();
    });
  }

  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}/v1/ws`,
    port,
    wantedPort: chosen.wantedPort,
    token,
    close() {
      closing ??= shutDown();
      return closing;
    },
  };
}

/** Which method each path takes (the WebSocket path only as an upgrade). */
const ROUTES: Record<string, 'GET' | 'POST' | undefined> = {
  '/v1/call-events': 'POST',
  '/v1/call': 'GET',
  '/v1/ws': 'GET',
};

/**
 * Listens where a connector configured once will find Koe (see README "Where it listens"):
 * - first start: 17345, or a free port when another program has 17345; either is kept;
 * - every later start: the kept port. When another program has it now, Koe does not move for
 *   good: it listens on a free port for this run only, says so in the log and in Settings
 *   (`wantedPort`), and tries the kept port again at the next start.
 */
async function listenOnInstallPort(
  server: ReturnType<typeof createServer>,
  options: CtiBridgeOptions,
  log: (message: string, error?: unknown) => void,
): Promise<{ port: number; wantedPort: number | null }> {
  if (options.port !== undefined) {
    const port = await listen(server, options.port);
    if (port !== null) return { port, wantedPort: null };
    log(`Port ${options.port} is taken; the CTI bridge listens on a free port instead.`);
    return { port: (await listen(server, 0)) as number, wantedPort: options.port };
  }
  const kept = loadCtiPort(options.dataDir);
  const wanted = kept ?? options.installDefaultPort ?? DEFAULT_CTI_PORT;
  const port = await listen(server, wanted);
  if (port !== null) {
    if (kept === null) saveCtiPort(options.dataDir, port);
    return { port, wantedPort: null };
  }
  const free = (await listen(server, 0)) as number;
  if (kept === null) {
    saveCtiPort(options.dataDir, free);
    log(
      `Port ${wanted} is taken by another program; this install's CTI bridge uses port ${free} from now on (kept in the ${CTI_PORT_FILE} file).`,
    );
    return { port: free, wantedPort: null };
  }
  log(
    `This install's CTI port ${wanted} is taken by another program: connectors set to ${wanted} cannot reach Koe. Listening on port ${free} for this run only; close the other program and restart Koe to get ${wanted} back.`,
  );
  return { port: free, wantedPort: wanted };
}

/** Listens on loopback; null when another program holds the port (or may not be used). */
function listen(
  server: ReturnType<typeof createServer>,
  preferred: number,
): Promise<number | null> {
  const attempt = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        reject(error);
      };
      const onListening = () => {
        server.off('error', onError);
        resolve((server.address() as AddressInfo).port);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(port, '127.0.0.1');
    });
  return attempt(preferred).catch((error: NodeJS.ErrnoException) => {
    if (preferred === 0 || (error.code !== 'EADDRINUSE' && error.code !== 'EACCES')) throw error;
    return null;
  });
}

function parseUrl(raw: string | undefined): URL {
  try {
    return new URL(raw ?? '/', 'http://127.0.0.1');
  } catch {
    return new URL('http://127.0.0.1/');
  }
}

function pathOf(raw: string | undefined): string {
  return parseUrl(raw).pathname;
}

/** The body as text, or null when it exceeds `limit` bytes (the rest is not read). */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(status === 401 ? { 'WWW-Authenticate': 'Bearer realm="koe-cti"' } : {}),
  });
  res.end(text);
}

function sendError(res: ServerResponse, refusal: Refusal): void {
  sendJson(res, refusal.status, { error: { code: refusal.code, message: refusal.message } });
}

function rejectUpgrade(socket: Duplex, refusal: Refusal): void {
  const body = JSON.stringify({ error: { code: refusal.code, message: refusal.message } });
  socket.end(
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ''}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      (refusal.status === 401 ? 'WWW-Authenticate: Bearer realm="koe-cti"\r\n' : '') +
      (refusal.status === 426 ? 'Sec-WebSocket-Version: 13\r\n' : '') +
      'Connection: close\r\n\r\n' +
      body,
  );
}

const firstMessageRefusal = {
  code: 'unauthorized',
  message:
    'The first message must be {"type":"auth","token":"<token>"} (or send "Authorization: Bearer <token>" with the handshake).',
};

/** The token a client's first message carries: `{"type":"auth","token":"…"}`, else "". */
function firstMessageToken(text: string): string {
  try {
    const message = JSON.parse(text) as unknown;
    if (typeof message !== 'object' || message === null) return '';
    const { type, token } = message as { type?: unknown; token?: unknown };
    return type === 'auth' && typeof token === 'string' ? token : '';
  } catch {
    return '';
  }
}

/** What a connector needs of the agent's state: the status, the reason, since when. */
function agentStateMessage(state: AgentState) {
  return { status: state.status, reason: state.reason, since: state.since };
}
