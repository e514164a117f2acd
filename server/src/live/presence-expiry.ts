import { expireSilentDesks } from '../data/floor-presence';
import type { ServerStore } from '../db/connect';
import type { FloorNotifier } from './floor-notifier';
import { everyInterval, quarterOf, type PeriodicRounds, type RoundLog } from './periodic-rounds';

/**
 * Every server process looks a few times per expiry for desks that went silent (their stream
 * dropped without a word, the computer slept, the network went) and tells the floor, once per
 * silence: the supervisors see the agent offline without anyone reloading.
 */
export function startPresenceExpiry(
  store: ServerStore,
  floor: FloorNotifier,
  expiryMs: number,
  log?: RoundLog,
): PeriodicRounds {
  const round = async () => {
    const now = Date.now();
    const gone = await expireSilentDesks(
      store.db,
      new Date(now - expiryMs).toISOString(),
      new Date(now).toISOString(),
    );
    for (const { tenantId, agentId } of gone)
      await floor.publish(tenantId, { kind: 'agent', agentId });
  };
  return everyInterval(quarterOf(expiryMs), round, 'Presence expiry round failed', log);
}
