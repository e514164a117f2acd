import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Configuration } from 'electron-builder';
import config from '../../../../electron-builder.config.mjs';
import { signingStatus } from '../../../../scripts/dist/sign-check.mjs';

// electron-builder's own schema check, the one `electron-builder` runs before it packs.
const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: Configuration, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (on: boolean) => unknown };
const { Minimatch } = require('minimatch') as {
  Minimatch: new (pattern: string, options?: object) => { match(path: string): boolean };
};

const targetsOf = (platform: unknown) =>
  ((platform as { target: (string | { target: string })[] }).target ?? []).map((t) =>
    typeof t === 'string' ? t : t.target,
  );

/** Whether electron-builder's `files` patterns (last match wins, `!` excludes) keep a path. */
function packaged(path: string): boolean {
  let kept = false;
  for (const pattern of config.files as string[]) {
    const negated = pattern.startsWith('!');
    if (new Minimatch(negated ? pattern.slice(1) : pattern, { dot: true }).match(path)) {
      kept = !negated;
    }
  }
  return kept;
}

describe('installer configuration (electron-builder.config.mjs)', () => {
  it('passes electron-builder 26 schema validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('builds per-machine NSIS and MSI for Windows, dmg+zip for macOS, AppImage+deb for Linux', () => {
    expect(targetsOf(config.win)).toEqual(['nsis', 'msi']);
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false });
    expect(config.msi).toMatchObject({ perMachine: true });
    expect(targetsOf(config.mac)).toEqual(['dmg', 'zip']);
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
    expect(targetsOf(config.linux)).toEqual(['AppImage', 'deb']);
  });

  it('names the app, registers koe://, and uses the icons in resources/', () => {
    expect(config.appId).toBe('jp.koe.desk');
    expect(config.productName).toBe('Koe');
    expect(config.protocols).toEqual([{ name: 'Koe call link', schemes: ['koe'] }]);
    expect(config.linux?.mimeTypes).toContain('x-scheme-handler/koe');
    for (const platform of [config.win, config.mac, config.linux]) {
      expect(platform?.icon).toBe('resources/icon.png');
    }
  });

  it('unpacks better-sqlite3 from the asar and does not rebuild it (Node-API)', () => {
    expect(config.asar).toBe(true);
    const unpack = (config.asarUnpack as string[]).map((p) => new Minimatch(p, { dot: true }));
    for (const file of [
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/better-sqlite3/lib/database.js',
      // The cipher build (better-sqlite3-multiple-ciphers, installed under this name) loads
      // its prebuilt binary from here.
      'node_modules/better-sqlite3/prebuilds/win32-x64.node',
    ]) {
      expect(unpack.some((m) => m.match(file))).toBe(true);
    }
    expect(unpack.some((m) => m.match('out/main/index.js'))).toBe(false);
    expect(config.npmRebuild).toBe(false);
  });

  it('packages the built app and nothing of the sources, tests, benchmarks or local data', () => {
    expect(packaged('out/main/index.js')).toBe(true);
    expect(packaged('out/renderer/index.html')).toBe(true);
    expect(packaged('package.json')).toBe(true);
    for (const path of [
      'out/main/index.js.map',
      'src/main/index.ts',
      'src/renderer/src/App.tsx',
      'tests/unit/scripts/dist/builder-config.test.ts',
      'bench/run.ts',
      '.data/koe.sqlite',
      'server/src/app.ts',
      'scripts/demo-data.ts',
      'koe.sqlite-wal',
    ]) {
      expect({ path, packaged: packaged(path) }).toEqual({ path, packaged: false });
    }
  });

  it('flips fuses after packing and reports signing after signing', () => {
    expect(config.afterPack).toBe('./scripts/dist/after-pack.mjs');
    expect(config.afterSign).toBe('./scripts/dist/sign-check.mjs');
  });
});

describe('signing status (afterSign hook)', () => {
  it('says an unsigned build is unsigned, per platform', () => {
    expect(signingStatus('win32', {})).toMatchObject({ signed: false });
    expect(signingStatus('win32', {}).message).toMatch(/NOT signed.*WIN_CSC_LINK/);
    expect(signingStatus('darwin', { CSC_LINK: 'x' })).toMatchObject({
      signed: true,
      notarized: false,
    });
    expect(signingStatus('win32', { WIN_CSC_LINK: 'cert.pfx' })).toMatchObject({ signed: true });
    expect(
      signingStatus('darwin', {
        CSC_LINK: 'x',
        APPLE_API_KEY: 'k.p8',
        APPLE_API_KEY_ID: 'id',
        APPLE_API_ISSUER: 'i',
      }),
    ).toMatchObject({ signed: true, notarized: true });
  });
});
