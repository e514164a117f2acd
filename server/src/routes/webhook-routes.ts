import { z } from 'zod';
import {
  createWebhookRequest,
  createWebhookResponse,
  rotateWebhookSecretResponse,
  updateWebhookRequest,
  updateWebhookResponse,
  webhookDeliveriesQuery,
  webhookDeliveryList,
  webhookList,
  type Webhook,
  type WebhookDelivery,
  type WebhookEvent,
} from '../../../src/shared/protocol/webhooks';
import { uuidV7 } from '../../../src/shared/uuid-v7';
import type { ServerStore } from '../db/connect';
import type { ServerDb, WebhookTable } from '../db/schema';
import { defineRoute, HttpError, type RouteSpec } from '../http/route';
import { generateWebhookSecret } from '../webhooks/webhook-signature';
import {
  checkWebhookTarget,
  WebhookTargetError,
  webhookTargetPolicy,
  type WebhookTargetPolicy,
} from '../webhooks/webhook-target';

/** A tenant may register a handful of receivers, not an unbounded fan-out. */
const MAX_WEBHOOKS_PER_TENANT = 10;

const params = z.object({ id: z.string().max(64) });

/**
 * A webhook switched off or removed sends nothing more: what was still waiting is cancelled, in
 * the transaction that switches it off (scoped to the tenant, as every query here).
 */
async function cancelPendingDeliveries(db: ServerDb, tenantId: string, webhookId: string) {
  await db
    .updateTable('webhook_deliveries')
    .set({ status: 'cancelled' })
    .where('tenant_id', '=', tenantId)
    .where('webhook_id', '=', webhookId)
    .where('status', '=', 'pending')
    .execute();
}

