import type { Generated } from 'kysely';

export type AuditKind = 'pii_revealed' | 'pii_reveal_refused' | 'supervisor_alerted';

export interface AuditLogTable {
  seq: Generated<number>;
  kind: AuditKind;
  agent_id: string | null;
  customer_id: string | null;
  call_id: string | null;
  /** JSON: what was revealed, the harassment stage, ... */
  detail: string;
  at: string;
}
