import { z } from 'zod';
import {
  createWebhookRequest,
  createWebhookResponse,
  webhookDeliveriesQuery,
  webhookDeliveryList,
  webhookList,
  type Webhook,
  type WebhookDelivery,
  type WebhookEvent,
} from '../../../src/shared/protocol/webhooks';
import { uuidV7 } from '../../../src/shared/uuid-v7';
import type { ServerStore } from '../db/connect';
import type { WebhookTable } from '../db/schema';
import { defineRoute, HttpError, type RouteSpec } from '../http/route';
import { generateWebhookSecret } from '../webhooks/webhook-signature';

/** A tenant may register a handful of receivers, not an unbounded fan-out. */
const MAX_WEBHOOKS_PER_TENANT = 10;

const params = z.object({ id: z.string().max(64) });

/** Webhook subscriptions of a retailer: only its admin registers, lists and removes them. */
export function webhookRoutes({ store }: { store: ServerStore }): RouteSpec[] {
  const { db } = store;
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
            .where('id', '=', hook.id)
            .execute();
          await trx
            .updateTable('webhook_deliveries')
            .set({ status: 'cancelled' })
            .where('webhook_id', '=', hook.id)
            .where('status', '=', 'pending')
            .execute();
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
    createdAt: row.created_at,
  };
}
