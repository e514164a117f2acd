import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The shell's security decisions, as pure functions so they are unit-tested under plain Node.
 * The renderer shows customers' personal data and its only power is `window.koe`; these rules
 * keep it from loading, running or reaching anything else.
 */

/**
 * The built renderer is served from this privileged custom scheme rather than file://: a CSP
 * set with webRequest.onHeadersReceived does not apply to file:// pages, and a file:// page's
 * 'self' would be every file on the disk. Here 'self' is exactly the app's own files and every
 * response carries the CSP (see renderer-protocol.ts).
 */
export const RENDERER_SCHEME = 'koe-app';
export const RENDERER_HOST = 'renderer';
export const PRODUCTION_RENDERER_URL = `${RENDERER_SCHEME}://${RENDERER_HOST}/index.html`;

export interface CspOptions {
  dev: boolean;
  /** electron-vite's dev server (ELECTRON_RENDERER_URL), for its module and HMR connections. */
  devServerUrl?: string;
}

export function contentSecurityPolicy({ dev, devServerUrl }: CspOptions): string {
  const devServer = dev && devServerUrl ? safeOrigin(devServerUrl) : null;
  const devSocket = devServer ? devServer.replace(/^http/, 'ws') : null;
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    // In dev only: @vitejs/plugin-react injects an inline React Refresh preamble into the page.
    'script-src': ["'self'", ...(dev ? ["'unsafe-inline'"] : [])],
    // Mantine injects <style> tags at runtime (its CSS variables and colour-scheme styles), so
    // inline styles must be allowed; scripts stay strict, which is what blocks injected code.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    // The renderer talks to main through IPC only; the dev server needs its own HTTP and HMR.
    'connect-src': ["'self'", ...(devServer && devSocket ? [devServer, devSocket] : [])],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

export interface NavigationOptions {
  /** The URL the window was loaded with: the dev server's, or PRODUCTION_RENDERER_URL. */
  rendererUrl: string;
}

/**
 * True only for the app's own renderer: same scheme and host (and port) as `rendererUrl`, and
 * for a file:// renderer the same file. Everything else (the web, other files, other schemes,
 * malformed URLs) is denied. Also used to check which frame an IPC call comes from.
 */
export function isAllowedNavigation(url: string, { rendererUrl }: NavigationOptions): boolean {
  const target = safeUrl(url);
  const renderer = safeUrl(rendererUrl);
  if (!target || !renderer) return false;
  if (target.username || target.password) return false;
  if (target.protocol !== renderer.protocol) return false;
  if (!['http:', 'https:', 'file:', `${RENDERER_SCHEME}:`].includes(renderer.protocol)) {
    return false;
  }
  // host includes the port; for custom schemes `origin` is "null", so compare the parts.
  if (target.host.toLowerCase() !== renderer.host.toLowerCase()) return false;
  if (renderer.protocol === 'file:') return target.pathname === renderer.pathname;
  return true;
}

export interface WindowLook {
  /** Starts the window in the dark background colour, so it does not flash white. */
  dark?: boolean;
  /** DevTools only in development: agents' machines are managed by the contact center. */
  devTools?: boolean;
  /** The window icon on Linux and Windows (macOS uses the bundle's icon). */
  iconPath?: string;
}

/** Mantine's default body colours, so the first paint matches the app. */
const LIGHT_BACKGROUND = '#ffffff';
const DARK_BACKGROUND = '#242424';

export function windowOptions(
  preloadPath: string,
  look: WindowLook = {},
): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 768,
    // A customer card, the guidance panel and the wrap-up must fit side by side.
    minWidth: 1024,
    minHeight: 700,
    title: 'Koe',
    backgroundColor: look.dark ? DARK_BACKGROUND : LIGHT_BACKGROUND,
    // Shown on 'ready-to-show', so the agent never sees a blank window.
    show: false,
    ...(look.iconPath ? { icon: look.iconPath } : {}),
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // The OS spellchecker would send typed customer data to a dictionary service on some OSes.
      spellcheck: false,
      // A file dropped on the window would otherwise navigate it away from the app.
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: look.devTools ?? false,
    },
  };
}

/**
 * Camera, microphone, notifications, geolocation, clipboard-read, USB, HID...: the renderer
 * needs none (the softphone is a separate app), so every request and check is refused.
 */
export function permissionDecision(): false {
  return false;
}

function safeUrl(url: string): URL | null {
  if (typeof url !== 'string') return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function safeOrigin(url: string): string | null {
  const parsed = safeUrl(url);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return null;
  return parsed.origin;
}

/**
 * Response headers with Koe's CSP in place of any the server sent (in any letter case), so a
 * dev server or proxy cannot loosen it.
 */
export function withContentSecurityPolicy(
  headers: Record<string, string | string[]> | undefined,
  csp: string,
): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') {
      continue;
    }
    result[name] = value;
  }
  result['Content-Security-Policy'] = [csp];
  return result;
}