/** Webhook subscriptions of a retailer: only its admin registers, lists and removes them. */
export function webhookRoutes({
  store,
  webhookTargets,
}: {
  store: ServerStore;
  webhookTargets?: Partial<WebhookTargetPolicy>;
}): RouteSpec[] {
  const { db } = store;
  const targets = webhookTargetPolicy(webhookTargets);
  /** The SSRF guard at registration; the worker checks again at every delivery. */
  const checkTarget = async (url: string) => {
    try {
      await checkWebhookTarget(url, targets);
    } catch (error) {
      if (error instanceof WebhookTargetError) throw new HttpError(400, error.code, error.message);
      throw error;
    }
  };
  const find = async (tenantId: string, id: string) => {
    const row = await db
      .selectFrom('webhooks')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    // Another tenant's webhook is as unknown as a missing one.
    if (!row) throw new HttpError(404, 'not_found', `No webhook ${id}.`);
    return row;
  };
  const idOf = (request: { params: unknown }) => {
    const parsed = params.safeParse(request.params);
    if (!parsed.success) throw new HttpError(400, 'invalid_request', 'Bad webhook id.');
    return parsed.data.id;
  };

  return [
    defineRoute({
      method: 'POST',
      url: '/v1/webhooks',
      summary: 'Register a webhook for new VoC records (the signing secret is shown once)',
      roles: ['retailer_admin'],
      body: createWebhookRequest,
      response: createWebhookResponse,
      rateLimitPerMinute: 30,
      handler: async ({ principal, body }) => {
        await checkTarget(body.url);
        const count = await db
          .selectFrom('webhooks')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('tenant_id', '=', principal.tenantId)
          .where('deleted_at', 'is', null)
          .executeTakeFirstOrThrow();
        if (Number(count.n) >= MAX_WEBHOOKS_PER_TENANT) {
          throw new HttpError(
            409,
            'too_many_webhooks',
            `A retailer may register at most ${MAX_WEBHOOKS_PER_TENANT} webhooks.`,
          );
        }
        const row: WebhookTable = {
          id: uuidV7(),
          tenant_id: principal.tenantId,
          url: body.url,
          secret: body.secret ?? generateWebhookSecret(),
          events: JSON.stringify([...new Set(body.events)]),
          created_by: principal.userId,
          created_at: new Date().toISOString(),
          deleted_at: null,
          disabled_at: null,
        };
        await db.insertInto('webhooks').values(row).execute();
        return { webhook: toWebhook(row), secret: row.secret };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/webhooks',
      summary: 'List the webhooks',
      roles: ['retailer_admin'],
      response: webhookList,
      handler: async ({ principal }) => {
        const rows = await db
          .selectFrom('webhooks')
          .selectAll()
          .where('tenant_id', '=', principal.tenantId)
          .where('deleted_at', 'is', null)
          .orderBy('created_at')
          .orderBy('id')
          .execute();
        return { webhooks: rows.map(toWebhook) };
      },
    }),
    defineRoute({
      method: 'PATCH',
      url: '/v1/webhooks/:id',
      summary: 'Change a webhook: its URL, its events, or switch it off and on',
      roles: ['retailer_admin'],
      body: updateWebhookRequest,
      response: updateWebhookResponse,
      rateLimitPerMinute: 60,
      handler: async ({ principal, request, body }) => {
        const hook = await find(principal.tenantId, idOf(request));
        if (body.url !== undefined) await checkTarget(body.url);
        const now = new Date().toISOString();
        const disabledAt =
          body.enabled === undefined
            ? hook.disabled_at
            : body.enabled
              ? null
              : (hook.disabled_at ?? now);
        const updated: WebhookTable = {
          ...hook,
          url: body.url ?? hook.url,
          events: body.events ? JSON.stringify([...new Set(body.events)]) : hook.events,
          disabled_at: disabledAt,
        };
        await db.transaction().execute(async (trx) => {
          await trx
            .updateTable('webhooks')
            .set({ url: updated.url, events: updated.events, disabled_at: updated.disabled_at })
            .where('tenant_id', '=', principal.tenantId)
            .where('id', '=', hook.id)
            .execute();
          // Switched off: what was waiting is not sent later either (the admin turned it off
          // for a reason: a broken receiver, a leaked URL).
          if (hook.disabled_at === null && disabledAt !== null) {
            await cancelPendingDeliveries(trx, principal.tenantId, hook.id);
          }
        });
        return { webhook: toWebhook(updated) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/webhooks/:id/rotate-secret',
      summary: 'Replace the signing secret (the new one is shown once; the old stops at once)',
      roles: ['retailer_admin'],
      response: rotateWebhookSecretResponse,
      rateLimitPerMinute: 30,
      handler: async ({ principal, request }) => {
        const hook = await find(principal.tenantId, idOf(request));
        const secret = generateWebhookSecret();
        await db
          .updateTable('webhooks')
          .set({ secret })
          .where('tenant_id', '=', principal.tenantId)
          .where('id', '=', hook.id)
          .execute();
        return { webhook: toWebhook(hook), secret };
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/v1/webhooks/:id',
      summary: 'Remove a webhook (its pending deliveries are cancelled)',
      roles: ['retailer_admin'],
      response: z.object({ deleted: z.literal(true) }),
      handler: async ({ principal, request }) => {
        const hook = await find(principal.tenantId, idOf(request));
        const now = new Date().toISOString();
        await db.transaction().execute(async (trx) => {
          // Kept (deleted_at) so the delivery history stays readable; no longer sent to.
          await trx
            .updateTable('webhooks')
            .set({ deleted_at: now })
            .where('tenant_id', '=', principal.tenantId)
            .where('id', '=', hook.id)
            .execute();
          await cancelPendingDeliveries(trx, principal.tenantId, hook.id);
        });
        return { deleted: true as const };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/webhooks/:id/deliveries',
      summary: 'List recent deliveries of a webhook, newest first',
      roles: ['retailer_admin'],
      query: webhookDeliveriesQuery,
      response: webhookDeliveryList,
      handler: async ({ principal, request, query }) => {
        const hook = await find(principal.tenantId, idOf(request));
        const rows = await db
          .selectFrom('webhook_deliveries')
          .selectAll()
          .where('tenant_id', '=', principal.tenantId)
          .where('webhook_id', '=', hook.id)
          .$if(query.status !== undefined, (q) => q.where('status', '=', query.status!))
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(query.limit)
          .execute();
        return {
          deliveries: rows.map((r): WebhookDelivery => ({
            id: r.id,
            event: r.event as WebhookEvent,
            vocId: r.voc_id,
            status: r.status,
            attempts: Number(r.attempts),
            nextAttemptAt: r.next_attempt_at,
            lastStatus: r.last_status === null ? null : Number(r.last_status),
            lastError: r.last_error,
            createdAt: r.created_at,
            deliveredAt: r.delivered_at,
          })),
        };
      },
    }),
  ];
}

function toWebhook(row: WebhookTable): Webhook {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as WebhookEvent[],
    enabled: row.disabled_at === null,
    createdAt: row.created_at,
  };
}
