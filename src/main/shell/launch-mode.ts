import { join, resolve } from 'node:path';
import { PRODUCTION_RENDERER_URL } from './security';

export interface LaunchMode {
  dev: boolean;
  /** Where the window loads the renderer from. */
  rendererUrl: string;
}

/**
 * Development means electron-vite's dev server is running (it sets ELECTRON_RENDERER_URL) and
 * the app is not packaged; a packaged app ignores the variable, so nobody can point an agent's
 * Koe at another page through the environment.
 */
export function launchMode(
  isPackaged: boolean,
  env: Record<string, string | undefined>,
): LaunchMode {
  const devServer = env['ELECTRON_RENDERER_URL'];
  if (!isPackaged && devServer && isLoopbackHttp(devServer)) {
    return { dev: true, rendererUrl: devServer };
  }
  return { dev: false, rendererUrl: PRODUCTION_RENDERER_URL };
}

function isLoopbackHttp(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
      !parsed.username &&
      !parsed.password &&
      ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)
    );
  } catch {
    return false;
  }
}

/**
 * The preload electron-vite produced. A sandboxed preload must be a classic script (CommonJS),
 * so a .cjs or .js build is preferred; an .mjs one (an ES module build) is the last resort and
 * will not load in a sandbox — see the report for the config that avoids it.
 */
export function preloadPath(preloadDir: string, exists: (file: string) => boolean): string {
  const candidates = ['index.cjs', 'index.js', 'index.mjs'].map((name) => join(preloadDir, name));
  return candidates.find(exists) ?? (candidates[0] as string);
}

/**
 * Arguments for app.setAsDefaultProtocolClient('koe', …). A development run is `electron .`,
 * so the OS must launch Electron with the app's folder; a packaged app is launched as itself.
 */
export function protocolClientArgs(
  defaultApp: boolean,
  execPath: string,
  argv: readonly string[],
): [executable?: string, args?: string[]] {
  if (!defaultApp) return [];
  const appFolder = argv[1];
  return appFolder ? [execPath, [resolve(appFolder), '--']] : [];
}
