import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimDueDeliveries } from '../../../../server/src/webhooks/webhook-queue';
import { webhookTargetPolicy } from '../../../../server/src/webhooks/webhook-target';
import {
  retryDelayMs,
  startWebhookWorker,
  type WebhookDeliveryOptions,
  type WebhookWorker,
} from '../../../../server/src/webhooks/webhook-worker';
import type { VocRecord } from '../../../../src/shared/domain/voc';
import {
  createWebhookResponse,
  webhookDeliveryList,
  webhookList,
  webhookPayload,
  type WebhookPayload,
} from '../../../../src/shared/protocol/webhooks';
import { vocFor } from '../../../fixtures/retailer-records';
import { call, signIn, startTestServer, type TestServer } from '../../../fixtures/test-server';
import { describeEachDatabase } from '../../../fixtures/test-database';

const X = 'retailer-a-center-x';
const Y = 'retailer-a-center-y';
const B_Y = 'retailer-b-center-y';

/** Fast timing: retries after tens of milliseconds instead of seconds. */
const FAST: Partial<WebhookDeliveryOptions> = {
  pollMs: 20,
  retryBaseMs: 20,
  maxDelayMs: 200,
  maxAttempts: 5,
  leaseMs: 5_000,
  batchSize: 8,
  timeoutMs: 2_000,
};

interface Received {
  deliveryId: string;
  event: string;
  signatureOk: boolean;
  payload: WebhookPayload;
  answered: number;
}

/**
 * A real receiver on loopback, written as a retailer would: it checks the signature against its
 * secret (HMAC-SHA256 over "<t>.<body>", timestamp within five minutes) and answers with
 * whatever `answer` decides for this delivery id and attempt.
 */
