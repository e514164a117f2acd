import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CTI_TOKEN_FILE,
  loadOrCreateCtiToken,
  tokenMatches,
} from '../../../src/main/core/cti/cti-token';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'koe-cti-token-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('CTI token store', () => {
  it('makes a 256-bit token on first start and keeps it, readable by the owner only', () => {
    const dir = join(tempDir(), 'nested');
    const token = loadOrCreateCtiToken(dir);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(join(dir, CTI_TOKEN_FILE), 'utf8').trim()).toBe(token);
    if (process.platform !== 'win32') {
      expect(statSync(join(dir, CTI_TOKEN_FILE)).mode & 0o777).toBe(0o600);
    }
    expect(loadOrCreateCtiToken(dir)).toBe(token);
    expect(loadOrCreateCtiToken(tempDir())).not.toBe(token);
  });

  it('replaces a damaged token file, and tightens a loose mode', () => {
    const dir = tempDir();
    const file = join(dir, CTI_TOKEN_FILE);
    writeFileSync(file, '');
    const token = loadOrCreateCtiToken(dir);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    writeFileSync(file, `${token}\n`, { mode: 0o644 });
    if (process.platform !== 'win32') {
      expect(loadOrCreateCtiToken(dir)).toBe(token);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
  });

  it('compares tokens exactly, for any presented length', () => {
    const token = 'a'.repeat(43);
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(`${token}a`, token)).toBe(false);
    expect(tokenMatches('a', token)).toBe(false);
    expect(tokenMatches('', token)).toBe(false);
    expect(tokenMatches(null, token)).toBe(false);
    expect(tokenMatches(undefined, token)).toBe(false);
    expect(tokenMatches('b'.repeat(43), token)).toBe(false);
  });
});
