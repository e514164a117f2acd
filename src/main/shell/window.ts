import { BrowserWindow, nativeTheme, type Session } from 'electron';
import {
  isAllowedNavigation,
  permissionDecision,
  windowOptions,
  withContentSecurityPolicy,
} from './security';

/**
 * Session-wide rules, applied once before any window loads: Koe's CSP on every HTTP response
 * (the dev server; production pages carry it from renderer-protocol.ts) and no permission for
 * anything (camera, microphone, notifications, geolocation, HID, serial, USB...).
 */
export function hardenSession(session: Session, csp: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, csp) });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(permissionDecision());
  });
  session.setPermissionCheckHandler(() => permissionDecision());
  session.setDevicePermissionHandler(() => permissionDecision());
}

export interface MainWindowOptions {
  /** The dev server's URL, or koe-app://renderer/index.html. */
  rendererUrl: string;
  preloadPath: string;
  dev: boolean;
  iconPath?: string;
}

/**
 * The agent's window. It may show the app's own renderer and nothing else: navigations and
 * redirects elsewhere are cancelled, new windows are denied (links to the web are not opened
 * either: a page with customer data should not hand URLs to the browser), and webviews cannot
 * be attached.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow(
    windowOptions(options.preloadPath, {
      dark: nativeTheme.shouldUseDarkColors,
      devTools: options.dev,
      ...(options.iconPath ? { iconPath: options.iconPath } : {}),
    }),
  );
  const { webContents } = window;
  const allowed = (url: string) => isAllowedNavigation(url, { rendererUrl: options.rendererUrl });

  webContents.on('will-frame-navigate', (event) => {
    if (!allowed(event.url)) event.preventDefault();
  });
  webContents.on('will-redirect', (event) => {
    if (!allowed(event.url)) event.preventDefault();
  });
  webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  webContents.on('will-attach-webview', (event) => event.preventDefault());

  window.once('ready-to-show', () => window.show());
  window.loadURL(options.rendererUrl).catch((error: unknown) => {
    console.error(`Koe could not load its window from ${options.rendererUrl}`, error);
  });
  return window;
}

/** Brings the window to the front, e.g. when a koe:// link or a second launch arrives. */
export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
