import type { ServerDb } from '../db/schema';
import { HttpError } from '../http/route';

/**
 * Whether a center's contract has ended, asked for every request a center's user makes: a token
 * issued before the center was disabled stops working too. Answers are kept for `ttlMs` per
 * center (a process learns of a disabling made elsewhere, by the command or another process,
 * within that time; the process that disables forgets at once).
 */
export interface CenterStatus {
  /** Throws 403 `center_disabled` when the user's center is disabled (retailer roles have none). */
  refuseDisabled(centerId: string | null): Promise<void>;
  forget(centerId: string): void;
}

export const CENTER_DISABLED_MESSAGE =
  "This center's contract with the retailer has ended: its accounts can no longer sign in or sync.";

export function centerStatus(db: ServerDb, ttlMs = 10_000): CenterStatus {
  const cache = new Map<string, { disabled: boolean; until: number }>();
  return {
    async refuseDisabled(centerId) {
      if (centerId === null) return;
      const now = Date.now();
      let known = cache.get(centerId);
      if (!known || known.until <= now) {
        const row = await db
          .selectFrom('centers')
          .select('disabled_at')
          .where('id', '=', centerId)
          .executeTakeFirst();
        if (cache.size > 10_000) cache.clear();
        known = { disabled: row?.disabled_at != null, until: now + ttlMs };
        cache.set(centerId, known);
      }
      if (known.disabled) throw new HttpError(403, 'center_disabled', CENTER_DISABLED_MESSAGE);
    },
    forget(centerId) {
      cache.delete(centerId);
    },
  };
}

/** The same check, uncached, where a session starts (sign-in is rare; it must be exact). */
export async function refuseIfCenterDisabled(db: ServerDb, centerId: string | null): Promise<void> {
  if (centerId === null) return;
  const row = await db
    .selectFrom('centers')
    .select('disabled_at')
    .where('id', '=', centerId)
    .executeTakeFirst();
  if (row?.disabled_at != null)
    throw new HttpError(403, 'center_disabled', CENTER_DISABLED_MESSAGE);
}
