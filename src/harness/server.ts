/**
 * The browser harness: the built renderer, served on loopback with `window.koe` wired over HTTP
 * to an in-process core. Electron cannot run on this machine, so Chromium + this server is how
 * the real renderer is previewed and tested end to end.
 *
 * The HTTP bridge exists ONLY for the harness. It is never part of the Electron app, which talks
 * to the core over contextBridge/IPC and opens no port for the renderer.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { KoeCore } from '../main/core/koe-core';
import { contentSecurityPolicy } from '../main/shell/security';

/**
 * The packaged app's Content-Security-Policy (from the shell's own pure function, so the two
 * cannot drift), sent with every response: the renderer is tested under the rules it ships with.
 */
export const RENDERER_CSP = contentSecurityPolicy({ dev: false });

/** No contract input comes near this; a bigger body is refused before it is parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;

const BRIDGE_PATH = '/koe-bridge.js';
/** Server-sent events are kept open through proxies and idle timeouts with a comment line. */
const SSE_KEEPALIVE_MS = 15_000;

const HTML_TYPE = 'text/html; charset=utf-8';
const JS_TYPE = 'text/javascript; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

const contentTypes: Record<string, string> = {
  '.html': HTML_TYPE,
  '.js': JS_TYPE,
  '.css': 'text/css; charset=utf-8',
  '.json': JSON_TYPE,
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export interface HarnessOptions {
  /** Only what the HTTP bridge needs of the core: its router and its event bus. */
  core: Pick<KoeCore, 'router' | 'events'>;
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
}

export interface HarnessServer {
  url: string;
  close(): Promise<void>;
}

export async function startHarnessServer(options: HarnessOptions): Promise<HarnessServer> {
  const rendererDir = resolve(options.rendererDir);
  const bridgeScript = await buildBridge();
  const indexHtml = injectBridge(await readFile(join(rendererDir, 'index.html'), 'utf8'));
  const eventStreams = new Set<ServerResponse>();

  const server = createServer((request, response) => {
    setSecurityHeaders(response);
    handle(request, response).catch((error: unknown) => {
      console.error('[harness]', error);
      if (!response.headersSent) sendJson(response, 500, { error: 'internal' });
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://harness');
    if (!hostIsLoopback(request.headers.host)) {
      // DNS rebinding: a web page on evil.example resolving to 127.0.0.1 still sends its Host.
      return sendJson(response, 421, { error: 'misdirected request' });
    }
    if (url.pathname.startsWith('/ipc/')) return handleIpc(request, response, url);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendJson(response, 405, { error: 'method not allowed' });
    }
    if (url.pathname === '/events') return openEventStream(request, response);
    if (url.pathname === BRIDGE_PATH) return send(response, 200, JS_TYPE, bridgeScript);
    if (url.pathname === '/' || url.pathname === '/index.html') {
      response.setHeader('cache-control', 'no-store');
      return send(response, 200, HTML_TYPE, indexHtml);
    }
    return serveStatic(response, url.pathname);
  }

  async function handleIpc(request: IncomingMessage, response: ServerResponse, url: URL) {
    if (request.method !== 'POST') return sendJson(response, 405, { error: 'method not allowed' });
    // A cross-site page cannot send application/json without a CORS preflight, which this
    // server never grants: the content type is the CSRF guard.
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
      return sendJson(response, 415, { error: 'expected application/json' });
    }
    const body = await readBody(request, MAX_BODY_BYTES);
    if (body === 'too_large') {
      response.setHeader('connection', 'close');
      return sendJson(response, 413, { error: `request body over ${MAX_BODY_BYTES} bytes` });
    }
    let input: unknown;
    try {
      input = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(response, 400, { error: 'request body is not JSON' });
    }
    const channel = decodeURIComponent(url.pathname.slice('/ipc/'.length));
    // The router decides what is a channel: the same refusal the Electron IPC path gives.
    const result = await options.core.router.handle(channel, input);
    const unknownChannel = !result.ok && result.error.code === 'unknown_channel';
    sendJson(response, unknownChannel ? 404 : 200, result);
  }

  function openEventStream(request: IncomingMessage, response: ServerResponse) {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write(': koe harness events\n\n');
    eventStreams.add(response);
    const unsubscribe = options.core.events.subscribe((event, payload) => {
      response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const keepalive = setInterval(() => response.write(': keepalive\n\n'), SSE_KEEPALIVE_MS);
    request.on('close', () => {
      clearInterval(keepalive);
      unsubscribe();
      eventStreams.delete(response);
    });
  }

  async function serveStatic(response: ServerResponse, pathname: string) {
    let file: string;
    try {
      file = resolve(rendererDir, `.${decodeURIComponent(pathname)}`);
    } catch {
      return sendJson(response, 400, { error: 'bad path' });
    }
    if (!file.startsWith(rendererDir + sep)) return sendJson(response, 404, { error: 'not found' });
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return sendJson(response, 404, { error: 'not found' });
    const type = contentTypes[extname(file)] ?? 'application/octet-stream';
    send(response, 200, type, await readFile(file));
  }

  const port = await new Promise<number>((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () =>
      resolvePort((server.address() as AddressInfo).port),
    );
  });

  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const stream of eventStreams) stream.end();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

/** Bundles bridge.ts (and the contract it imports) for the browser. */
async function buildBridge(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./bridge.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    platform: 'browser',
    write: false,
    minify: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no bridge bundle');
  return output.text;
}

/**
 * Loads the bridge before the app: a classic script in <head> runs before any module script,
 * so `window.koe` exists when the renderer starts.
 */
export function injectBridge(html: string): string {
  const tag = `<script src="${BRIDGE_PATH}"></script>`;
  const moduleScript = html.search(/<script\b[^>]*type="module"/i);
  if (moduleScript === -1) throw new Error('The built index.html has no module script');
  return `${html.slice(0, moduleScript)}${tag}\n    ${html.slice(moduleScript)}`;
}

function hostIsLoopback(host: string | undefined): boolean {
  return host !== undefined && /^(127\.0\.0\.1|localhost)(:\d+)?$/i.test(host);
}

function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader('content-security-policy', RENDERER_CSP);
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('referrer-policy', 'no-referrer');
  response.setHeader('cross-origin-opener-policy', 'same-origin');
  response.setHeader('cross-origin-resource-policy', 'same-origin');
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer) {
  response.writeHead(status, { 'content-type': type });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  send(response, status, JSON_TYPE, JSON.stringify(body));
}

/** The body, or 'too_large' as soon as it passes `limit` (the rest is not read). */
async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  if (Number(request.headers['content-length'] ?? 0) > limit) return 'too_large';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return 'too_large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
