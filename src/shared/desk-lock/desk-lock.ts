import { z } from 'zod';

/** The desk PIN: digits only (typed fast on any keyboard), long enough not to be guessed. */
export const deskPin = z.string().regex(/^\d{6,12}$/, 'a desk PIN is 6 to 12 digits');

/**
 * Why the desk locked: no input for the retailer's idle time, the OS locked or slept, the agent,
 * or a bulk-access policy (only a supervisor opens that one; the PIN does not).
 */
export type DeskLockCause = 'idle' | 'system' | 'agent' | 'policy';

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
