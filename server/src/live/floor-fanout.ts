import type { Principal } from '../auth/access-tokens';
import { readAlerts } from '../data/incidents';
import type { ServerStore } from '../db/connect';
import type { FloorLiveEvent } from '../../../src/shared/protocol/supervisor-alerts';
import { readFloorAgents } from '../data/floor-presence';
import type { FloorChange, FloorNotifier } from './floor-notifier';

/**
 * This process's share of the floor's live events: on each notice (from any process) it reads
 * the change once and hands it to the event streams it holds, each seeing only its own scope —
 * a supervisor their center, a retailer admin the tenant, an agent their own alerts (to hear who
 * took them). Trainers see nothing of the floor.
 */
export interface FloorFanout {
  subscribe(principal: Principal, listener: (event: FloorLiveEvent) => void): () => void;
  close(): void;
}

export function createFloorFanout(
  store: ServerStore,
  notifier: FloorNotifier,
  /** How long a desk may be silent before it shows offline (floor-presence). */
  expiryMs: number,
  log: (message: string, error?: unknown) => void = (m, e) => console.error(m, e ?? ''),
): FloorFanout {
  const listeners = new Map<
    string,
    Set<{ principal: Principal; listener: (event: FloorLiveEvent) => void }>
  >();

  const unsubscribe = notifier.subscribe((tenantId, change) => {
    const here = listeners.get(tenantId);
    if (!here || here.size === 0) return;
    void read(tenantId, change)
      .then((event) => {
        if (!event) return;
        for (const { principal, listener } of [...here]) {
          if (sees(principal, event)) listener(event);
        }
      })
      .catch((error: unknown) => log('A floor event could not be read', error));
  });

  async function read(tenantId: string, change: FloorChange): Promise<FloorLiveEvent | null> {
    if (change.kind === 'alert') {
      const [alert] = await readAlerts(store.db, { tenantId }, { alertIds: [change.alertId] });
      return alert ? { type: 'alert', stage: change.stage as 'raised', alert } : null;
    }
    const [agent] = await readFloorAgents(
      store.db,
      { tenantId, agentId: change.agentId },
      Date.now(),
      expiryMs,
    );
    if (!agent) return null;
    return { type: 'agent_state', agent };
  }

  return {
    subscribe(principal, listener) {
      const entry = { principal, listener };
      const set = listeners.get(principal.tenantId) ?? new Set();
      set.add(entry);
      listeners.set(principal.tenantId, set);
      return () => {
        set.delete(entry);
        if (set.size === 0) listeners.delete(principal.tenantId);
      };
    },
    close: unsubscribe,
  };
}

/** Whether this reader may see this event. */
export function sees(principal: Principal, event: FloorLiveEvent): boolean {
  const centerId = event.type === 'alert' ? event.alert.centerId : event.agent.centerId;
  switch (principal.role) {
    case 'retailer_admin':
      return true;
    case 'supervisor':
      return principal.centerId === centerId;
    case 'agent':
      return event.type === 'alert' && event.alert.agentId === principal.userId;
    default:
      return false;
  }
}
