import type Sqlite from 'better-sqlite3';
import type { AccessPush, AccessPushResponse } from '../../../shared/protocol/access-audit';
import { createOutboxDrain } from '../sync';
import { sendBatches } from '../retailer-client';

/** Sends audit rows to the retailer; throws when it cannot (offline, signed out, refused). */
export type SendAccesses = (entries: AccessPush[]) => Promise<AccessPushResponse['results']>;

export interface AuditOutbox {
  /** Sends the signed-in agent's rows the retailer does not have yet; resolves with how many. */
  flush(): Promise<number>;
  /**
   * An access was recorded: send within a moment, with whatever else is recorded meanwhile (one
   * request and one write for a burst of searches, not one each).
   */
  soon(): void;
  /** Rows still waiting (for the sync status and tests). */
  waiting(): number;
}

/** An `audit_log` row selected under the push's field names; only `detail` is still JSON. */
type AuditRow = Omit<AccessPush, 'detail'> & { detail: string };
const BATCH = 500;
const SOON_MS = 200;

/**
 * The desk's audit on its way to the retailer: the `audit_log` row is the outbox entry (written
 * before the access is answered, so an offline or crashed desk loses none), sent in order, and
 * marked once the retailer took it. Only the signed-in agent's rows leave under their token: rows
 * of another agent who used this desk wait for that agent. A failed send waits for the next
 * trigger (the next access, a finished pull, the live stream reconnecting).
 */
export function createAuditOutbox(options: {
  sqlite: Sqlite.Database;
  send: SendAccesses;
  agentId(): string | null;
  log?: (message: string, error?: unknown) => void;
}): AuditOutbox {
  const { sqlite, send } = options;
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  const pending = sqlite.prepare(
    `select id, kind, customer_id as customerId, call_id as callId, detail, at from audit_log
     where pushed = 0 and agent_id = ? order by seq limit ${BATCH}`,
  );
  const count = sqlite.prepare('select count(*) as n from audit_log where pushed = 0');
  const mark = sqlite.prepare('update audit_log set pushed = ? where id = ?');
  // A failed send waits for the next trigger (an access, a pull, the stream), not a timer.
  const outbox = createOutboxDrain({ drain, failure: 'Sending the audit failed', log });

  function drain(): Promise<number> {
    return sendBatches<AuditRow>({
      next: () => {
        const agentId = options.agentId();
        return agentId ? (pending.all(agentId) as AuditRow[]) : [];
      },
      async send(rows) {
        const results = await send(rows.map(pushOf));
        const status = new Map(results.map((r) => [r.id, r.status]));
        sqlite.transaction(() => {
          for (const row of rows) {
            const s = status.get(row.id);
            // A conflict: the retailer holds another content under this id; it keeps its own.
            if (s) mark.run(s === 'conflict' ? 2 : 1, row.id);
          }
        })();
      },
      // The rows are kept, marked refused, never resent.
      refused(rows, error) {
        log(`The retailer refused audit rows: ${error.message}`);
        sqlite.transaction(() => {
          for (const row of rows) mark.run(2, row.id);
        })();
      },
      failed: (_rows, error) => log('Sending the audit failed (kept; sent on the next try)', error),
    });
  }

  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    flush: outbox.flush,
    soon() {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void outbox.flush();
      }, SOON_MS);
      timer.unref?.();
    },
    waiting: () => (count.get() as { n: number }).n,
  };
}

function pushOf(row: AuditRow): AccessPush {
  return { ...row, detail: JSON.parse(row.detail) as AccessPush['detail'] };
}
