import type Sqlite from 'better-sqlite3';
import {
  METRIC_KINDS,
  type BulkAccessRule,
} from '../../../shared/access-audit/bulk-access-policies';
import type { DeskLock } from '../desk-lock';

/** The marker the server puts first in a policy alert that locks the desk. */
export const LOCK_NOTE_PREFIX = '[lock_desk]';

/** An access as the desk recorded it (what the policies count). */
export interface RecordedAccess {
  kind: string;
  agentId: string | null;
  customerId: string | null;
  detail: Record<string, string | number | boolean | null>;
  at: string;
}

export interface AccessWatch {
  /** Counts an access the desk just recorded, and locks if a `lock_desk` policy is passed. */
  recorded(access: RecordedAccess): void;
  /** The retailer evaluated a policy from the synced audit that locks this desk. */
  lockFromRetailer(): void;
  /** A supervisor took the policy's alert: the desk's customer data opens again. */
  release(): void;
}

/** One rule's sliding window: the accesses in it, and (for a sweep) how often each customer. */
interface RuleWindow {
  key: string;
  entries: { atMs: number; customers: string[] }[];
  head: number;
  customers: Map<string, number>;
}

/**
 * The desk's side of the bulk-access policies: each access is counted at once in the policy's
 * sliding window — in memory, no network, so it works offline and costs a screen pop or a
 * search next to nothing (bench/access-audit.bench.ts) — and a `lock_desk` policy passed locks
 * the desk's customer data. The windows start from the audit on disk (a restart forgets
 * nothing), the lock is kept on disk until a supervisor takes the policy's alert, and counting
 * starts again after an unlock (the supervisor has seen what came before). Notifications are the
 * retailer's: it evaluates the same rules from the synced rows (see access-audit-routes).
 */
export function createAccessWatch(options: {
  sqlite: Sqlite.Database;
  lock: DeskLock;
  rules(): readonly BulkAccessRule[];
  now?: () => number;
}): AccessWatch {
  const { sqlite, lock } = options;
  const now = options.now ?? Date.now;
  const rowsSince = sqlite.prepare(
    `select customer_id, detail, at from audit_log
     where agent_id = ? and kind = ? and at > ? order by at`,
  );
  const lastRelease = sqlite.prepare('select max(released_at) as at from access_policy_locks');
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
  let agent: string | null = null;
  const windows = new Map<string, RuleWindow>();

  const customersOf = (access: { customerId: string | null; detail: RecordedAccess['detail'] }) =>
    typeof access.detail.customerIds === 'string'
      ? access.detail.customerIds.split(',').filter(Boolean)
      : [];
  const counts = (rule: BulkAccessRule, access: Pick<RecordedAccess, 'kind' | 'detail'>) =>
    access.kind === METRIC_KINDS[rule.metric] &&
    !(rule.metric === 'opened_outside_call' && access.detail.duringCall === true);

  const add = (w: RuleWindow, atMs: number, customers: string[]) => {
    w.entries.push({ atMs, customers });
    for (const c of customers) w.customers.set(c, (w.customers.get(c) ?? 0) + 1);
  };
  const expire = (w: RuleWindow, sinceMs: number) => {
    while (w.head < w.entries.length && w.entries[w.head]!.atMs <= sinceMs) {
      for (const c of w.entries[w.head]!.customers) {
        const n = w.customers.get(c)! - 1;
        if (n === 0) w.customers.delete(c);
        else w.customers.set(c, n);
      }
      w.head++;
    }
    // Drop the expired part now and then, not on every access.
    if (w.head > 1024 && w.head * 2 > w.entries.length) {
      w.entries = w.entries.slice(w.head);
      w.head = 0;
    }
  };

  /** The rule's window, read from disk the first time (and after an unlock or a new agent). */
  const windowOf = (rule: BulkAccessRule, agentId: string, nowMs: number): RuleWindow => {
    const key = `${rule.policyId}:${rule.metric}:${rule.windowMinutes}`;
    let w = windows.get(key);
    if (w) return w;
    w = { key, entries: [], head: 0, customers: new Map() };
    const released = (lastRelease.get() as { at: string | null }).at;
    const windowStart = new Date(nowMs - rule.windowMinutes * 60_000).toISOString();
    const since = released && released > windowStart ? released : windowStart;
    const rows = rowsSince.all(agentId, METRIC_KINDS[rule.metric], since) as {
      customer_id: string | null;
      detail: string;
      at: string;
    }[];
    for (const row of rows) {
      const detail = JSON.parse(row.detail) as RecordedAccess['detail'];
      if (counts(rule, { kind: METRIC_KINDS[rule.metric], detail }))
        add(w, Date.parse(row.at), customersOf({ customerId: row.customer_id, detail }));
    }
    windows.set(key, w);
    return w;
  };

  // A desk locked by a policy before a restart stays locked.
  if ((open.get() as { n: number }).n > 0) lock.lockForPolicy();

  return {
    recorded(access) {
      if (!access.agentId) return;
      if (access.agentId !== agent) {
        agent = access.agentId;
        windows.clear();
      }
      const nowMs = now();
      const atMs = Date.parse(access.at);
      for (const rule of options.rules()) {
        if (rule.action !== 'lock_desk') continue;
        const fresh = !windows.has(`${rule.policyId}:${rule.metric}:${rule.windowMinutes}`);
        const w = windowOf(rule, agent, nowMs);
        // A window read from disk already holds this access (it was written first).
        if (!fresh && counts(rule, access)) add(w, atMs, customersOf(access));
        expire(w, nowMs - rule.windowMinutes * 60_000);
        const count = rule.metric === 'search_sweep' ? w.customers.size : w.entries.length - w.head;
        if (count <= rule.threshold) continue;
        const at = new Date(nowMs).toISOString();
        insert.run(rule.policyId, new Date(w.entries[w.head]!.atMs).toISOString(), count, at);
        lock.lockForPolicy();
      }
    },
    lockFromRetailer() {
      const at = new Date(now()).toISOString();
      insert.run('retailer', at, 0, at);
      lock.lockForPolicy();
    },
    release() {
      releaseAll.run(new Date(now()).toISOString());
      // Counting starts again from the unlock.
      windows.clear();
      lock.releasePolicy();
    },
  };
}
