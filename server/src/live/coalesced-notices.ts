import type { ChangeNotifier } from './change-notifier';

/** What a process's event streams hear of a tenant's change: the newest cursor and a spread. */
export interface ChangeNotice {
  cursor: number;
  /**
   * Over how many milliseconds the desks told should spread their pulls (each waits a random
   * part of it): the more desks this process holds, the longer, so their pulls arrive at a rate
   * the process can serve rather than all at once.
   */
  spreadMs: number;
}

export interface CoalescedNoticeOptions {
  /** At most one notice per tenant this often, at the least (env KOE_CHANGE_NOTICE_MS). */
  minIntervalMs: number;
  /** The pulls a second this process asks its desks to keep to (env KOE_NOTICE_PULLS_PER_S). */
  pullsPerSecond: number;
  /** The longest a notice waits and a desk spreads its pull over, whatever the desks held. */
  maxIntervalMs: number;
}

export const defaultCoalescedNoticeOptions: CoalescedNoticeOptions = {
  minIntervalMs: Number(process.env.KOE_CHANGE_NOTICE_MS ?? 1_000),
  pullsPerSecond: Number(process.env.KOE_NOTICE_PULLS_PER_S ?? 200),
  maxIntervalMs: 15_000,
};

export interface CoalescedNotices {
  subscribe(tenantId: string, listener: (notice: ChangeNotice) => void): () => void;
  close(): void;
}

/**
 * A tenant's change notices, coalesced per process: its event streams hear a new cursor at
 * most once per interval. Every data batch used to be announced to every desk at once, and
 * every desk pulled: at 2,000 desks the pulls filled both processes' event loops and the
 * batches and VoC pushes waited behind them (server/README.md, load test). Now the first change
 * after a quiet interval is announced at once; changes during the interval wait for its end and
 * go out as one notice with the newest cursor (the trailing notice), so no desk misses a change.
 *
 * The interval and the spread grow with the streams this process holds for the tenant, so that
 * `streams / interval` stays at `pullsPerSecond` (1,000 desks at 200/s: one notice every 5 s,
 * the pulls spread over those 5 s); a handful of desks hear every change within `minIntervalMs`.
 */
export function coalescedNotices(
  notifier: ChangeNotifier,
  options: Partial<CoalescedNoticeOptions> = {},
): CoalescedNotices {
  const { minIntervalMs, pullsPerSecond, maxIntervalMs } = {
    ...defaultCoalescedNoticeOptions,
    ...options,
  };
  interface TenantNotices {
    listeners: Set<(notice: ChangeNotice) => void>;
    unsubscribe: () => void;
    /** The newest cursor heard, and whether a notice heard is not yet announced. */
    latest: number;
    /**
     * A notice may repeat the cursor announced before: a change that moves no sequence (the
     * retention window) still has the desks pull, for the page's `purgeBefore`.
     */
    pending: boolean;
    /** When the last notice went out (0: never). */
    lastAt: number;
    trailing: ReturnType<typeof setTimeout> | null;
  }
  const tenants = new Map<string, TenantNotices>();

  const spreadOf = (t: TenantNotices) =>
    Math.min(maxIntervalMs, Math.ceil((t.listeners.size / pullsPerSecond) * 1000));
  const intervalOf = (t: TenantNotices) => Math.max(minIntervalMs, spreadOf(t));

  const announce = (t: TenantNotices) => {
    t.trailing = null;
    if (!t.pending) return;
    t.pending = false;
    t.lastAt = Date.now();
    const notice = { cursor: t.latest, spreadMs: spreadOf(t) };
    for (const listener of [...t.listeners]) listener(notice);
  };

  const heard = (t: TenantNotices, cursor: number) => {
    t.latest = Math.max(t.latest, cursor);
    t.pending = true;
    if (t.trailing) return;
    const wait = t.lastAt + intervalOf(t) - Date.now();
    if (wait <= 0) announce(t);
    else t.trailing = setTimeout(() => announce(t), wait);
  };

  return {
    subscribe(tenantId, listener) {
      let t = tenants.get(tenantId);
      if (!t) {
        const created: TenantNotices = {
          listeners: new Set(),
          unsubscribe: () => {},
          latest: 0,
          pending: false,
          lastAt: 0,
          trailing: null,
        };
        created.unsubscribe = notifier.subscribe(tenantId, (cursor) => heard(created, cursor));
        tenants.set(tenantId, created);
        t = created;
      }
      const tenant = t;
      // A listener of its own per stream, even if one stream subscribes the same function twice.
      const own = (notice: ChangeNotice) => listener(notice);
      tenant.listeners.add(own);
      return () => {
        tenant.listeners.delete(own);
        if (tenant.listeners.size > 0 || tenants.get(tenantId) !== tenant) return;
        tenant.unsubscribe();
        if (tenant.trailing) clearTimeout(tenant.trailing);
        tenants.delete(tenantId);
      };
    },
    close() {
      for (const t of tenants.values()) {
        t.unsubscribe();
        if (t.trailing) clearTimeout(t.trailing);
      }
      tenants.clear();
    },
  };
}
