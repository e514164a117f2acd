import type { Generated } from 'kysely';

/** What the desk records; every kind is pushed to the retailer's access audit. */
export type AuditKind =
  'pii_revealed' | 'pii_reveal_refused' | 'supervisor_alerted' | 'customer_opened' | 'search';

export interface AuditLogTable {
  seq: Generated<number>;
  kind: AuditKind;
  agent_id: string | null;
  customer_id: string | null;
  call_id: string | null;
  /** JSON: what was revealed, the harassment stage, ... */
  detail: string;
  at: string;
  /** UUIDv7 made when recorded: the retailer's key for the row (null only before migration). */
  id: string | null;
  /** 0 waiting for the retailer, 1 taken, 2 refused for good (kept). */
  pushed: Generated<number>;
}
