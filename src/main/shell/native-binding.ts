import { join } from 'node:path';

/**
 * Where scripts/build-electron-native.mjs leaves better-sqlite3 built for Electron's ABI (keep
 * in step with that script). node_modules keeps Node's build for the tests.
 */
export function electronNativePaths(appPath: string) {
  const dir = join(appPath, '.electron-native', 'better-sqlite3');
  return {
    binding: join(dir, 'build', 'Release', 'better_sqlite3.node'),
    marker: join(dir, 'koe-electron-build.json'),
  };
}

export interface RunningElectron {
  electron: string;
  platform: string;
  arch: string;
}

export interface FileAccess {
  exists(file: string): boolean;
  /** The file's text, or null when it cannot be read. */
  read(file: string): string | null;
}

/**
 * The .node file to give better-sqlite3 as `nativeBinding`, or undefined to let it load its own
 * (a packaged app, whose native modules the packager rebuilt for Electron). A build made for
 * another Electron, platform or architecture would crash on load, so it is used only when its
 * marker matches the running Electron.
 */
export function electronNativeBinding(
  appPath: string,
  running: RunningElectron,
  files: FileAccess,
): string | undefined {
  const { binding, marker } = electronNativePaths(appPath);
  if (!files.exists(binding)) return undefined;
  let built: Partial<RunningElectron> | null = null;
  try {
    built = JSON.parse(files.read(marker) ?? 'null') as Partial<RunningElectron> | null;
  } catch {
    return undefined;
  }
  if (!built || typeof built !== 'object') return undefined;
  const matches =
    built.electron === running.electron &&
    built.platform === running.platform &&
    built.arch === running.arch;
  return matches ? binding : undefined;
}
