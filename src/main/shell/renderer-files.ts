import { extname, isAbsolute, relative, resolve } from 'node:path';
import { RENDERER_HOST, RENDERER_SCHEME } from './security';

/**
 * Maps a koe-app://renderer/… request to a file inside the built renderer folder, or null.
 * The URL comes from the renderer, so it is treated as hostile: another host, an encoded
 * separator, a NUL or any path that resolves outside the folder is refused.
 */
export function rendererFilePath(requestUrl: string, rendererDir: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${RENDERER_SCHEME}:` || url.host.toLowerCase() !== RENDERER_HOST) {
    return null;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  // A path without an extension is a client-side route: the single page answers it.
  const relativePath = pathname === '/' || extname(pathname) === '' ? '/index.html' : pathname;
  const root = resolve(rendererDir);
  const file = resolve(root, `.${relativePath}`);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return file;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/**
 * The Content-Type for a renderer file. Set explicitly because module scripts load only with a
 * JavaScript type and every response is sent with `nosniff`.
 */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}
