import { z } from 'zod';
import type { DeskRevocationReason } from '../protocol/devices';

/** The desk PIN: digits only (typed fast on any keyboard), long enough not to be guessed. */
export const deskPin = z.string().regex(/^\d{6,12}$/, 'a desk PIN is 6 to 12 digits');

/**
 * Why the desk locked: no input for the retailer's idle time, the OS locked or slept, the agent,
 * or a bulk-access policy (only a supervisor opens that one; the PIN does not); `offline`: the
 * desk has not reached the retailer for longer than its offline grace (it opens again when it
 * does); `revoked`: the retailer removed this desk and its customer data was erased (nothing
 * opens it).
 */
export type DeskLockCause = 'idle' | 'system' | 'agent' | 'policy' | 'offline' | 'revoked';

/** The causes the PIN does not open: each is lifted by its own event, or never. */
export type HeldLockCause = 'revoked' | 'policy' | 'offline';

/** The desk's last contact with the retailer and its grace, while locked for being offline. */
export interface OfflineLockDetail {
  lastContactAt: string;
  graceHours: number;
}

/** What the desk did when the retailer revoked it, for the lock screen to say. */
export interface RevokedLockDetail {
  revokedAt: string;
  /** Why: the desk removed, its center's contract ended, or its user disabled. */
  reason: DeskRevocationReason;
  /** Customer data erased from the files (false while the erasure is still running). */
  erased: boolean;
  /** Wrap-ups the retailer had not received: erased with the rest, since the desk cannot send them. */
  unsentWrapUps: number;
}

export interface DeskLockState {
  locked: boolean;
  cause: DeskLockCause | null;
  /** False until the agent sets a desk PIN; the desk cannot lock before (nothing would open it). */
  pinSet: boolean;
  /** The retailer's idle time, in minutes. */
  idleMinutes: number;
  /** After wrong PINs, no attempt is taken before this time. */
  retryAt: string | null;
  /** A call behind the lock, ringing or on the line (shown without customer data); null when none. */
  call: 'ringing' | 'on_call' | null;
  /** Set while locked for being offline past the grace. */
  offline?: OfflineLockDetail;
  /** Set once the retailer revoked this desk. */
  revoked?: RevokedLockDetail;
}

/** The offline grace when the retailer sets none: a working day and a half. */
export const DEFAULT_OFFLINE_GRACE_HOURS = 12;

/**
 * The offline grace from the retailer's `data_protection` policy (`offlineGraceHours`), within
 * 1 hour to 30 days; the default when absent or not a number.
 */
export function offlineGraceHoursFrom(
  policies: readonly { kind: string; active: boolean; params: Record<string, unknown> }[],
): number {
  const policy = policies.find((p) => p.kind === 'data_protection' && p.active);
  const value = policy?.params.offlineGraceHours;
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_OFFLINE_GRACE_HOURS;
  return Math.min(720, Math.max(1, value));
}

/** Whether a desk last in contact at `lastContactAt` is past its grace at `nowMs`. */
export function pastOfflineGrace(
  lastContactAt: string | null,
  graceHours: number,
  nowMs: number,
): boolean {
  // A desk that never reached the retailer holds no customer data to lock.
  if (lastContactAt === null) return false;
  const at = Date.parse(lastContactAt);
  return Number.isFinite(at) && nowMs - at > graceHours * 3_600_000;
}

export const DEFAULT_IDLE_MINUTES = 10;
/** Wrong PINs allowed before the wait starts, and the longest wait. */
export const FREE_PIN_ATTEMPTS = 3;
const FIRST_WAIT_MS = 30_000;
const MAX_WAIT_MS = 15 * 60_000;

/**
 * How long to wait after `failures` wrong PINs in a row: none for the first few (typos), then
 * 30 s doubling to 15 min, so a 6-digit PIN cannot be walked through at a desk left alone.
 */
export function wrongPinWaitMs(failures: number): number {
  if (failures < FREE_PIN_ATTEMPTS) return 0;
  return Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_PIN_ATTEMPTS));
}

/**
 * The idle time from the retailer's `desk_lock` policy (`idleMinutes`), within 1 minute to
 * 8 hours; the default when the policy is absent, inactive or holds something else.
 */
export function idleMinutesFrom(
  policies: readonly { kind: string; active: boolean; params: Record<string, unknown> }[],
): number {
  const policy = policies.find((p) => p.kind === 'desk_lock' && p.active);
  const value = policy?.params.idleMinutes;
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_IDLE_MINUTES;
  return Math.min(480, Math.max(1, Math.round(value)));
}
