import type { Kysely, Transaction } from 'kysely';

export interface TenantTable {
  id: string;
  name: string;
  /** How many days of customer history a partner machine may keep. */
  retention_days: number;
  created_at: string;
}

export interface CenterTable {
  id: string;
  tenant_id: string;
  name: string;
  /** When its contract ended: its users can no longer sign in or sync. Null while active. */
  disabled_at?: string | null;
}

/** An API key of the operator who runs the server for several retailers (see operator-routes.ts). */
export interface OperatorKeyTable {
  id: string;
  name: string;
  /** SHA-256 of the key, hex: a leaked table gives no usable key. */
  key_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export type Role = 'agent' | 'trainer' | 'supervisor' | 'retailer_admin';

export interface UserTable {
  id: string;
  tenant_id: string;
  /** Null for retailer roles, which see every center of their tenant. */
  center_id: string | null;
  role: Role;
  email: string;
  display_name: string;
  password_hash: string;
  created_at: string;
  /** Set by the retailer admin (0401): no sign-in, no refresh, its access tokens refused. */
  disabled_at?: string | null;
  /** The name's kana reading, where the retailer gave one (0801). */
  name_kana?: string | null;
  /** The last successful sign-in (0801); null before the first one recorded. */
  last_sign_in_at?: string | null;
}

export interface RefreshTokenTable {
  /** SHA-256 of the token: a leaked table gives no usable token. */
  token_hash: string;
  user_id: string;
  /** Every rotation of one sign-in shares a family; reuse of a spent token revokes it. */
  family_id: string;
  expires_at: string;
  used_at: string | null;
  revoked: number;
}

export interface TenantSequenceTable {
  tenant_id: string;
  value: number;
}

/**
 * The retailer's current data with a per-tenant change sequence: a compacted change log. A
 * change (or a deletion, kept as a tombstone) takes the next sequence number, so "changes since
 * N" is one index range scan.
 */
export interface RecordTable {
  tenant_id: string;
  type: string;
  id: string;
  data: string;
  updated_at: string;
  seq: number;
  deleted: number;
}

export interface VocRecordTable {
  tenant_id: string;
  id: string;
  center_id: string;
  agent_id: string;
  /** SHA-256 of the canonical JSON: a replay with the same content is a duplicate, not a conflict. */
  content_hash: string;
  data: string;
  received_at: string;
}

export interface ServerSettingTable {
  key: string;
  value: string;
}

export interface WebhookTable {
  id: string;
  tenant_id: string;
  url: string;
  secret: string;
  /** JSON array of event names. */
  events: string;
  created_by: string;
  created_at: string;
  deleted_at: string | null;
  /** Switched off by the retailer admin (0006): no new deliveries; null when on. */
  disabled_at: string | null;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'dead' | 'cancelled';

export interface WebhookDeliveryTable {
  id: string;
  tenant_id: string;
  webhook_id: string;
  event: string;
  voc_id: string;
  payload: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  leased_by: string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface ScriptDraftTable {
  tenant_id: string;
  script_id: string;
  content: string;
  updated_by: string;
  updated_at: string;
}

/** A published studio version: inserted once, never updated. */
export interface ScriptPublicationTable {
  tenant_id: string;
  script_id: string;
  version: number;
  content: string;
  release_notes: string;
  published_by: string;
  published_by_name: string;
  published_at: string;
  rollback_of: number | null;
}

export interface AnswerDraftTable {
  tenant_id: string;
  answer_id: string;
  content: string;
  updated_by: string;
  updated_at: string;
}

/** A published approved-answer version: inserted once, never updated. */
export interface AnswerPublicationTable {
  tenant_id: string;
  answer_id: string;
  version: number;
  /** JSON array of center ids; empty: every center. */
  centers: string;
  release_notes: string;
  published_by: string;
  published_by_name: string;
  published_at: string;
  rollback_of: number | null;
}

/** One language of a published answer version. */
export interface AnswerPublicationTextTable {
  tenant_id: string;
  answer_id: string;
  version: number;
  language: string;
  title: string;
  body: string;
  /** JSON array of tags. */
  tags: string;
}

export interface AgentStateTable {
  tenant_id: string;
  agent_id: string;
  center_id: string;
  status: string;
  reason: string | null;
  since: string;
  /** The change that set it: a replay of an older change never moves it back. */
  change_id: string;
  /** 1 while the desk reported itself locked (migration 0701). */
  desk_locked: number;
}

export interface AgentStateChangeTable {
  tenant_id: string;
  id: string;
  agent_id: string;
  center_id: string;
  status: string;
  reason: string | null;
  at: string;
  received_at: string;
  desk_locked: number;
}

/** One stage of a floor alert's incident (append-only; see incidents.migration.ts). */
export interface IncidentEventTable {
  tenant_id: string;
  event_key: string;
  alert_id: string;
  stage: string;
  kind: string;
  agent_id: string;
  center_id: string;
  call_id: string | null;
  customer_id: string | null;
  protocol_stage: string | null;
  note: string;
  raised_at: string;
  actor_id: string | null;
  actor_name: string | null;
  at: string;
  /** A bulk-access alert's policy and count (JSON of `policyFiring`); null otherwise. */
  policy: string | null;
}

/** One access of the audit (append-only; see access-audit.migration.ts). */
export interface AccessAuditTable {
  tenant_id: string;
  id: string;
  kind: string;
  agent_id: string;
  center_id: string | null;
  customer_id: string | null;
  call_id: string | null;
  detail: string;
  content_hash: string;
  at: string;
  received_at: string;
}

/** A push that tried to change an audit row already recorded. */
export interface AccessAuditConflictTable {
  tenant_id: string;
  entry_id: string;
  agent_id: string;
  center_id: string | null;
  content_hash: string;
  at: string;
}

/** A bulk-access policy that fired, once per agent and window. */
export interface AccessPolicyFiringTable {
  tenant_id: string;
  firing_key: string;
  policy_id: string;
  agent_id: string;
  center_id: string | null;
  metric: string;
  action: string;
  count: number;
  threshold: number;
  at: string;
}

export interface ServerDatabase {
  tenants: TenantTable;
  centers: CenterTable;
  users: UserTable;
  operator_keys: OperatorKeyTable;
  refresh_tokens: RefreshTokenTable;
  tenant_sequences: TenantSequenceTable;
  records: RecordTable;
  voc_records: VocRecordTable;
  server_settings: ServerSettingTable;
  webhooks: WebhookTable;
  webhook_deliveries: WebhookDeliveryTable;
  script_drafts: ScriptDraftTable;
  script_publications: ScriptPublicationTable;
  answer_drafts: AnswerDraftTable;
  answer_publications: AnswerPublicationTable;
  answer_publication_texts: AnswerPublicationTextTable;
  agent_states: AgentStateTable;
  agent_state_changes: AgentStateChangeTable;
  incident_events: IncidentEventTable;
  access_audit: AccessAuditTable;
  access_audit_conflicts: AccessAuditConflictTable;
  access_policy_firings: AccessPolicyFiringTable;
  agent_presence: AgentPresenceTable;
}

/** When the server last heard from an agent's desk (migration 0701). */
export interface AgentPresenceTable {
  tenant_id: string;
  agent_id: string;
  center_id: string;
  seen_at: string;
  offline_announced_at: string | null;
}

export type ServerDb = Kysely<ServerDatabase> | Transaction<ServerDatabase>;
