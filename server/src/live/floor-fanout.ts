import type { Principal } from '../auth/access-tokens';
import { readAlerts } from '../data/incidents';
import type { ServerStore } from '../db/connect';
import type { FloorLiveEvent, FloorAgent } from '../../../src/shared/protocol/supervisor-alerts';
import type { FloorChange, FloorNotifier } from './floor-notifier';
import type { UpdateFeedTables } from '../routes/update-feed-routes';

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
    const row = await store.db
      .selectFrom('agent_states as s')
      .leftJoin('users as u', (j) =>
        j.onRef('u.id', '=', 's.agent_id').onRef('u.tenant_id', '=', 's.tenant_id'),
      )
      .select(['s.agent_id', 's.center_id', 's.status', 's.reason', 's.since', 'u.display_name'])
      .where('s.tenant_id', '=', tenantId)
      .where('s.agent_id', '=', change.agentId)
      .executeTakeFirst();
    if (!row) return null;
    const desk = await store.db
      .withTables<UpdateFeedTables>()
      .selectFrom('update_desks')
      .select('version')
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', change.agentId)
      .orderBy('reported_at', 'desc')
      .executeTakeFirst();
    const agent: FloorAgent = {
      agentId: row.agent_id,
      agentName: row.display_name ?? row.agent_id,
      centerId: row.center_id,
      status: row.status as FloorAgent['status'],
      reason: row.reason as FloorAgent['reason'],
      since: row.since,
      version: desk?.version ?? null,
    };
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
