import { describe, expect, it } from 'vitest';
import {
  PRODUCTION_RENDERER_URL,
  contentSecurityPolicy,
  isAllowedNavigation,
  permissionDecision,
  windowOptions,
  withContentSecurityPolicy,
} from '../../../src/main/shell/security';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  const production = contentSecurityPolicy({ dev: false });
  const dev = contentSecurityPolicy({ dev: true, devServerUrl: 'http://localhost:5173/' });

  it('is strict in production', () => {
    const d = directives(production);
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:']);
    expect(d.get('font-src')).toEqual(["'self'", 'data:']);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    for (const name of ['object-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      expect(d.get(name), name).toEqual(["'none'"]);
    }
  });

  it('never allows eval, wildcards or plain-http sources in production', () => {
    expect(production).not.toContain('unsafe-eval');
    expect(production).not.toContain('*');
    expect(production).not.toMatch(/https?:|wss?:/);
    expect(directives(production).get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('ignores a dev server URL when not in development', () => {
    expect(contentSecurityPolicy({ dev: false, devServerUrl: 'http://localhost:5173' })).toBe(
      production,
    );
  });

  it('lets the dev server and its HMR socket in, in development only', () => {
    const d = directives(dev);
    expect(d.get('connect-src')).toEqual([
      "'self'",
      'http://localhost:5173',
      'ws://localhost:5173',
    ]);
    expect(d.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev).not.toContain('unsafe-eval');
    expect(dev).not.toContain('*');
    expect(d.get('default-src')).toEqual(["'none'"]);
  });

  it('does not trust a dev server URL that is not http(s)', () => {
    const csp = contentSecurityPolicy({
      dev: true,
      devServerUrl: "javascript:alert(1)'; script-src *",
    });
    expect(directives(csp).get('connect-src')).toEqual(["'self'"]);
    expect(csp).not.toContain('*');
  });

  it('replaces any CSP the server sent, whatever its letter case', () => {
    const headers = withContentSecurityPolicy(
      {
        'content-security-policy': ['default-src *'],
        'Content-Security-Policy-Report-Only': ['x'],
        'Content-Type': ['text/html'],
      },
      production,
    );
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [production],
    });
    expect(withContentSecurityPolicy(undefined, production)).toEqual({
      'Content-Security-Policy': [production],
    });
  });
});

describe('isAllowedNavigation', () => {
  const production = { rendererUrl: PRODUCTION_RENDERER_URL };
  const dev = { rendererUrl: 'http://localhost:5173/' };

  it("allows the app's own renderer, with any route or hash", () => {
    expect(isAllowedNavigation('koe-app://renderer/index.html', production)).toBe(true);
    expect(isAllowedNavigation('koe-app://renderer/index.html#/customer/C1', production)).toBe(
      true,
    );
    expect(isAllowedNavigation('koe-app://RENDERER/assets/x.js', production)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5173/', dev)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5173/src/main.tsx?t=1', dev)).toBe(true);
  });

  it('denies everything else', () => {
    for (const url of [
      'https://evil.example/',
      'http://localhost:5174/',
      'http://127.0.0.1:5173/',
      'https://localhost:5173/',
      'koe-app://other/index.html',
      'koe-app://renderer.evil/index.html',
      'koe-app://user@renderer/index.html',
      'file:///etc/passwd',
      'koe://call?ani=1',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(isAllowedNavigation(url, production), url).toBe(false);
      expect(isAllowedNavigation(url, dev), url).toBe(false);
    }
  });

  it('for a file:// renderer, allows that one file only', () => {
    const file = { rendererUrl: 'file:///opt/Koe/out/renderer/index.html' };
    expect(isAllowedNavigation('file:///opt/Koe/out/renderer/index.html#/x', file)).toBe(true);
    expect(isAllowedNavigation('file:///opt/Koe/out/renderer/other.html', file)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', file)).toBe(false);
  });

  it('denies everything when the renderer URL itself is unusable', () => {
    expect(isAllowedNavigation('about:blank', { rendererUrl: 'about:blank' })).toBe(false);
    expect(isAllowedNavigation('x', { rendererUrl: 'not a url' })).toBe(false);
  });
});

describe('windowOptions', () => {
  it('isolates the renderer', () => {
    const options = windowOptions('/app/out/preload/index.js');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
  });

  it('sizes the window for a 1366×768 agent screen and shows it only when painted', () => {
    const options = windowOptions('/p.js');
    expect(options).toMatchObject({
      width: 1366,
      height: 768,
      minWidth: 1024,
      minHeight: 700,
      show: false,
    });
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(windowOptions('/p.js', { dark: true }).backgroundColor).not.toBe(
      options.backgroundColor,
    );
  });

  it('opens DevTools only when asked (development)', () => {
    expect(windowOptions('/p.js', { devTools: true }).webPreferences?.devTools).toBe(true);
    expect(windowOptions('/p.js', { devTools: true }).webPreferences?.sandbox).toBe(true);
  });
});

describe('permissionDecision', () => {
  it('refuses every permission', () => {
    expect(permissionDecision()).toBe(false);
  });
});
