import { randomUUID } from 'node:crypto';
import {
  WEBHOOK_DELIVERY_HEADER,
  WEBHOOK_EVENT_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
} from '../../../src/shared/protocol/webhooks';
import type { ServerStore } from '../db/connect';
import { claimDueDeliveries, settleDelivery, type ClaimedDelivery } from './webhook-queue';
import { postWebhook } from './webhook-post';
import { webhookSignatureHeader } from './webhook-signature';
import { webhookTargetPolicy, type WebhookTargetPolicy } from './webhook-target';

export interface WebhookDeliveryOptions {
  /** How often an idle worker looks for due deliveries (another process may have queued them). */
  pollMs: number;
  /** The first retry waits about this long; each further one doubles it, up to `maxDelayMs`. */
  retryBaseMs: number;
  maxDelayMs: number;
  /** After this many failed attempts a delivery is dead (kept, listed, never sent again). */
  maxAttempts: number;
  /** How long a claim holds a row; longer than a batch of attempts can take. */
  leaseMs: number;
  /** Deliveries claimed (and sent concurrently) at a time. */
  batchSize: number;
  timeoutMs: number;
  now(): number;
  random(): number;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookDeliveryOptions = {
  pollMs: 1_000,
  // 30 s, 1 min, 2 min … 6 h: ten attempts span about 9 hours, time for a receiver's fix.
  retryBaseMs: 30_000,
  maxDelayMs: 6 * 3_600_000,
  maxAttempts: 10,
  leaseMs: 120_000,
  batchSize: 16,
  timeoutMs: 10_000,
  now: Date.now,
  random: Math.random,
};

export interface WebhookWorker {
  /** Runs one claim-and-send round now; resolves with how many deliveries it attempted. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Exponential backoff with "equal jitter": between half and all of base·2^(n-1), so receivers
 * that failed together (an outage) are not all retried in the same instant.
 */
export function retryDelayMs(
  failedAttempts: number,
  options: Pick<WebhookDeliveryOptions, 'retryBaseMs' | 'maxDelayMs' | 'random'>,
): number {
  const ceiling = Math.min(
    options.maxDelayMs,
    options.retryBaseMs * 2 ** Math.max(0, failedAttempts - 1),
  );
  return Math.round(ceiling / 2 + options.random() * (ceiling / 2));
}

/**
 * The delivery loop that runs inside every server process. Rows are claimed with a lease, so
 * several processes over one database share the queue without sending a delivery twice (except
 * after a crash mid-attempt: delivery is at least once, the receiver dedups by Koe-Delivery).
 */
export function startWebhookWorker(
  store: ServerStore,
  overrides: Partial<WebhookDeliveryOptions> = {},
  targets: WebhookTargetPolicy = webhookTargetPolicy(),
): WebhookWorker {
  const options = { ...DEFAULT_WEBHOOK_OPTIONS, ...overrides };
  const workerId = randomUUID();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let current: Promise<number> | null = null;

  async function attempt(delivery: ClaimedDelivery): Promise<void> {
    const hook = await store.db
      .selectFrom('webhooks')
      .select(['url', 'secret', 'deleted_at', 'disabled_at'])
      .where('id', '=', delivery.webhookId)
      .executeTakeFirst();
    if (!hook || hook.deleted_at !== null || hook.disabled_at !== null) {
      await settleDelivery(store.db, workerId, delivery, { kind: 'cancelled' });
      return;
    }
    let status: number | null = null;
    let error = '';
    try {
      // The SSRF guard runs again here, on the address the socket connects to: a name that
      // resolved to a public address at registration may point inside the network now. A refusal
      // is a failed attempt like any other (retried, then dead), with the reason listed.
      status = await postWebhook(
        hook.url,
        {
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Koe-Webhooks/1',
            [WEBHOOK_SIGNATURE_HEADER]: webhookSignatureHeader(
              hook.secret,
              delivery.payload,
              options.now(),
            ),
            [WEBHOOK_DELIVERY_HEADER]: delivery.id,
            [WEBHOOK_EVENT_HEADER]: delivery.event,
          },
          body: delivery.payload,
          timeoutMs: options.timeoutMs,
        },
        targets,
      );
      if (status >= 200 && status < 300) {
        await settleDelivery(store.db, workerId, delivery, {
          kind: 'delivered',
          status,
          at: new Date(options.now()),
        });
        return;
      }
      error = `HTTP ${status}`;
    } catch (e) {
      error = (e as Error).message || String(e);
    }
    const failed = delivery.attempts + 1;
    if (failed >= options.maxAttempts) {
      await settleDelivery(store.db, workerId, delivery, { kind: 'dead', status, error });
    } else {
      await settleDelivery(store.db, workerId, delivery, {
        kind: 'retry',
        status,
        error,
        nextAttemptAt: new Date(options.now() + retryDelayMs(failed, options)),
      });
    }
  }

  async function round(): Promise<number> {
    const claimed = await claimDueDeliveries(
      store.db,
      store.dialect,
      workerId,
      new Date(options.now()),
      options.leaseMs,
      options.batchSize,
    );
    await Promise.all(claimed.map(attempt));
    return claimed.length;
  }

  function schedule(ms: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      current = round()
        .catch((e: unknown) => {
          // A database hiccup: the rows stay pending and are claimed again next round.
          console.error('[koe] webhook delivery round failed:', e);
          return 0;
        })
        .finally(() => (current = null));
      void current.then((n) => schedule(n === options.batchSize ? 0 : options.pollMs));
    }, ms);
    timer.unref?.();
  }
  schedule(options.pollMs);

  return {
    async runOnce() {
      while (current) await current;
      return round();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      while (current) await current;
    },
  };
}