async function startReceiver(
  secret: () => string,
  answer: (deliveryId: string, attempt: number) => number,
) {
  const received: Received[] = [];
  const attempts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const deliveryId = String(req.headers['koe-delivery']);
      const attempt = (attempts.get(deliveryId) ?? 0) + 1;
      attempts.set(deliveryId, attempt);
      const status = answer(deliveryId, attempt);
      received.push({
        deliveryId,
        event: String(req.headers['koe-event']),
        signatureOk: verify(String(req.headers['koe-signature']), body, secret()),
        payload: webhookPayload.parse(JSON.parse(body)),
        answered: status,
      });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/koe`,
    received,
    attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function verify(header: string, body: string, secret: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > 300 || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const actual = Buffer.from(parts.v1, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

async function until<T>(what: string, check: () => Promise<T | null | false>): Promise<T> {
  for (let i = 0; i < 1_000; i++) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describeEachDatabase('Webhook delivery of VoC records on $name', ({ postgres }) => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const workers: WebhookWorker[] = [];
  const receivers: { close(): Promise<void> }[] = [];

  const api = (who: string, method: string, path: string, body?: unknown) =>
    call(server.url, tokens[who]!, method, path, body);
  const register = async (who: string, body: unknown) => {
    const reply = await api(who, 'POST', '/v1/webhooks', body);
    expect(reply.status, JSON.stringify(reply.json)).toBe(200);
    return createWebhookResponse.parse(reply.json);
  };
  const deliveries = async (who: string, webhookId: string) => {
    const reply = await api(who, 'GET', `/v1/webhooks/${webhookId}/deliveries?limit=500`);
    expect(reply.status, JSON.stringify(reply.json)).toBe(200);
    return webhookDeliveryList.parse(reply.json).deliveries;
  };
  const push = async (who: string, records: VocRecord[]) => {
    const reply = await api(who, 'POST', '/v1/voc/batch', { records });
    const results = (reply.json as { results: { status: string }[] }).results;
    expect(results.map((r) => r.status)).toEqual(records.map(() => 'accepted'));
  };
  const remove = async (who: string, webhookId: string) =>
    (await api(who, 'DELETE', `/v1/webhooks/${webhookId}`)).status;
  const worker = (options: Partial<WebhookDeliveryOptions> = FAST) => {
    // The receivers listen on loopback: private targets allowed, as the test server does.
    const w = startWebhookWorker(
      server.store,
      options,
      webhookTargetPolicy({ allowPrivate: true }),
    );
    workers.push(w);
    return w;
  };

  beforeAll(async () => {
    // The test drives its own workers, so it can stop, restart and race them.
    server = await startTestServer({ postgres, webhooks: false });
    const emails: Record<string, string> = {
      admin: 'admin@retailer-a.example',
      adminB: 'admin@retailer-b.example',
      supervisorX: `supervisor@${X}.example`,
      trainerX: `trainer@${X}.example`,
      agentX: `agent@${X}.example`,
      agentY: `agent@${Y}.example`,
      agentB: `agent@${B_Y}.example`,
    };
    for (const [who, email] of Object.entries(emails))
      tokens[who] = await signIn(server.url, email);
  });
  afterAll(async () => {
    for (const w of workers) await w.stop();
    for (const r of receivers) await r.close();
    await server?.close();
  });

  it('lets only a retailer admin register, list and remove webhooks, within its tenant', async () => {
    for (const who of ['agentX', 'supervisorX', 'trainerX']) {
      expect((await api(who, 'GET', '/v1/webhooks')).status).toBe(403);
      expect(
        (await api(who, 'POST', '/v1/webhooks', { url: 'https://example.com/hook' })).status,
      ).toBe(403);
    }
    expect((await call(server.url, null, 'GET', '/v1/webhooks')).status).toBe(401);

    // https anywhere, http only on loopback, no credentials in the URL.
    for (const url of [
      'http://example.com/hook',
      'ftp://example.com/',
      'https://user:pw@example.com/',
      'not a url',
    ]) {
      expect((await api('admin', 'POST', '/v1/webhooks', { url })).status, url).toBe(400);
    }
    expect(
      (await api('admin', 'POST', '/v1/webhooks', { url: 'https://a.example/', secret: 'short' }))
        .status,
    ).toBe(400);

    const created = await register('admin', { url: 'https://hooks.example.com/koe' });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    expect(created.webhook.events).toEqual(['voc.created', 'voc.updated']);
    const supplied = await register('admin', {
      url: 'http://localhost:9/koe',
      events: ['voc.created'],
      secret: 'a-secret-the-retailer-chose-0123',
    });
    expect(supplied.secret).toBe('a-secret-the-retailer-chose-0123');

    // The secret is shown once: never in the list.
    const listed = await api('admin', 'GET', '/v1/webhooks');
    expect(JSON.stringify(listed.json)).not.toContain(created.secret);
    expect(webhookList.parse(listed.json).webhooks.map((w) => w.id)).toEqual([
      created.webhook.id,
      supplied.webhook.id,
    ]);

    // Another retailer neither sees nor touches them.
    expect(webhookList.parse((await api('adminB', 'GET', '/v1/webhooks')).json).webhooks).toEqual(
      [],
    );
    expect(await remove('adminB', created.webhook.id)).toBe(404);
    expect(
      (await api('adminB', 'GET', `/v1/webhooks/${created.webhook.id}/deliveries`)).status,
    ).toBe(404);
    expect(await remove('agentX', created.webhook.id)).toBe(403);

    expect(await remove('admin', created.webhook.id)).toBe(200);
    expect(await remove('admin', supplied.webhook.id)).toBe(200);
    expect(await remove('admin', supplied.webhook.id)).toBe(404);
    expect(webhookList.parse((await api('admin', 'GET', '/v1/webhooks')).json).webhooks).toEqual(
      [],
    );
  });

  it(
    'delivers every new record and correction, signed, through failures, exactly once after dedup',
    { timeout: 120_000 },
    async () => {
      let secret = '';
      // Every delivery fails twice (a 503, then a 500) before the receiver takes it.
      const receiver = await startReceiver(
        () => secret,
        (_id, attempt) => (attempt === 1 ? 503 : attempt === 2 ? 500 : 200),
      );
      receivers.push(receiver);
      const hook = await register('admin', { url: receiver.url });
      secret = hook.secret;
      // Retailer B's webhook must never see A's records, nor A's B's.
      let secretB = '';
      const receiverB = await startReceiver(
        () => secretB,
        () => 200,
      );
      receivers.push(receiverB);
      secretB = (await register('adminB', { url: receiverB.url, events: ['voc.created'] })).secret;

      // Two workers, as two server processes over one database.
      worker();
      worker();

      const x = Array.from({ length: 12 }, (_, i) =>
        vocFor(`${X}-agent`, X, { customerWords: `x ${i} 「届かない」` }),
      );
      const y = Array.from({ length: 9 }, (_, i) =>
        vocFor(`${Y}-agent`, Y, { customerWords: `y ${i}` }),
      );
      await push('agentX', x.slice(0, 7));
      await push('agentY', y);
      await push('agentX', x.slice(7));
      // A replay is a duplicate: no new delivery.
      await api('agentX', 'POST', '/v1/voc/batch', { records: x.slice(0, 2) });
      const corrected: VocRecord = {
        ...x[0]!,
        revision: 2,
        reasonCodes: ['billing.charge'],
        savedAt: '2026-11-23T01:10:00.000Z',
      };
      await push('agentX', [corrected]);
      const b = vocFor(`${B_Y}-agent`, B_Y);
      await push('agentB', [b]);

      const expected = x.length + y.length + 1;
      const settled = await until('every delivery to be delivered', async () => {
        const list = await deliveries('admin', hook.webhook.id);
        return list.length === expected && list.every((d) => d.status === 'delivered') && list;
      });
      expect(settled.every((d) => d.attempts === 3 && d.lastStatus === 200)).toBe(true);

      expect(receiver.received.every((r) => r.signatureOk)).toBe(true);
      const accepted = receiver.received.filter((r) => r.answered === 200);
      // Dedup by delivery id, as the receiver is told to: every delivery once.
      const byDelivery = new Map(accepted.map((r) => [r.deliveryId, r]));
      expect(byDelivery.size).toBe(expected);
      // Retries carry the same id and body.
      for (const [id, n] of receiver.attempts) {
        expect(n, id).toBe(3);
        const bodies = new Set(
          receiver.received
            .filter((r) => r.deliveryId === id)
            .map((r) => JSON.stringify(r.payload)),
        );
        expect(bodies.size).toBe(1);
      }
      const created = [...byDelivery.values()].filter((r) => r.event === 'voc.created');
      expect(created.map((r) => r.payload.data.record.id).sort()).toEqual(
        [...x, ...y].map((r) => r.id).sort(),
      );
      for (const r of created) {
        const sent = [...x, ...y].find((v) => v.id === r.payload.data.record.id)!;
        const { receivedAt, ...record } = r.payload.data.record;
        expect(record).toEqual(sent);
        expect(receivedAt).toMatch(/Z$/);
        expect(r.payload.id).toBe(r.deliveryId);
        expect(r.payload.type).toBe('voc.created');
      }
      const updated = [...byDelivery.values()].filter((r) => r.event === 'voc.updated');
      expect(
        updated.map((r) => [r.payload.data.record.id, r.payload.data.record.revision]),
      ).toEqual([[x[0]!.id, 2]]);
      expect(updated[0]!.payload.data.record.reasonCodes).toEqual(['billing.charge']);

      // Tenant isolation: B's receiver got B's record only.
      await until('B to get its record', async () => receiverB.received.length >= 1);
      expect(receiverB.received.map((r) => r.payload.data.record.id)).toEqual([b.id]);
      expect(receiverB.received.every((r) => r.signatureOk)).toBe(true);

      expect(await remove('admin', hook.webhook.id)).toBe(200);
    },
  );

  it(
    'keeps the queue across a restart, reclaims a dead worker’s lease, and dead-letters after N attempts',
    { timeout: 120_000 },
    async () => {
      for (const w of workers.splice(0)) await w.stop();
      let secret = '';
      let up = false;
      const receiver = await startReceiver(
        () => secret,
        () => (up ? 200 : 503),
      );
      receivers.push(receiver);
      const hook = await register('admin', { url: receiver.url, events: ['voc.created'] });
      secret = hook.secret;

      // A process runs, the receiver is down, the process stops.
      const first = worker();
      const records = Array.from({ length: 5 }, () => vocFor(`${Y}-agent`, Y));
      await push('agentY', records);
      await until('a failed attempt each', async () => {
        const list = await deliveries('admin', hook.webhook.id);
        return list.length === 5 && list.every((d) => d.attempts >= 1) && list;
      });
      await first.stop();
      const stopped = await deliveries('admin', hook.webhook.id);
      expect(stopped.every((d) => d.status === 'pending' && d.lastStatus === 503)).toBe(true);

      // A process that claimed rows and died: its lease expires and another takes them.
      up = true;
      const more = Array.from({ length: 3 }, () => vocFor(`${Y}-agent`, Y));
      await push('agentY', more);
      const claimed = await claimDueDeliveries(
        server.store.db,
        server.store.dialect,
        'crashed-process',
        new Date(),
        300,
        100,
      );
      expect(claimed.length).toBeGreaterThanOrEqual(3);

      // The restarted process delivers everything the queue held.
      worker();
      await until('all eight delivered', async () => {
        const list = await deliveries('admin', hook.webhook.id);
        return list.length === 8 && list.every((d) => d.status === 'delivered') && list;
      });
      const ids = new Set(
        receiver.received.filter((r) => r.answered === 200).map((r) => r.payload.data.record.id),
      );
      expect([...ids].sort()).toEqual([...records, ...more].map((r) => r.id).sort());
      expect(await remove('admin', hook.webhook.id)).toBe(200);

      // A receiver that never accepts: dead after maxAttempts, and left alone afterwards.
      const broken = await startReceiver(
        () => '',
        () => 500,
      );
      receivers.push(broken);
      const dead = await register('admin', { url: broken.url, events: ['voc.created'] });
      const doomed = vocFor(`${X}-agent`, X);
      await push('agentX', [doomed]);
      const [settled] = await until('the delivery to die', async () => {
        const list = await deliveries('admin', dead.webhook.id);
        return list.length === 1 && list[0]!.status === 'dead' && list;
      });
      expect(settled).toMatchObject({ attempts: 5, lastStatus: 500, lastError: 'HTTP 500' });
      const sent = broken.received.length;
      expect(sent).toBe(5);
      // The fence that proves "left alone": a later record delivered to a healthy receiver by
      // the same worker, which would have retried the dead one first had it still been due.
      const healthy = await startReceiver(
        () => fenceHook.secret,
        () => 200,
      );
      receivers.push(healthy);
      const fenceHook = await register('admin', { url: healthy.url, events: ['voc.created'] });
      await push('agentX', [vocFor(`${X}-agent`, X)]);
      await until('the fence to be delivered', async () => healthy.received.length >= 1);
      // (The broken receiver is sent the fence record too: only the doomed one's attempts count.)
      const doomedAttempts = broken.received.filter(
        (r) => r.payload.data.record.id === doomed.id,
      ).length;
      expect(doomedAttempts).toBe(sent);
      await remove('admin', fenceHook.webhook.id);
      const deadOnly = await api(
        'admin',
        'GET',
        `/v1/webhooks/${dead.webhook.id}/deliveries?status=dead`,
      );
      expect(webhookDeliveryList.parse(deadOnly.json).deliveries).toHaveLength(1);

      // Removing a webhook cancels what is still pending for it.
      await remove('admin', dead.webhook.id);
    },
  );
});

describe('webhook retry delays', () => {
  it('double from the base up to the cap, jittered between half and all of it', () => {
    const at = (n: number, random: number) =>
      retryDelayMs(n, { retryBaseMs: 30_000, maxDelayMs: 6 * 3_600_000, random: () => random });
    expect([1, 2, 3, 4].map((n) => at(n, 1))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect([1, 2, 3, 4].map((n) => at(n, 0))).toEqual([15_000, 30_000, 60_000, 120_000]);
    expect(at(30, 1)).toBe(6 * 3_600_000);
    expect(at(30, 0)).toBe(3 * 3_600_000);
  });
});
