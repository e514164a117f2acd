import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentTypeFor, rendererFilePath } from './renderer-files';
import { RENDERER_SCHEME } from './security';

/**
 * Declares koe-app:// before the app is ready (Electron requires it then). `standard` gives it
 * real origins and relative URLs, `secure` makes it a secure context like https.
 */
export function registerRendererScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: RENDERER_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    },
  ]);
}

/**
 * Serves the built renderer (out/renderer) on koe-app://renderer/ with Koe's CSP on every
 * response. Only files inside that folder are served; anything else is a 404.
 */
export function serveRenderer(rendererDir: string, csp: string): void {
  protocol.handle(RENDERER_SCHEME, async (request) => {
    const file = rendererFilePath(request.url, rendererDir);
    if (!file) return notFound();
    try {
      const body = await readFile(file);
      return new Response(body, {
        status: 200,
        headers: {
          'Content-Type': contentTypeFor(file),
          'Content-Security-Policy': csp,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-cache',
        },
      });
    } catch {
      return notFound();
    }
  });
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
}
