import type Sqlite from 'better-sqlite3';
import { uuidV7 } from '../../../shared/uuid-v7';
import type { ReadDb, WriteDb } from '../platform/database';
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

/** Rows per INSERT statement: 7 parameters a row stays far under SQLite's bound (32,766). */
const ROWS_PER_STATEMENT = 500;

/**
 * The same write as `appendAudit` for a batch of accesses: one prepared multi-row INSERT per
 * batch (a statement cached per batch size), run in the caller's transaction. The audit is on
 * the path of every search and pop by hand; the query builder's per-call work was most of its
 * cost (bench/access-audit.bench.ts). Answers the rows' ids, in order.
 */
export function createAuditWriter(
  sqlite: Sqlite.Database,
): (entries: readonly AuditEntry[]) => string[] {
  const statements = new Map<number, Sqlite.Statement>();
  const statementFor = (rows: number) => {
    let statement = statements.get(rows);
    if (!statement) {
      statement = sqlite.prepare(
        `insert into audit_log (id, kind, agent_id, customer_id, call_id, detail, at) values ${Array(
          rows,
        )
          .fill('(?, ?, ?, ?, ?, ?, ?)')
          .join(', ')}`,
      );
      statements.set(rows, statement);
    }
    return statement;
  };
  return (entries) => {
    const ids: string[] = [];
    for (let start = 0; start < entries.length; start += ROWS_PER_STATEMENT) {
      const chunk = entries.slice(start, start + ROWS_PER_STATEMENT);
      const values: (string | null)[] = [];
      for (const entry of chunk) {
        const id = uuidV7((lastIdMs = Math.max(Date.now(), lastIdMs + 1)));
        ids.push(id);
        values.push(
          id,
          entry.kind,
          entry.agentId,
          entry.customerId,
          entry.callId,
          JSON.stringify(entry.detail),
          entry.at,
        );
      }
      statementFor(chunk.length).run(values);
    }
    return ids;
  };
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
