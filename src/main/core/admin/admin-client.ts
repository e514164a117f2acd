import { z } from 'zod';
import {
  riskThresholds,
  type RiskThresholds,
  type RiskThresholdsUpdate,
} from '../../../shared/protocol/risk-thresholds';
import {
  createWebhookResponse,
  rotateWebhookSecretResponse,
  updateWebhookResponse,
  webhookDeliveryList,
  webhookList,
  type CreateWebhookRequest,
  type RotateWebhookSecretResponse,
  type UpdateWebhookRequest,
  type Webhook,
  type WebhookDelivery,
} from '../../../shared/protocol/webhooks';
import {
  centerUpdateSettings,
  centerUpdateSettingsList,
  deskVersions,
  release,
  type CenterUpdateSettings,
  type Release,
} from '../../../shared/protocol/update-feed';
import type { DeskUpdatesOverview } from '../../../shared/admin-ipc';
import { deviceList, deviceSummary, type DeviceSummary } from '../../../shared/protocol/devices';
import {
  lockedAccountList,
  unlockResult,
  userAccess,
  userDisabled,
  userList,
  type LockedAccount,
  type UserAccess,
  type UserDisabled,
  type UserSummary,
} from '../../../shared/protocol/accounts';
import {
  bulkAccessPolicyList,
  bulkAccessPolicyView,
  type BulkAccessPolicySave,
  type BulkAccessPolicyView,
} from '../../../shared/access-audit/bulk-access-policies';
import {
  createAuthorizedRequest,
  queryString,
  type AuthorizedFetchOptions,
} from '../retailer-client';

/**
 * The retailer API's admin endpoints (webhooks, risk thresholds, desktop updates), with the
 * signed-in session.
 */
export interface AdminClient {
  webhooks(): Promise<Webhook[]>;
  createWebhook(request: CreateWebhookRequest): Promise<{ webhook: Webhook; secret: string }>;
  updateWebhook(id: string, change: UpdateWebhookRequest): Promise<Webhook>;
  rotateSecret(id: string): Promise<RotateWebhookSecretResponse>;
  deleteWebhook(id: string): Promise<void>;
  deliveries(
    id: string,
    query: { status?: string | undefined; limit: number },
  ): Promise<WebhookDelivery[]>;
  riskThresholds(): Promise<RiskThresholds>;
  saveRiskThresholds(update: RiskThresholdsUpdate): Promise<RiskThresholds>;
  deskUpdates(): Promise<DeskUpdatesOverview>;
  saveCenterUpdates(
    centerId: string,
    settings: CenterUpdateSettings,
  ): Promise<CenterUpdateSettings>;
  haltRelease(halt: { channel: string; version: string; halted: boolean }): Promise<Release[]>;
  devices(): Promise<DeviceSummary[]>;
  revokeDevice(deskId: string): Promise<DeviceSummary>;
  lockedAccounts(): Promise<LockedAccount[]>;
  unlockAccount(userId: string): Promise<{ userId: string; unlocked: boolean }>;
  users(): Promise<UserSummary[]>;
  disableUser(userId: string): Promise<UserDisabled>;
  enableUser(userId: string): Promise<UserAccess>;
  bulkAccessPolicies(): Promise<BulkAccessPolicyView[]>;
  saveBulkAccessPolicy(save: BulkAccessPolicySave): Promise<BulkAccessPolicyView>;
}

const releaseList = z.object({ releases: z.array(release) });

export type AdminClientOptions = Omit<AuthorizedFetchOptions, 'timeoutMs'>;

export function createAdminClient(options: AdminClientOptions): AdminClient {
  const request = createAuthorizedRequest({ ...options, timeoutMs: 15_000 });
  const hook = (id: string) => `/v1/webhooks/${encodeURIComponent(id)}`;
  return {
    webhooks: async () => (await request('GET', '/v1/webhooks', webhookList)).webhooks,
    createWebhook: (body) => request('POST', '/v1/webhooks', createWebhookResponse, body),
    updateWebhook: async (id, change) =>
      (await request('PATCH', hook(id), updateWebhookResponse, change)).webhook,
    rotateSecret: (id) => request('POST', `${hook(id)}/rotate-secret`, rotateWebhookSecretResponse),
    deleteWebhook: async (id) => {
      await request('DELETE', hook(id), z.object({ deleted: z.literal(true) }));
    },
    deliveries: async (id, { status, limit }) =>
      (
        await request(
          'GET',
          `${hook(id)}/deliveries${queryString({ status, limit: String(limit) })}`,
          webhookDeliveryList,
        )
      ).deliveries,
    riskThresholds: () => request('GET', '/v1/admin/risk-thresholds', riskThresholds),
    saveRiskThresholds: (update) =>
      request('PUT', '/v1/admin/risk-thresholds', riskThresholds, update),
    deskUpdates: async () => {
      const [centers, releases, desks] = await Promise.all([
        request('GET', '/v1/admin/updates/centers', centerUpdateSettingsList),
        request('GET', '/v1/admin/updates/releases', releaseList),
        request('GET', '/v1/updates/desks', deskVersions),
      ]);
      return { centers: centers.centers, releases: releases.releases, desks: desks.desks };
    },
    saveCenterUpdates: (centerId, settings) =>
      request(
        'PUT',
        `/v1/admin/updates/centers/${encodeURIComponent(centerId)}`,
        centerUpdateSettings,
        settings,
      ),
    haltRelease: async (halt) =>
      (await request('PUT', '/v1/admin/updates/halt', releaseList, halt)).releases,
    devices: async () => (await request('GET', '/v1/devices', deviceList)).devices,
    revokeDevice: (deskId) =>
      request('POST', `/v1/devices/${encodeURIComponent(deskId)}/revoke`, deviceSummary, {}),
    lockedAccounts: async () =>
      (await request('GET', '/v1/admin/accounts/locked', lockedAccountList)).accounts,
    unlockAccount: (userId) =>
      request('POST', `/v1/admin/accounts/${encodeURIComponent(userId)}/unlock`, unlockResult),
    users: async () => (await request('GET', '/v1/admin/users', userList)).users,
    disableUser: (userId) =>
      request('POST', `/v1/admin/users/${encodeURIComponent(userId)}/disable`, userDisabled, {}),
    enableUser: (userId) =>
      request('POST', `/v1/admin/users/${encodeURIComponent(userId)}/enable`, userAccess, {}),
    bulkAccessPolicies: async () =>
      (await request('GET', '/v1/admin/bulk-access-policies', bulkAccessPolicyList)).policies,
    saveBulkAccessPolicy: (save) =>
      request('POST', '/v1/admin/bulk-access-policies', bulkAccessPolicyView, save),
  };
}
