import { expireSilentDesks } from '../data/floor-presence';
import type { ServerStore } from '../db/connect';
import type { FloorNotifier } from './floor-notifier';

/**
 * Every server process looks a few times per expiry for desks that went silent (their stream
 * dropped without a word, the computer slept, the network went) and tells the floor, once per
 * silence: the supervisors see the agent offline without anyone reloading.
 */
export function startPresenceExpiry(
  store: ServerStore,
  floor: FloorNotifier,
  expiryMs: number,
  log: (message: string, error?: unknown) => void = (m, e) => console.error(m, e ?? ''),
): { stop(): Promise<void> } {
  const everyMs = Math.max(20, Math.min(5_000, Math.round(expiryMs / 4)));
  let running: Promise<void> | null = null;
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
  const timer = setInterval(() => {
    if (running) return;
    running = round()
      .catch((error: unknown) => log('Presence expiry round failed', error))
      .finally(() => {
        running = null;
      });
  }, everyMs);
  timer.unref?.();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
