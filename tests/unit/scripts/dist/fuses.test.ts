import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, describe, expect, it } from 'vitest';
import afterPack, { packedElectronBinary } from '../../../../scripts/dist/after-pack.mjs';
import { KOE_FUSES } from '../../../../scripts/dist/fuses.mjs';

/**
 * A stand-in for the Electron binary, which cannot be downloaded here: random bytes around the
 * real fuse wire layout (sentinel, version 1, length, one byte per fuse) with Electron 45's
 * defaults — the bytes @electron/fuses searches for and rewrites in a real binary.
 */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ELECTRON_DEFAULTS = '101100001'; // RunAsNode on, cookies off, NODE_OPTIONS on, inspect on …

function fakeElectronBinary(path: string): void {
  const noise = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31) % 251));
  const wire = Buffer.concat([
    Buffer.from(SENTINEL),
    Buffer.from([1, ELECTRON_DEFAULTS.length]),
    Buffer.from(ELECTRON_DEFAULTS),
  ]);
  writeFileSync(path, Buffer.concat([noise(70_000), wire, noise(5_000)]));
}

const NAMES = Object.fromEntries(
  Object.entries(FuseV1Options).filter(([, v]) => typeof v === 'number'),
) as Record<string, FuseV1Options>;

describe('Electron fuses flipped by the afterPack hook', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('turns off RunAsNode, NODE_OPTIONS and --inspect, and turns on asar integrity, asar-only and cookie encryption', async () => {
    dir = mkdtempSync(join(tmpdir(), 'koe-fuses-'));
    const appOutDir = join(dir, 'linux-unpacked');
    mkdirSync(appOutDir);
    const context = {
      appOutDir,
      electronPlatformName: 'linux',
      packager: { appInfo: { productFilename: 'Koe', productName: 'Koe' }, executableName: 'koe' },
    };
    const binary = packedElectronBinary(context);
    expect(binary).toBe(join(appOutDir, 'koe'));
    fakeElectronBinary(binary);
    copyFileSync(binary, join(dir, 'before'));
    const before = await getCurrentFuseWire(join(dir, 'before'));
    expect(before[FuseV1Options.RunAsNode]).toBe(FuseState.ENABLE);

    await afterPack(context);

    const wire = await getCurrentFuseWire(binary);
    const read = (option: FuseV1Options) => wire[option];
    expect({
      RunAsNode: read(NAMES.RunAsNode!),
      EnableNodeOptionsEnvironmentVariable: read(NAMES.EnableNodeOptionsEnvironmentVariable!),
      EnableNodeCliInspectArguments: read(NAMES.EnableNodeCliInspectArguments!),
      EnableEmbeddedAsarIntegrityValidation: read(NAMES.EnableEmbeddedAsarIntegrityValidation!),
      OnlyLoadAppFromAsar: read(NAMES.OnlyLoadAppFromAsar!),
      EnableCookieEncryption: read(NAMES.EnableCookieEncryption!),
    }).toEqual({
      RunAsNode: FuseState.DISABLE,
      EnableNodeOptionsEnvironmentVariable: FuseState.DISABLE,
      EnableNodeCliInspectArguments: FuseState.DISABLE,
      EnableEmbeddedAsarIntegrityValidation: FuseState.ENABLE,
      OnlyLoadAppFromAsar: FuseState.ENABLE,
      EnableCookieEncryption: FuseState.ENABLE,
    });
    // Every fuse the list sets is what the binary now holds, and the ones it leaves alone stay.
    for (const [option, on] of Object.entries(KOE_FUSES)) {
      if (option === 'version') continue;
      expect(read(Number(option) as FuseV1Options)).toBe(on ? FuseState.ENABLE : FuseState.DISABLE);
    }
    expect(read(NAMES.WasmTrapHandlers!)).toBe(FuseState.ENABLE);
  });

  it('fails the build when the packed binary has no fuse wire', async () => {
    dir = mkdtempSync(join(tmpdir(), 'koe-fuses-'));
    const context = {
      appOutDir: dir,
      electronPlatformName: 'win32',
      packager: { appInfo: { productFilename: 'Koe', productName: 'Koe' } },
    };
    writeFileSync(packedElectronBinary(context), 'MZ not electron');
    await expect(afterPack(context)).rejects.toThrow(/sentinel/);
  });

  it('finds the binary electron-builder lays out on each platform', () => {
    const packager = { appInfo: { productFilename: 'Koe', productName: 'Koe' } };
    expect(packedElectronBinary({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe(
      join('/o', 'Koe.exe'),
    );
    expect(
      packedElectronBinary({ appOutDir: '/o', electronPlatformName: 'darwin', packager }),
    ).toBe(join('/o', 'Koe.app'));
  });
});
