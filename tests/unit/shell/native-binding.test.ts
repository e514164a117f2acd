import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronNativeBinding, electronNativePaths } from '../../../src/main/shell/native-binding';

const running = { electron: '41.7.1', platform: 'linux', arch: 'x64' };

function files(contents: Record<string, string>) {
  return {
    exists: (file: string) => file in contents,
    read: (file: string) => contents[file] ?? null,
  };
}

describe('electronNativeBinding', () => {
  const { binding, marker } = electronNativePaths('/app');

  it('uses the Electron build when its marker matches the running Electron', () => {
    const fs = files({
      [binding]: 'ELF',
      [marker]: JSON.stringify({ ...running, betterSqlite3: '12' }),
    });
    expect(electronNativeBinding('/app', running, fs)).toBe(binding);
  });

  it('lets better-sqlite3 load its own build otherwise', () => {
    expect(electronNativeBinding('/app', running, files({}))).toBeUndefined();
    expect(electronNativeBinding('/app', running, files({ [binding]: 'ELF' }))).toBeUndefined();
    for (const other of [
      { ...running, electron: '40.0.0' },
      { ...running, arch: 'arm64' },
      { ...running, platform: 'win32' },
    ]) {
      const fs = files({ [binding]: 'ELF', [marker]: JSON.stringify(other) });
      expect(electronNativeBinding('/app', running, fs)).toBeUndefined();
    }
    for (const bad of ['{', 'null', '42', '"x"']) {
      expect(
        electronNativeBinding('/app', running, files({ [binding]: 'ELF', [marker]: bad })),
      ).toBeUndefined();
    }
  });
});

/** A project folder with just enough of node_modules for the script. */
function fakeProject(betterSqlite3: object = { version: '12.11.1' }): string {
  const root = mkdtempSync(join(tmpdir(), 'koe-native-'));
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  write('node_modules/electron/package.json', JSON.stringify({ version: '41.7.1' }));
  write('node_modules/better-sqlite3/package.json', JSON.stringify(betterSqlite3));
  write('node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'node-abi');
  return root;
}

const script = resolve('scripts/build-electron-native.mjs');
const runScript = (cwd: string) =>
  spawnSync(process.execPath, [script], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    // No prebuild-install (not in the fake node_modules) and no node-gyp: the build has to
    // fail, and say so, without touching the network.
    env: { PATH: '', KOE_NODE_GYP: '/nonexistent/node-gyp.js' },
  });

describe('scripts/build-electron-native.mjs', () => {
  it('skips the build when .electron-native already matches, in the layout the shell reads', () => {
    const root = fakeProject();
    const { binding, marker } = electronNativePaths(root);
    mkdirSync(dirname(binding), { recursive: true });
    writeFileSync(binding, 'electron-abi');
    writeFileSync(
      marker,
      JSON.stringify({
        electron: '41.7.1',
        platform: process.platform,
        arch: process.arch,
        betterSqlite3: '12.11.1',
      }),
    );
    const result = runScript(root);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/already built for Electron 41\.7\.1/);
  });

  it('fails quickly and clearly when it cannot build, leaving no half-built copy', () => {
    const root = fakeProject();
    const started = Date.now();
    const result = runScript(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/could not build better-sqlite3 for Electron/);
    expect(result.stderr).toMatch(/npm test/);
    expect(Date.now() - started).toBeLessThan(30_000);
    const running = { electron: '41.7.1', platform: process.platform, arch: process.arch };
    expect(
      electronNativeBinding(root, running, {
        exists: () => false,
        read: () => null,
      }),
    ).toBeUndefined();
  });

  it('builds nothing for a Node-API better-sqlite3, and removes a copy an older one left', () => {
    const root = fakeProject({ version: '13.2.0', dependencies: { 'node-addon-api': '^8.0.0' } });
    const { binding, marker } = electronNativePaths(root);
    mkdirSync(dirname(binding), { recursive: true });
    writeFileSync(binding, 'electron-abi');
    writeFileSync(marker, JSON.stringify({ ...running, betterSqlite3: '12.11.1' }));
    const result = runScript(root);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Node-API addon.*nothing to build/);
    expect(existsSync(join(root, '.electron-native'))).toBe(false);
  });
});
