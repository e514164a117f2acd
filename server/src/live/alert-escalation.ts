import { escalateOverdue } from '../data/incidents';
import type { ServerStore } from '../db/connect';
import type { FloorNotifier } from './floor-notifier';
import { everyInterval, quarterOf, type PeriodicRounds, type RoundLog } from './periodic-rounds';

/** How long an alert waits for a supervisor before it escalates to the retailer admin. */
export const DEFAULT_ALERT_ESCALATION_MS = 60_000;

export function alertEscalationMs(configured?: number): number {
  const value =
    configured ?? Number(process.env.KOE_ALERT_ESCALATION_MS ?? DEFAULT_ALERT_ESCALATION_MS);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`KOE_ALERT_ESCALATION_MS must be a positive number of milliseconds: ${value}`);
  return value;
}

/**
 * Every server process looks for overdue alerts a few times per escalation period; the incident
 * key lets exactly one of them record each escalation (and announce it), whichever comes first.
 * Checking every quarter of the period (at most every 5 s) escalates at most that late.
 */
export function startAlertEscalation(
  store: ServerStore,
  floor: FloorNotifier,
  afterMs: number,
  log?: RoundLog,
): PeriodicRounds {
  const round = async () => {
    const escalated = await escalateOverdue(store.db, afterMs, Date.now());
    for (const { tenantId, alertId } of escalated)
      await floor.publish(tenantId, { kind: 'alert', alertId, stage: 'escalated' });
  };
  return everyInterval(quarterOf(afterMs), round, 'Alert escalation round failed', log);
}
