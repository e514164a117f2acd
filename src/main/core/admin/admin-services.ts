import {
  SUPERVISOR_ADMIN_CHANNELS,
  webhookRefusal,
  type adminIpcHandlers,
} from '../../../shared/admin-ipc';
import type { RiskFit, WebhookSaveResult } from '../../../shared/admin-ipc';
import type { RiskThresholds } from '../../../shared/protocol/risk-thresholds';
import type { SignedInAgent } from '../../../shared/ipc';
import { AppError } from '../platform/errors';
import type { ServicesOf } from '../platform/router';
import { RetailerRefusal } from '../retailer-client';
import type { AdminClient } from './admin-client';

export type AdminServices = ServicesOf<typeof adminIpcHandlers>;

/**
 * A URL the retailer refused (not https, a private address, too many webhooks) is an answer the
 * form shows next to the field, not a failure: it comes back as `saved: false` with its reason.
 */
async function saving(run: () => Promise<WebhookSaveResult>): Promise<WebhookSaveResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RetailerRefusal) {
      const refusal = webhookRefusal.safeParse(
        error.serverCode === 'invalid_request' ? 'invalid_url' : error.serverCode,
      );
      if (refusal.success) return { saved: false, refusal: refusal.data, message: error.message };
    }
    throw error;
  }
}

/**
 * The admin channels: refused here for every role but the retailer admin, and for a supervisor
 * all but their center's desks and agents (the server refuses and scopes them too), otherwise
 * forwarded to the retailer. Nothing is cached on the desktop: secrets and delivery logs stay
 * on the retailer's server.
 */
export function createAdminServices(deps: {
  client: AdminClient | null;
  agent: () => SignedInAgent | null;
  /**
   * Fits the risk scores on the cache with the retailer's current thresholds (risk-fit.ts), on
   * the prediction worker's thread.
   */
  fitRisk?: (thresholds: RiskThresholds) => Promise<RiskFit>;
}): AdminServices {
  const client = (channel?: keyof AdminServices): AdminClient => {
    const role = deps.agent()?.role;
    const allowed =
      role === 'retailer_admin' ||
      (role === 'supervisor' &&
        channel !== undefined &&
        SUPERVISOR_ADMIN_CHANNELS.includes(channel));
    if (!allowed) {
      throw new AppError(
        'forbidden',
        'Only retailer admins manage webhooks, thresholds and updates; supervisors their center’s desks and agents.',
      );
    }
    if (!deps.client)
      throw new AppError('unavailable', 'No retailer is configured.', 'no_retailer');
    return deps.client;
  };
  return {
    'admin:webhooks': async () => ({ webhooks: await client().webhooks() }),
    'admin:createWebhook': (request) =>
      saving(async () => ({ saved: true, ...(await client().createWebhook(request)) })),
    'admin:updateWebhook': ({ id, change }) =>
      saving(async () => ({
        saved: true,
        webhook: await client().updateWebhook(id, change),
        secret: null,
      })),
    'admin:rotateWebhookSecret': ({ id }) => client().rotateSecret(id),
    'admin:deleteWebhook': async ({ id }) => {
      await client().deleteWebhook(id);
      return { deleted: true as const };
    },
    'admin:webhookDeliveries': async ({ id, status, limit }) => ({
      deliveries: await client().deliveries(id, { status, limit }),
    }),
    'admin:riskThresholds': () => client().riskThresholds(),
    'admin:saveRiskThresholds': (update) => client().saveRiskThresholds(update),
    'admin:fitRisk': async () => {
      const thresholds = await client().riskThresholds();
      if (!deps.fitRisk) throw new AppError('unavailable', 'This desk has no cache to fit on.');
      return deps.fitRisk(thresholds);
    },
    'admin:deskUpdates': () => client().deskUpdates(),
    'admin:saveCenterUpdates': ({ centerId, settings }) =>
      client().saveCenterUpdates(centerId, settings),
    'admin:haltRelease': async (halt) => ({ releases: await client().haltRelease(halt) }),
    'admin:devices': async () => ({ devices: await client('admin:devices').devices() }),
    'admin:revokeDevice': ({ deskId }) => client('admin:revokeDevice').revokeDevice(deskId),
    'admin:users': async () => ({ users: await client('admin:users').users() }),
    'admin:disableUser': ({ userId }) => client('admin:disableUser').disableUser(userId),
    'admin:enableUser': ({ userId }) => client('admin:enableUser').enableUser(userId),
    'admin:lockedAccounts': async () => ({ accounts: await client().lockedAccounts() }),
    'admin:unlockAccount': ({ userId }) => client().unlockAccount(userId),
    'admin:bulkAccessPolicies': async () => ({
      policies: await client().bulkAccessPolicies(),
    }),
    'admin:saveBulkAccessPolicy': (save) => client().saveBulkAccessPolicy(save),
  };
}
