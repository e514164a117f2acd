import type Sqlite from 'better-sqlite3';
import {
  countFor,
  METRIC_KINDS,
  windowSince,
  type BulkAccessRule,
} from '../../../shared/access-audit/bulk-access-policies';
import type { DeskLock } from '../desk-lock/desk-lock';

/** The marker the server puts first in a policy alert that locks the desk. */
export const LOCK_NOTE_PREFIX = '[lock_desk]';

export interface AccessWatch {
  /** Evaluates the desk's `lock_desk` policies now (after each recorded access). */
  check(): void;
  /** The retailer evaluated a policy from the synced audit that locks this desk. */
  lockFromRetailer(): void;
  /** A supervisor took the policy's alert: the desk's customer data opens again. */
  release(): void;
  close(): void;
}

/**
 * The desk's side of the bulk-access policies: after each access it counts the agent's rows of
 * the policy's window in the local audit — no network, so it works offline — and locks the
 * desk's customer data when a `lock_desk` policy goes past its threshold. The lock is kept on
 * disk (a restart does not open the desk) until a supervisor takes the policy's alert. Counting
 * starts again after an unlock: the supervisor has seen what came before. Notifications are the
 * retailer's (they are evaluated there from the same rows once synced; see access-audit-routes).
 */
export function createAccessWatch(options: {
  sqlite: Sqlite.Database;
  lock: DeskLock;
  rules(): readonly BulkAccessRule[];
  agentId(): string | null;
  now?: () => number;
}): AccessWatch {
  const { sqlite, lock } = options;
  const now = options.now ?? Date.now;
  const rowsSince = sqlite.prepare(
    `select kind, customer_id, detail from audit_log
     where agent_id = ? and kind = ? and at > ? and at <= ?`,
  );
  const lastRelease = sqlite.prepare(
    'select max(released_at) as at from access_policy_locks where policy_id = ?',
  );
  const open = sqlite.prepare(
    'select count(*) as n from access_policy_locks where released_at is null',
  );
  const insert = sqlite.prepare(
    `insert or ignore into access_policy_locks (policy_id, window_start, count, locked_at)
     values (?, ?, ?, ?)`,
  );
  const releaseAll = sqlite.prepare(
    'update access_policy_locks set released_at = ? where released_at is null',
  );
  const isOpen = () => (open.get() as { n: number }).n > 0;

  // A desk locked by a policy before a restart stays locked.
  if (isOpen()) lock.lockForPolicy();

  return {
    check() {
      const agentId = options.agentId();
      if (!agentId) return;
      const at = new Date(now()).toISOString();
      for (const rule of options.rules()) {
        if (rule.action !== 'lock_desk') continue;
        const released = (lastRelease.get(rule.policyId) as { at: string | null }).at;
        const windowStart = windowSince(at, rule.windowMinutes);
        const since = released && released > windowStart ? released : windowStart;
        const rows = rowsSince.all(agentId, METRIC_KINDS[rule.metric], since, at) as {
          kind: string;
          customer_id: string | null;
          detail: string;
        }[];
        const count = countFor(
          rule.metric,
          rows.map((r) => {
            const detail = JSON.parse(r.detail) as Record<string, unknown>;
            return {
              kind: r.kind,
              customerId: r.customer_id,
              duringCall: detail.duringCall === true,
              customerIds: typeof detail.customerIds === 'string' ? detail.customerIds : null,
            };
          }),
        );
        if (count <= rule.threshold) continue;
        insert.run(rule.policyId, since, count, at);
        lock.lockForPolicy();
        return;
      }
    },
    lockFromRetailer() {
      insert.run('retailer', new Date(now()).toISOString(), 0, new Date(now()).toISOString());
      lock.lockForPolicy();
    },
    release() {
      releaseAll.run(new Date(now()).toISOString());
      lock.releasePolicy();
    },
    close() {},
  };
}
