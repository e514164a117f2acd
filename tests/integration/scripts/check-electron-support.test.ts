import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The CI step end to end: the real script, the real `npm view`, against a registry on loopback
 * that says what the latest Electron is (or fails), so the verdict and the fail-closed path are
 * proven without the public registry.
 */
const script = resolve('scripts/check-electron-support.ts');
const tsx = resolve('node_modules/.bin/tsx');

let latest = '48.1.0';
let registryDown = false;
let server: Server;
let registryUrl = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    if (registryDown) {
      response.writeHead(503).end();
      return;
    }
    if (request.url !== '/electron') {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    const tarball = `${registryUrl}electron/-/electron-${latest}.tgz`;
    response.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        name: 'electron',
        'dist-tags': { latest },
        versions: { [latest]: { name: 'electron', version: latest, dist: { tarball } } },
      }),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  registryUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(() => new Promise<void>((done) => server.close(() => done())));

function installedElectron(version: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'koe-electron-')), 'package.json');
  writeFileSync(file, JSON.stringify({ name: 'electron', version }));
  return file;
}

function check(electronPackage: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    execFile(
      tsx,
      [script, electronPackage],
      {
        encoding: 'utf8',
        env: {
          ...process.env,
          npm_config_registry: registryUrl,
          // A fresh cache and no retries: every run asks the loopback registry, at once.
          npm_config_cache: mkdtempSync(join(tmpdir(), 'koe-npm-cache-')),
          npm_config_fetch_retries: '0',
        },
      },
      (error, stdout, stderr) => done({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

describe('scripts/check-electron-support.ts', () => {
  it('passes an Electron within the latest three majors', async () => {
    latest = '48.1.0';
    registryDown = false;
    const result = await check(installedElectron('46.0.2'));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Electron 46.0.2 is supported (latest 48.1.0');
  });

  it('fails an Electron the registry has left behind, naming the patched majors', async () => {
    latest = '48.1.0';
    registryDown = false;
    const result = await check(installedElectron('45.6.1'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Electron 45.6.1 no longer gets security fixes');
    expect(result.stderr).toContain('46–48');
  });

  it('fails closed, saying so, when the registry does not answer', async () => {
    registryDown = true;
    const result = await check(installedElectron('48.1.0'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("could not ask the npm registry for Electron's latest version");
    expect(result.stderr).toContain('fails closed');
  });
});
