import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { standInKeyVault } from '../../../src/main/core/cache-key/key-vault';
import { startKoeCore } from '../../../src/main/core/koe-core';

/** Every entry of the folder with its permission bits, as `fs.stat` reports them. */
function modes(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    out[`${prefix}${name}`] = (stat.mode & 0o777).toString(8);
    if (stat.isDirectory()) Object.assign(out, modes(path, `${prefix}${name}/`));
  }
  return out;
}

const onlyOwner = (entries: Record<string, string>, dirs: string[]) =>
  Object.fromEntries(Object.keys(entries).map((k) => [k, dirs.includes(k) ? '700' : '600']));

describe.skipIf(process.platform === 'win32')('the data folder', () => {
  const dirs: string[] = [];
  const umask = process.umask(0o022);
  afterEach(() => {
    process.umask(umask);
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is 0700 with every file 0600 (db, -wal, -shm, key, exports, logs), also a folder an older Koe left open', async () => {
    // A user's usual umask, and a folder as an older Koe (or Electron) left it: world-readable.
    process.umask(0o022);
    const dataDir = join(mkdtempSync(join(tmpdir(), 'koe-modes-')), 'Koe');
    dirs.push(dataDir);
    mkdirSync(join(dataDir, 'logs'), { recursive: true, mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'logs', 'old.log'), 'old', { mode: 0o644 });
    writeFileSync(join(dataDir, 'preferences.json'), '{}', { mode: 0o644 });

    const core = await startKoeCore({
      dataDir,
      appVersion: 'test',
      keyVault: standInKeyVault(),
      ctiPort: false,
      predictions: false,
    });
    // Written while Koe runs, with Node's default mode: owner-only from the start.
    writeFileSync(join(dataDir, 'voc-export.csv'), 'id,words\n');
    writeFileSync(join(dataDir, 'logs', 'koe.log'), 'started\n');
    mkdirSync(join(dataDir, 'exports'));
    writeFileSync(join(dataDir, 'exports', 'today.csv'), 'x\n');
    const running = modes(dataDir);
    expect(Object.keys(running)).toEqual(
      expect.arrayContaining(['koe.sqlite', 'koe.sqlite-wal', 'koe.sqlite-shm', 'cache-key']),
    );
    expect(running).toEqual(onlyOwner(running, ['logs', 'exports']));
    expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
    await core.close();
    const closed = modes(dataDir);
    expect(closed).toEqual(onlyOwner(closed, ['logs', 'exports']));
  });
});
