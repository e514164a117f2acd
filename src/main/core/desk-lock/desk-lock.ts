import {
  wrongPinWaitMs,
  type DeskLockCause,
  type DeskLockState,
  type HeldLockCause,
  type OfflineLockDetail,
  type RevokedLockDetail,
} from '../../../shared/desk-lock/desk-lock';
import type { CallDesk } from '../calls';
import { AppError } from '../platform/errors';
import type { DeskPinStore } from './desk-pin';

export type DeskLockListener = (state: DeskLockState) => void;

/**
 * The desk lock, owned by the core: customer data stays behind it (the IPC guard refuses) until
 * the agent's PIN opens it. It locks after the retailer's idle time with no input and no call
 * (never mid-call), and when the OS locks or sleeps.
 */
export interface DeskLock {
  state(): DeskLockState;
  isLocked(): boolean;
  /** The agent used the desk (throttled by the renderer): the idle count restarts. */
  activity(): void;
  /** Locks if the idle time has passed; run by a timer, and by tests with their own clock. */
  check(): void;
  lockNow(cause: DeskLockCause): DeskLockState;
  /**
   * A bulk-access policy locks the desk's customer data, PIN or not; the PIN does not open it,
   * only `releasePolicy` (a supervisor took the policy's alert).
   */
  lockForPolicy(): DeskLockState;
  releasePolicy(): DeskLockState;
  /** Past the retailer's offline grace: locked, PIN or not, until the desk reaches it again. */
  lockForOffline(detail: OfflineLockDetail): DeskLockState;
  releaseOffline(): DeskLockState;
  /** The retailer revoked this desk: locked for good (this run; the key is gone for the next). */
  lockForRevocation(detail: RevokedLockDetail): DeskLockState;
  /** Which held causes (the PIN does not open them) are in force. */
  holds(cause: HeldLockCause): boolean;
  /** True when the offline grace's lock is the only one in force (wrap-ups still save then). */
  onlyOfflineLocked(): boolean;
  unlock(pin: string): Promise<DeskLockState & { unlocked: boolean }>;
  setPin(pin: string, currentPin: string | null): Promise<DeskLockState>;
  subscribe(listener: DeskLockListener): () => void;
  close(): void;
}

export function createDeskLock(options: {
  pins: DeskPinStore;
  desk: CallDesk;
  /** The retailer's idle time (read when checked: a synced policy change applies at once). */
  idleMinutes(): number;
  now?: () => number;
  /** How often the timer checks (0: no timer; tests call `check`). */
  checkEveryMs?: number;
}): DeskLock {
  const now = options.now ?? Date.now;
  const { pins, desk } = options;
  const listeners = new Set<DeskLockListener>();
  // Locked by the PIN's causes (idle, system, agent): the PIN opens these.
  let pinLocked = false;
  let pinCause: DeskLockCause | null = null;
  // Held causes: each is lifted by its own event (or never), the strongest is shown.
  const held = new Map<HeldLockCause, OfflineLockDetail | RevokedLockDetail | null>();
  const HELD_ORDER: readonly HeldLockCause[] = ['revoked', 'policy', 'offline'];
  const heldCause = () => HELD_ORDER.find((c) => held.has(c)) ?? null;
  const isLocked = () => pinLocked || held.size > 0;
  let lastActivity = now();
  let failures = 0;
  let retryAt: number | null = null;
  let pinSet = pins.isSet();

  const state = (): DeskLockState => ({
    locked: isLocked(),
    cause: heldCause() ?? pinCause,
    pinSet,
    ...(held.has('offline') ? { offline: held.get('offline') as OfflineLockDetail } : {}),
    ...(held.has('revoked') ? { revoked: held.get('revoked') as RevokedLockDetail } : {}),
    idleMinutes: options.idleMinutes(),
    retryAt: retryAt === null ? null : new Date(retryAt).toISOString(),
    call: lineOf(desk.current()?.state),
  });
  const emit = () => {
    const current = state();
    for (const listener of [...listeners]) listener(current);
  };

  function lock(why: DeskLockCause): DeskLockState {
    // Nothing could open a desk without a PIN: it locks once the agent has set one.
    // A policy's lock stays the policy's: an idle lock on top would let the PIN open it.
    if (!pinSet || isLocked()) return state();
    pinLocked = true;
    pinCause = why;
    emit();
    return state();
  }

  function hold(why: HeldLockCause, detail: OfflineLockDetail | RevokedLockDetail | null) {
    held.set(why, detail);
    emit();
    return state();
  }
  function release(why: HeldLockCause) {
    if (!held.delete(why)) return state();
    if (!isLocked()) lastActivity = now();
    emit();
    return state();
  }

  // A call is activity: the idle count starts again when it ends, and a ring behind the lock
  // is shown on the lock screen (without customer data).
  const unsubscribe = desk.subscribe(() => {
    lastActivity = now();
    if (isLocked()) emit();
  });
  const timer =
    options.checkEveryMs === 0
      ? null
      : setInterval(() => api.check(), options.checkEveryMs ?? 15_000);
  timer?.unref?.();

  const api: DeskLock = {
    state,
    isLocked,
    activity() {
      if (!isLocked()) lastActivity = now();
    },
    check() {
      if (isLocked() || desk.isCallActive()) return;
      if (now() - lastActivity >= options.idleMinutes() * 60_000) lock('idle');
    },
    lockNow: lock,
    lockForPolicy() {
      if (held.has('policy')) return state();
      return hold('policy', null);
    },
    releasePolicy: () => release('policy'),
    lockForOffline(detail) {
      const current = held.get('offline') as OfflineLockDetail | undefined;
      if (
        current?.lastContactAt === detail.lastContactAt &&
        current.graceHours === detail.graceHours
      )
        return state();
      return hold('offline', detail);
    },
    releaseOffline: () => release('offline'),
    lockForRevocation: (detail) => hold('revoked', detail),
    holds: (cause) => held.has(cause),
    onlyOfflineLocked: () => !pinLocked && held.size === 1 && held.has('offline'),
    async unlock(pin) {
      if (!isLocked()) return { ...state(), unlocked: true };
      if (held.size > 0) return { ...state(), unlocked: false };
      if (retryAt !== null && now() < retryAt) return { ...state(), unlocked: false };
      const right = await pins.verify(pin);
      if (!right) {
        failures++;
        const wait = wrongPinWaitMs(failures);
        retryAt = wait > 0 ? now() + wait : null;
        emit();
        return { ...state(), unlocked: false };
      }
      failures = 0;
      retryAt = null;
      pinLocked = false;
      pinCause = null;
      lastActivity = now();
      emit();
      return { ...state(), unlocked: true };
    },
    async setPin(pin, currentPin) {
      if (isLocked())
        throw new AppError('locked', 'Unlock the desk before changing its PIN.', 'unlock_first');
      if (pinSet && (currentPin === null || !(await pins.verify(currentPin)))) {
        throw new AppError('forbidden', 'The current desk PIN is not right.', 'pin_wrong');
      }
      await pins.set(pin);
      pinSet = true;
      emit();
      return state();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close() {
      unsubscribe();
      if (timer) clearInterval(timer);
    },
  };
  return api;
}

function lineOf(state: string | undefined): DeskLockState['call'] {
  if (state === 'ringing') return 'ringing';
  if (state === 'in_call') return 'on_call';
  return null;
}
