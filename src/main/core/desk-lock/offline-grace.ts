import { pastOfflineGrace } from '../../../shared/desk-lock/desk-lock';
import type { DeskLock } from './desk-lock';

/**
 * The retailer's offline grace: a desk that has not reached the retailer for longer locks its
 * customer data (wrap-ups still save; the outbox keeps them) until a pull succeeds again. The
 * last contact is the cache's own (`last_synced_at`), so a restart while offline stays locked.
 */
export interface OfflineGrace {
  /** Locks or releases against the last contact now (after every sync status, and on a timer). */
  check(): void;
  close(): void;
}

export function watchOfflineGrace(options: {
  lock: DeskLock;
  lastContactAt(): string | null;
  graceHours(): number;
  now?: () => number;
  /** 0: no timer (tests call `check`). */
  checkEveryMs?: number;
}): OfflineGrace {
  const now = options.now ?? Date.now;
  const check = () => {
    const lastContactAt = options.lastContactAt();
    const graceHours = options.graceHours();
    if (lastContactAt !== null && pastOfflineGrace(lastContactAt, graceHours, now())) {
      options.lock.lockForOffline({ lastContactAt, graceHours });
    } else {
      options.lock.releaseOffline();
    }
  };
  check();
  const timer =
    options.checkEveryMs === 0 ? null : setInterval(check, options.checkEveryMs ?? 60_000);
  timer?.unref?.();
  return {
    check,
    close: () => {
      if (timer) clearInterval(timer);
    },
  };
}
