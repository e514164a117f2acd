import { z } from 'zod';
import {
  bulkAccessPolicySave,
  type BulkAccessPolicyView,
} from './access-audit/bulk-access-policies';
import { riskThresholdsUpdate, type RiskThresholds } from './protocol/risk-thresholds';
import {
  centerUpdateSettings,
  releaseHalt,
  type CenterUpdateSettings,
  type Release,
} from './protocol/update-feed';
import {
  createWebhookRequest,
  updateWebhookRequest,
  webhookDeliveryStatus,
  type RotateWebhookSecretResponse,
  type Webhook,
  type WebhookDelivery,
} from './protocol/webhooks';

/**
 * The retailer admin view's part of the IPC contract (spread into `ipcHandlers` in ipc.ts):
 * webhooks and risk thresholds. The core forwards each call to the retailer's API with the
 * signed-in session; the server checks the role and the webhook URL (its SSRF guard) again.
 */
function channel<Output>() {
  return <Input extends z.ZodType>(input: Input) => ({
    input,
    output: undefined as unknown as Output,
  });
}

/** The roles that see the admin view (the server checks again). */
export const ADMIN_ROLES = ['retailer_admin'] as const;

/** Why the retailer would not take a webhook URL: an expected answer, shown in the form. */
export const webhookRefusal = z.enum([
  'webhook_url_not_https',
  'webhook_url_forbidden_address',
  'webhook_url_unresolvable',
  'too_many_webhooks',
  'invalid_url',
]);
export type WebhookRefusal = z.infer<typeof webhookRefusal>;

/** A webhook saved (with its secret, shown once, when it was just created), or refused. */
export type WebhookSaveResult =
  | { saved: true; webhook: Webhook; secret: string | null }
  | { saved: false; refusal: WebhookRefusal; message: string };

const webhookId = z.string().min(1).max(64);

export const adminIpcHandlers = {
  'admin:webhooks': channel<{ webhooks: Webhook[] }>()(z.object({}).strict()),
  'admin:createWebhook': channel<WebhookSaveResult>()(
    createWebhookRequest.omit({ secret: true }).strict(),
  ),
  'admin:updateWebhook': channel<WebhookSaveResult>()(
    z.object({ id: webhookId, change: updateWebhookRequest }).strict(),
  ),
  'admin:rotateWebhookSecret': channel<RotateWebhookSecretResponse>()(
    z.object({ id: webhookId }).strict(),
  ),
  'admin:deleteWebhook': channel<{ deleted: true }>()(z.object({ id: webhookId }).strict()),
  'admin:webhookDeliveries': channel<{ deliveries: WebhookDelivery[] }>()(
    z
      .object({
        id: webhookId,
        status: webhookDeliveryStatus.optional(),
        limit: z.number().int().min(1).max(100).default(20),
      })
      .strict(),
  ),
  'admin:riskThresholds': channel<RiskThresholds>()(z.object({}).strict()),
  'admin:saveRiskThresholds': channel<RiskThresholds>()(riskThresholdsUpdate),
  /** Desktop updates: each center's channel, rollout and minimum; releases; who runs what. */
  'admin:deskUpdates': channel<DeskUpdatesOverview>()(z.object({}).strict()),
  'admin:saveCenterUpdates': channel<CenterUpdateSettings>()(
    z.object({ centerId: z.string().min(1).max(64), settings: centerUpdateSettings }).strict(),
  ),
  /** Halts a release on every platform (offered to nobody) or resumes it. */
  'admin:haltRelease': channel<{ releases: Release[] }>()(releaseHalt.strict()),
  /** Bulk-access policies: listed (on and off), created, changed or switched off. */
  'admin:bulkAccessPolicies': channel<{ policies: BulkAccessPolicyView[] }>()(
    z.object({}).strict(),
  ),
  'admin:saveBulkAccessPolicy': channel<BulkAccessPolicyView>()(bulkAccessPolicySave),
};

/** What the admin's updates tab shows, read from the retailer in one go. */
export interface DeskUpdatesOverview {
  centers: (CenterUpdateSettings & { centerId: string; centerName: string })[];
  releases: Release[];
  desks: DeskVersion[];
}

export interface DeskVersion {
  deskId: string;
  centerId: string | null;
  userId: string;
  version: string;
  reportedAt: string;
}
