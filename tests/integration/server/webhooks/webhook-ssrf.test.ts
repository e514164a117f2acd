import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWebhookWorker } from '../../../../server/src/webhooks/webhook-worker';
import { webhookTargetPolicy } from '../../../../server/src/webhooks/webhook-target';
import {
  createWebhookResponse,
  rotateWebhookSecretResponse,
  updateWebhookResponse,
  webhookDeliveryList,
} from '../../../../src/shared/protocol/webhooks';
import { vocFor } from '../../../fixtures/retailer-records';
import { call, signIn, startTestServer, type TestServer } from '../../../fixtures/test-server';
import { describeEachDatabase } from '../../../fixtures/test-database';

const X = 'retailer-a-center-x';

/**
 * A resolver the test controls: DNS as an attacker running their own name server would answer,
 * public at registration and loopback later (rebinding).
 */
const dns: Record<string, string[]> = {
  'hooks.retailer.example': ['93.184.216.34'],
  'metadata.example': ['169.254.169.254'],
  'rebind.example': ['93.184.216.34'],
};
const targets = {
  allowPrivate: false,
  resolve: async (host: string) =>
    (dns[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
};

describeEachDatabase('Webhook SSRF guard and admin changes on $name', ({ postgres }) => {
  let server: TestServer;
  let loopback: http.Server;
  let loopbackPort = 0;
  /** Every TCP connection the loopback listener got: none may come from a delivery. */
  let connections = 0;
  const tokens: Record<string, string> = {};
  const api = (who: string, method: string, path: string, body?: unknown) =>
    call(server.url, tokens[who]!, method, path, body);

  beforeAll(async () => {
    dns['rebind.example'] = ['93.184.216.34'];
    server = await startTestServer({ postgres, webhooks: false, webhookTargets: targets });
    tokens.admin = await signIn(server.url, 'admin@retailer-a.example');
    tokens.adminB = await signIn(server.url, 'admin@retailer-b.example');
    tokens.supervisor = await signIn(server.url, `supervisor@${X}.example`);
    tokens.agent = await signIn(server.url, `agent@${X}.example`);
    loopback = http.createServer((_req, res) => res.end());
    loopback.on('connection', () => connections++);
    await new Promise<void>((resolve) => loopback.listen(0, '127.0.0.1', resolve));
    loopbackPort = (loopback.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => loopback?.close(() => resolve()));
    await server?.close();
  });

  it('refuses a URL inside the network at registration, with a code that says why', async () => {
    const refused = async (url: string) => {
      const reply = await api('admin', 'POST', '/v1/webhooks', { url });
      expect(reply.status, url).toBe(400);
      return (reply.json as { error: { code: string; message: string } }).error;
    };
    for (const url of [
      `http://127.0.0.1:${loopbackPort}/hook`,
      'http://localhost/hook',
      'http://[::1]/hook',
    ]) {
      expect((await refused(url)).code, url).toBe('webhook_url_not_https');
    }
    for (const url of [
      'https://127.0.0.1/hook',
      'https://2130706433/hook',
      'https://0x7f.1/hook',
      'https://10.1.2.3/hook',
      'https://172.20.0.5/hook',
      'https://192.168.0.1/hook',
      'https://100.64.0.1/hook',
      'https://169.254.169.254/latest/meta-data/',
      'https://[::ffff:169.254.169.254]/',
      'https://[fd00::1]/',
      'https://[fe80::1]/',
      'https://224.0.0.1/',
      'https://0.0.0.0/',
      'https://metadata.example/hook',
    ]) {
      expect((await refused(url)).code, url).toBe('webhook_url_forbidden_address');
    }
    expect((await refused('https://metadata.example/hook')).message).toContain('169.254.169.254');
    expect((await refused('https://no-such-host.example/')).code).toBe('webhook_url_unresolvable');
    // Nothing was stored.
    expect((await api('admin', 'GET', '/v1/webhooks')).json).toEqual({ webhooks: [] });
  });

  it('switches a webhook off and on, changes its URL under the same guard, rotates its secret', async () => {
    const created = createWebhookResponse.parse(
      (await api('admin', 'POST', '/v1/webhooks', { url: 'https://hooks.retailer.example/koe' }))
        .json,
    );
    expect(created.webhook.enabled).toBe(true);
    const id = created.webhook.id;
    const path = `/v1/webhooks/${id}`;

    // Off: what was pending is cancelled, and new records queue nothing for it.
    await api('agent', 'POST', '/v1/voc/batch', { records: [vocFor(`${X}-agent`, X)] });
    const off = await api('admin', 'PATCH', path, { enabled: false });
    expect(updateWebhookResponse.parse(off.json).webhook.enabled).toBe(false);
    await api('agent', 'POST', '/v1/voc/batch', { records: [vocFor(`${X}-agent`, X)] });
    const listed = webhookDeliveryList.parse(
      (await api('admin', 'GET', `${path}/deliveries`)).json,
    ).deliveries;
    expect(listed.map((d) => d.status)).toEqual(['cancelled']);
    const on = await api('admin', 'PATCH', path, { enabled: true, events: ['voc.created'] });
    expect(updateWebhookResponse.parse(on.json).webhook).toMatchObject({
      enabled: true,
      events: ['voc.created'],
      url: 'https://hooks.retailer.example/koe',
    });

    // A new URL passes the same guard.
    const moved = await api('admin', 'PATCH', path, { url: 'https://metadata.example/x' });
    expect(moved.status).toBe(400);
    expect((moved.json as { error: { code: string } }).error.code).toBe(
      'webhook_url_forbidden_address',
    );
    expect((await api('admin', 'PATCH', path, {})).status).toBe(400);

    // A new secret, shown once; the old one is gone.
    const rotated = rotateWebhookSecretResponse.parse(
      (await api('admin', 'POST', `${path}/rotate-secret`)).json,
    );
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    const stored = await server.store.db
      .selectFrom('webhooks')
      .select('secret')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.secret).toBe(rotated.secret);

    // Only the tenant's admin.
    for (const who of ['supervisor', 'agent']) {
      expect((await api(who, 'PATCH', path, { enabled: false })).status).toBe(403);
      expect((await api(who, 'POST', `${path}/rotate-secret`)).status).toBe(403);
    }
    expect((await api('adminB', 'PATCH', path, { enabled: false })).status).toBe(404);
    expect((await api('adminB', 'POST', `${path}/rotate-secret`)).status).toBe(404);
  });

  it('checks again at delivery: a name rebound to loopback is never connected to', async () => {
    const created = createWebhookResponse.parse(
      (
        await api('admin', 'POST', '/v1/webhooks', {
          url: `https://rebind.example:${loopbackPort}/hook`,
          events: ['voc.created'],
        })
      ).json,
    );
    // After the check, the attacker's name server starts answering loopback.
    dns['rebind.example'] = ['127.0.0.1'];
    // And a row that skipped the check altogether (written before the guard existed).
    await server.store.db
      .insertInto('webhooks')
      .values({
        id: 'legacy-hook',
        tenant_id: 'retailer-a',
        url: `https://127.0.0.1:${loopbackPort}/hook`,
        secret: 'whsec_legacy-secret-0123456789abcdef',
        events: JSON.stringify(['voc.created']),
        created_by: 'retailer-a-admin',
        created_at: new Date().toISOString(),
        deleted_at: null,
        disabled_at: null,
      })
      .execute();
    await api('agent', 'POST', '/v1/voc/batch', { records: [vocFor(`${X}-agent`, X)] });

    const worker = startWebhookWorker(
      server.store,
      { pollMs: 60_000, maxAttempts: 5 },
      webhookTargetPolicy(targets),
    );
    try {
      await worker.runOnce();
    } finally {
      await worker.stop();
    }
    for (const [hook, words] of [
      [created.webhook.id, 'rebind.example (127.0.0.1)'],
      ['legacy-hook', '127.0.0.1'],
    ] as const) {
      const [delivery] = webhookDeliveryList.parse(
        (await api('admin', 'GET', `/v1/webhooks/${hook}/deliveries`)).json,
      ).deliveries;
      expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatus: null });
      expect(delivery!.lastError).toContain(words);
      expect(delivery!.lastError).toContain('loopback');
    }
    expect(connections).toBe(0);
  });
});
