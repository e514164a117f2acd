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

export async function appendAudit(db: WriteDb, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      kind: entry.kind,
      agent_id: entry.agentId,
      customer_id: entry.customerId,
      call_id: entry.callId,
      detail: JSON.stringify(entry.detail),
      at: entry.at,
    })
    .execute();
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
