import { uuidV7 } from '../../../../shared/uuid-v7';
import type { ReadDb, WriteDb } from '../database';
import type { AuditKind } from './audit.table';

export interface AuditEntry {
  kind: AuditKind;
  agentId: string | null;
  customerId: string | null;
  callId: string | null;
  detail: Record<string, string | number | boolean | null>;
  at: string;
}

let lastIdMs = 0;

/**
 * Records an access on the desk. The row is also the audit outbox's entry: it leaves for the
 * retailer with its id (see access-audit/audit-outbox.ts), and the desk's bulk-access policies
 * count it. Answers the row's id.
 */
export async function appendAudit(db: WriteDb, entry: AuditEntry): Promise<string> {
  const id = uuidV7((lastIdMs = Math.max(Date.now(), lastIdMs + 1)));
  await db
    .insertInto('audit_log')
    .values({
      id,
      kind: entry.kind,
      agent_id: entry.agentId,
      customer_id: entry.customerId,
      call_id: entry.callId,
      detail: JSON.stringify(entry.detail),
      at: entry.at,
    })
    .execute();
  return id;
}

/** The newest entries first (for the supervisor's review and for tests). */
export async function readAudit(db: ReadDb, limit = 100): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    agentId: r.agent_id,
    customerId: r.customer_id,
    callId: r.call_id,
    detail: JSON.parse(r.detail) as AuditEntry['detail'],
    at: r.at,
  }));
}
