import { formatPhone } from '../../../shared/phone';
import type { TodayCall } from '../../../shared/ipc';

/** What "my calls today" shows of each call. Pure, so it is unit-tested. */
export type TodayCallStatus = 'pending' | 'delivered' | 'refused' | 'missed' | 'wrapUp' | 'onCall';

/** A saved call says where its wrap-up is: not yet sent, sent, or refused by the retailer. */
export function todayCallStatus(call: TodayCall): TodayCallStatus {
  if (call.wrapUp) return call.wrapUp.delivery.state;
  switch (call.state) {
    case 'missed':
      return 'missed';
    case 'ringing':
    case 'in_call':
      return 'onCall';
    default:
      // `wrap_up`, or `done` before the list caught up with the save.
      return 'wrapUp';
  }
}

/** The agent may still correct the saved wrap-up (the core enforces the window anyway). */
export function isEditable(call: TodayCall, nowMs: number): boolean {
  if (!call.wrapUp) return false;
  // A refused record stays correctable past the window (the core allows it too).
  if (call.wrapUp.delivery.state === 'refused') return true;
  const until = Date.parse(call.wrapUp.editableUntil);
  return Number.isFinite(until) && until > nowMs;
}

/** The caller's number as people write it in their region; null when withheld or unreadable. */
export function callerNumber(call: Pick<TodayCall, 'ani' | 'e164'>): string | null {
  if (call.e164) return formatPhone(call.e164);
  const ani = call.ani.trim();
  return /\d/.test(ani) ? ani : null;
}

/** Newest first: the call just finished is the one the agent looks for. */
export function newestFirst(calls: readonly TodayCall[]): TodayCall[] {
  return [...calls].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
}

/** The soonest moment a visible Edit button must disappear (to re-render then), or null. */
export function nextEditDeadline(calls: readonly TodayCall[], nowMs: number): number | null {
  let next: number | null = null;
  for (const call of calls) {
    const until = call.wrapUp ? Date.parse(call.wrapUp.editableUntil) : NaN;
    if (Number.isFinite(until) && until > nowMs && (next === null || until < next)) next = until;
  }
  return next;
}
