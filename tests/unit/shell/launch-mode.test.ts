import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchMode, preloadPath, protocolClientArgs } from '../../../src/main/shell/launch-mode';
import { PRODUCTION_RENDERER_URL } from '../../../src/main/shell/security';

describe('launchMode', () => {
  it('uses the dev server only when unpackaged and it is on loopback', () => {
    expect(launchMode(false, { ELECTRON_RENDERER_URL: 'http://localhost:5173' })).toEqual({
      dev: true,
      rendererUrl: 'http://localhost:5173',
    });
    expect(launchMode(false, { ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' }).dev).toBe(true);
  });

  it('ignores the variable in a packaged app, or when it points elsewhere', () => {
    const production = { dev: false, rendererUrl: PRODUCTION_RENDERER_URL };
    expect(launchMode(true, { ELECTRON_RENDERER_URL: 'http://localhost:5173' })).toEqual(
      production,
    );
    expect(launchMode(false, { ELECTRON_RENDERER_URL: 'https://evil.example' })).toEqual(
      production,
    );
    expect(launchMode(false, { ELECTRON_RENDERER_URL: 'http://localhost.evil.example' })).toEqual(
      production,
    );
    expect(launchMode(false, { ELECTRON_RENDERER_URL: 'http://user@localhost:5173' })).toEqual(
      production,
    );
    expect(launchMode(false, { ELECTRON_RENDERER_URL: 'file:///tmp/x.html' })).toEqual(production);
    expect(launchMode(false, {})).toEqual(production);
  });
});

describe('preloadPath', () => {
  it('prefers a classic-script build, which a sandboxed preload needs', () => {
    const dir = '/app/out/preload';
    const has =
      (...names: string[]) =>
      (file: string) =>
        names.some((n) => file === join(dir, n));
    expect(preloadPath(dir, has('index.mjs', 'index.js'))).toBe(join(dir, 'index.js'));
    expect(preloadPath(dir, has('index.mjs', 'index.cjs'))).toBe(join(dir, 'index.cjs'));
    expect(preloadPath(dir, has('index.mjs'))).toBe(join(dir, 'index.mjs'));
    expect(preloadPath(dir, has())).toBe(join(dir, 'index.cjs'));
  });
});

describe('protocolClientArgs', () => {
  it('registers the packaged app as itself', () => {
    expect(protocolClientArgs(false, '/opt/Koe/koe', ['/opt/Koe/koe'])).toEqual([]);
  });

  it('registers a development run as electron <app folder>', () => {
    expect(protocolClientArgs(true, '/x/electron', ['/x/electron', '.'])).toEqual([
      '/x/electron',
      [resolve('.'), '--'],
    ]);
  });
});
