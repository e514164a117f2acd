import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_BODY_BYTES,
  RENDERER_CSP,
  injectBridge,
  startHarnessServer,
  type HarnessServer,
} from '../../../src/harness/server';
import { startFakeCore } from './fake-core';

const builtIndex = `<!doctype html>
<html lang="ja">
  <head>
    <script type="module" crossorigin src="./assets/index-abc.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>`;

describe('browser harness server', () => {
  const core = startFakeCore();
  let rendererDir: string;
  let harness: HarnessServer;

  beforeAll(async () => {
    rendererDir = mkdtempSync(join(tmpdir(), 'koe-harness-'));
    writeFileSync(join(rendererDir, 'index.html'), builtIndex);
    harness = await startHarnessServer({ core, rendererDir });
  });
  afterAll(async () => {
    await harness.close();
    rmSync(rendererDir, { recursive: true, force: true });
  });

  const ipc = (channel: string, body: string, contentType = 'application/json') =>
    fetch(new URL(`/ipc/${channel}`, harness.url), {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });

  it('listens on loopback only', () => {
    expect(harness.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves index.html with the bridge before the app and the app CSP', async () => {
    const response = await fetch(harness.url);
    expect(response.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(RENDERER_CSP).toContain("default-src 'none'");
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).not.toContain('unsafe-eval');
    const html = await response.text();
    expect(html.indexOf('<script src="/koe-bridge.js"></script>')).toBeGreaterThan(0);
    expect(html.indexOf('/koe-bridge.js')).toBeLessThan(html.indexOf('type="module"'));
  });

  it('serves the bundled bridge', async () => {
    const response = await fetch(new URL('/koe-bridge.js', harness.url));
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    const script = await response.text();
    expect(script).toContain('/ipc/');
    expect(script).not.toMatch(/\bimport\s/);
  });

  it('answers a contract channel with the router’s result', async () => {
    const response = await ipc('customers:search', JSON.stringify({ query: '090-1234-5678' }));
    expect(response.status).toBe(200);
    const result = (await response.json()) as { ok: boolean; value: { customers: unknown[] } };
    expect(result.ok).toBe(true);
    expect(result.value.customers).toHaveLength(1);
  });

  it('refuses a channel outside the contract with 404 and the router’s refusal', async () => {
    const response = await ipc('evil', '{}');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('passes invalid input to the router, which refuses it', async () => {
    const response = await ipc('customers:search', JSON.stringify({ query: '', extra: 1 }));
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('refuses a body that is not JSON, not declared JSON, or too large', async () => {
    expect((await ipc('customers:search', '{nope')).status).toBe(400);
    expect((await ipc('customers:search', '{}', 'text/plain')).status).toBe(415);
    const huge = JSON.stringify({ query: 'x'.repeat(MAX_BODY_BYTES) });
    expect((await ipc('customers:search', huge)).status).toBe(413);
  });

  it('accepts only POST on /ipc', async () => {
    const response = await fetch(new URL('/ipc/app:info', harness.url));
    expect(response.status).toBe(405);
  });

  it('serves nothing outside the renderer folder', async () => {
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/package.json', '/assets/missing.js']) {
      const response = await fetch(new URL(path, harness.url));
      expect(response.status, path).toBe(404);
    }
  });

  it('refuses requests for another host name (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(harness.url, { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('forwards core events as server-sent events', async () => {
    const controller = new AbortController();
    const response = await fetch(new URL('/events', harness.url), { signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    await reader.read(); // the opening comment: the subscription is live
    core.events.emit('app:navigate', { to: 'search', query: '佐藤' });
    let text = '';
    while (!text.includes('\n\n', text.indexOf('event:'))) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text).toContain('event: app:navigate\ndata: {"to":"search","query":"佐藤"}\n\n');
  });
});

describe('injectBridge', () => {
  it('refuses an index.html without the app module script', () => {
    expect(() => injectBridge('<html></html>')).toThrow(/module script/);
  });
});
