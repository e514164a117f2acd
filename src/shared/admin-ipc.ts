import { z } from 'zod';
import {
  bulkAccessPolicySave,
  type BulkAccessPolicyView,
} from './access-audit/bulk-access-policies';
import type { LockedAccount, UserAccess, UserDisabled, UserSummary } from './protocol/accounts';
import type { DeviceSummary } from './protocol/devices';
import {
  riskThresholdsUpdate,
  type CLAIM_RISK_FEATURES,
  type RETURN_ABUSE_FEATURES,
  type RiskThresholds,
} from './protocol/risk-thresholds';
import { channel } from './ipc-channel';

/** One point of a fitted score's precision/recall curve on held-out settled cases. */
export interface RiskCurvePoint {
  threshold: number;
  /** Held-out cases at or above the threshold, and of those the share confirmed (null: none). */
  flagged: number;
  precision: number | null;
  recall: number;
}

/** A risk score fitted on the desk's settled cases (guidance/risk-fit.ts). */
export interface RiskSignalFit<F extends string = string> {
  trainCases: number;
  testCases: number;
  testPositives: number;
  /** Held-out AUC of the fitted weights, and of the hand-set score on the same cases. */
  auc: number | null;
  aucHandSet: number | null;
  weights: { bias: number; weights: Record<F, number> };
  curve: RiskCurvePoint[];
}

export interface RiskFit {
  fittedAt: string;
  /** Null: too few settled cases (or none confirmed) to fit. */
  claim: RiskSignalFit<(typeof CLAIM_RISK_FEATURES)[number]> | null;
  returns: RiskSignalFit<(typeof RETURN_ABUSE_FEATURES)[number]> | null;
}
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
/** The roles that see the admin view (the server checks again). */
export const ADMIN_ROLES = ['retailer_admin', 'supervisor'] as const;

/**
 * What a supervisor may do in the admin view: their own center's desks and agents (the server
 * scopes both to the center). Every other channel is the retailer admin's alone.
 */
export const SUPERVISOR_ADMIN_CHANNELS: readonly string[] = [
  'admin:devices',
  'admin:revokeDevice',
  'admin:users',
  'admin:disableUser',
  'admin:enableUser',
];

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
  /** Fit the risk scores on this desk's settled cases: weights, held-out AUC and the curve. */
  'admin:fitRisk': channel<RiskFit>()(z.object({}).strict()),
  /** Desktop updates: each center's channel, rollout and minimum; releases; who runs what. */
  'admin:deskUpdates': channel<DeskUpdatesOverview>()(z.object({}).strict()),
  'admin:saveCenterUpdates': channel<CenterUpdateSettings>()(
    z.object({ centerId: z.string().min(1).max(64), settings: centerUpdateSettings }).strict(),
  ),
  /** Halts a release on every platform (offered to nobody) or resumes it. */
  'admin:haltRelease': channel<{ releases: Release[] }>()(releaseHalt.strict()),
  /** The desks registered with the retailer (who used each last, its version, last contact). */
  'admin:devices': channel<{ devices: DeviceSummary[] }>()(z.object({}).strict()),
  /**
   * Revokes a desk: at its next contact it sends its outbox, erases its customer data and can
   * never open its key again. Not undone from here.
   */
  'admin:revokeDevice': channel<DeviceSummary>()(
    z.object({ deskId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'not a desk id') }).strict(),
  ),
  /** Accounts locked after too many wrong passwords, with when each lock ends; and unlocking. */
  'admin:lockedAccounts': channel<{ accounts: LockedAccount[] }>()(z.object({}).strict()),
  'admin:unlockAccount': channel<{ userId: string; unlocked: boolean }>()(
    z.object({ userId: z.string().min(1).max(200) }).strict(),
  ),
  /** The users (a supervisor: their center's agents), with status and last sign-in. */
  'admin:users': channel<{ users: UserSummary[] }>()(z.object({}).strict()),
  /**
   * Disables a user: no sign-in, and the desks they last signed in at push their outboxes and
   * erase their customer data at their next contact. Enabling lets them sign in again.
   */
  'admin:disableUser': channel<UserDisabled>()(
    z.object({ userId: z.string().min(1).max(200) }).strict(),
  ),
  'admin:enableUser': channel<UserAccess>()(
    z.object({ userId: z.string().min(1).max(200) }).strict(),
  ),
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
