import type Sqlite from 'better-sqlite3';
import type { RevokedLockDetail } from '../../../shared/desk-lock/desk-lock';
import { deskRevocationReason, type DeskRevocationReason } from '../../../shared/protocol/devices';
import { createLocalEraser, scrubDeletedBytes } from './local-erasure';
import type { DeskLock } from '../desk-lock';
import { syncStateStore } from '../sync';

/**
 * What a desk does when the retailer says it revoked it (`device_revoked`, on any request): the
 * customer screens lock at once; what the desk's outboxes hold goes to the retailer (it still
 * takes a revoked desk's records; the sync worker pushed the wrap-ups before it reported); the
 * sync stops; every customer row is erased from the file, its log and free pages; the device
 * grant is forgotten, so the cache key never unwraps again. Wrap-ups the retailer did not
 * receive are erased with the rest (counted, and the agent told): the desk cannot send them any
 * more, and with its key gone they could not be read after the next start either.
 */
export interface DeskRevocation {
  /** Runs once (with the retailer's why); later calls wait for the same run. */
  revoked(reason?: DeskRevocationReason): Promise<RevokedLockDetail>;
  /** What happened, if this desk was revoked (kept in the cache: a restart locks again). */
  detail(): RevokedLockDetail | null;
}

export interface DeskRevocationOptions {
  sqlite: Sqlite.Database;
  lock: DeskLock;
  /** Sends the audit, alert and agent-state outboxes (best effort, bounded by `flushWaitMs`). */
  flush(): Promise<void>;
  /** Stops the sync worker: nothing pulls again, and its connection lets go of the log. */
  stopSync(): Promise<void>;
  /**
   * Removes the device grant (the key cannot be unwrapped at the next start) and the desk's id
   * (the next start registers as a new desk).
   */
  forgetGrant(): void;
  /** A scrub a reader kept from finishing runs again soon. */
  scrubAgainSoon(): void;
  /** At most this long for the flush, so the erasure follows within seconds. */
  flushWaitMs?: number;
  now?: () => number;
}

export function createDeskRevocation(options: DeskRevocationOptions): DeskRevocation {
  const { sqlite, lock } = options;
  const now = options.now ?? Date.now;
  const state = syncStateStore(sqlite);
  const eraser = createLocalEraser(sqlite);
  const pendingWrapUps = sqlite.prepare(
    `select count(*) as n from outbox where state = 'pending' and kind = 'voc_record'`,
  );
  const kept = readDetail(state.get('device_revoked'));
  // Revoked in an earlier run (a desk started with its key given, as tests and benches do):
  // locked from the start.
  if (kept) lock.lockForRevocation(kept);
  let detail: RevokedLockDetail | null = kept;
  let running: Promise<RevokedLockDetail> | null = null;

  async function run(reason: DeskRevocationReason): Promise<RevokedLockDetail> {
    const revokedAt = new Date(now()).toISOString();
    lock.lockForRevocation({
      revokedAt,
      reason,
      erased: false,
      unsentWrapUps: (pendingWrapUps.get() as { n: number }).n,
    });
    await withinMs(
      options.flush().catch(() => undefined),
      options.flushWaitMs ?? 3_000,
    );
    await options.stopSync().catch(() => undefined);
    const erased = eraser.eraseForRevocation();
    const done: RevokedLockDetail = {
      revokedAt,
      reason,
      erased: true,
      unsentWrapUps: erased.unsentWrapUps,
    };
    state.set('device_revoked', JSON.stringify(done));
    if (!scrubDeletedBytes(sqlite).complete) options.scrubAgainSoon();
    options.forgetGrant();
    detail = done;
    lock.lockForRevocation(done);
    return done;
  }

  return {
    revoked: (reason = 'device_revoked') =>
      (running ??= detail ? Promise.resolve(detail) : run(reason)),
    detail: () => detail,
  };
}

function readDetail(json: string | null): RevokedLockDetail | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as Partial<RevokedLockDetail>;
    const reason = deskRevocationReason.safeParse(value.reason);
    return typeof value.revokedAt === 'string'
      ? {
          revokedAt: value.revokedAt,
          // Kept before the reason was (a desk revoked by an earlier Koe): the desk was removed.
          reason: reason.success ? reason.data : 'device_revoked',
          erased: true,
          unsentWrapUps: Number(value.unsentWrapUps) || 0,
        }
      : null;
  } catch {
    return null;
  }
}

/** Waits for `work`, but no longer than `ms`. */
function withinMs(work: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void work.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
