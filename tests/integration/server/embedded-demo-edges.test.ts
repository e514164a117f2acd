import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDemoRetailer, type EmbeddedDemoRetailer } from '../../../server/src/embedded';
import { DEMO_PASSWORD, DEMO_USERS } from '../../../server/src/seed';

/**
 * The demo retailer the app runs on loopback when no retailer is configured: a web page in the
 * agent's browser can reach it too (with DNS rebinding, under its own name), so it answers only
 * to its loopback Host, and its webhooks go only where a served API's would.
 */
describe('the embedded demo retailer on loopback', () => {
  let dataDir: string;
  let demo: EmbeddedDemoRetailer;
  let port: number;
  const allowPrivate = process.env.KOE_WEBHOOKS_ALLOW_PRIVATE;

  beforeAll(async () => {
    delete process.env.KOE_WEBHOOKS_ALLOW_PRIVATE;
    dataDir = mkdtempSync(join(tmpdir(), 'koe-embedded-'));
    demo = await startEmbeddedDemoRetailer(dataDir);
    port = Number(new URL(demo.url).port);
  }, 120_000);
  afterAll(async () => {
    await demo?.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (allowPrivate !== undefined) process.env.KOE_WEBHOOKS_ALLOW_PRIVATE = allowPrivate;
  });

  /** A request with the Host header a browser would send for that name (fetch cannot set it). */
  const get = (path: string, host: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });

  it('refuses any Host but a loopback name (DNS rebinding)', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${port}`,
      `127.0.0.1.evil.example:${port}`,
      '127.0.0.1',
      `10.0.0.1:${port}`,
    ]) {
      const answer = await get('/openapi.json', host);
      expect(answer.status, host).toBe(421);
      expect(JSON.parse(answer.body), host).toMatchObject({
        error: { code: 'misdirected_host' },
      });
    }
    // Any port: a loopback relay in front of it (the e2e outages fixture) names its own.
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `LOCALHOST:${port}`,
      `[::1]:${port}`,
      `127.0.0.1:${port + 1}`,
    ])
      expect((await get('/health', host)).status, host).toBe(200);
  });

  it('refuses webhooks to loopback and private addresses, as a served API does', async () => {
    const admin = DEMO_USERS.find((u) => u.role === 'retailer_admin')!;
    const signedIn = await fetch(`${demo.url}/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: admin.email, password: DEMO_PASSWORD }),
    });
    const { accessToken } = (await signedIn.json()) as { accessToken: string };
    const register = async (url: string) => {
      const response = await fetch(`${demo.url}/v1/webhooks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url, events: ['voc.created'] }),
      });
      return {
        status: response.status,
        json: (await response.json()) as { error?: { code: string } },
      };
    };
    expect(await register(`http://127.0.0.1:${port}/hook`)).toMatchObject({
      status: 400,
      json: { error: { code: 'webhook_url_not_https' } },
    });
    for (const url of [
      'https://127.0.0.1/hook',
      'https://10.0.0.5/hook',
      'https://192.168.1.20/hook',
      'https://[::1]/hook',
      'https://169.254.169.254/latest/meta-data',
    ]) {
      expect(await register(url), url).toMatchObject({
        status: 400,
        json: { error: { code: 'webhook_url_forbidden_address' } },
      });
    }
  });
});
