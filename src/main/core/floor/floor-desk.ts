import type Sqlite from 'better-sqlite3';
import { FLOOR_ROLES, type floorIpcHandlers } from '../../../shared/floor-ipc';
import type { SignedInAgent } from '../../../shared/ipc';
import {
  acknowledgeResponse,
  alertPushResponse,
  floorAlertList,
  floorLiveEvent,
  floorSummary,
} from '../../../shared/protocol/supervisor-alerts';
import { accessList } from '../../../shared/protocol/access-audit';
import { AppError } from '../platform/errors';
import type { EventBus } from '../platform/event-bus';
import type { ServicesOf } from '../platform/router';
import { queryString, type AuthorizedRequest } from '../retailer-client';
import { createAlertOutbox, type AlertOutbox } from './alert-outbox';

export type FloorServices = ServicesOf<typeof floorIpcHandlers>;

export interface FloorDesk {
  /** The alerts this desk raised (harassment, a raised hand), on their way and back. */
  alerts: AlertOutbox;
  services: FloorServices;
  /** An `event: floor` message from the live stream (validated here). */
  onStreamEvent(event: unknown): void;
  /** The live stream (re)connected: what was said meanwhile was said to no one, so ask. */
  onStreamConnected(): Promise<void>;
  close(): void;
}

/**
 * The floor on this desk: for an agent, the alerts they raise and the answers (taken by whom,
 * escalated) heard on the live stream; for a supervisor or retailer admin, the floor's live
 * events passed to the screen, a notification for each new or escalated alert, and the floor's
 * reads and acknowledgments forwarded to the retailer (`request` null: no retailer).
 */
export function createFloorDesk(deps: {
  sqlite: Sqlite.Database;
  events: EventBus;
  request: AuthorizedRequest | null;
  agent(): SignedInAgent | null;
  /** A bulk-access policy's alert about this desk's agent (raised, taken): see access-watch. */
  onOwnPolicyAlert?: (event: { stage: string; note: string }) => void;
  now?: () => number;
  log?: (message: string, error?: unknown) => void;
}): FloorDesk {
  const log = deps.log ?? ((message, error) => console.error(message, error ?? ''));
  const retailer = (): AuthorizedRequest => {
    if (!deps.request) throw new AppError('unavailable', 'No retailer is configured.');
    return deps.request;
  };
  const alerts = createAlertOutbox({
    sqlite: deps.sqlite,
    send: async (batch) =>
      (await retailer()('POST', '/v1/floor/alerts', alertPushResponse, { alerts: batch })).results,
    ...(deps.now ? { now: deps.now } : {}),
    log,
  });
  const offChanged = alerts.onChanged((list) =>
    deps.events.emit('alerts:changed', { alerts: list }),
  );
  const watchesFloor = () => {
    const role = deps.agent()?.role;
    return role !== undefined && (FLOOR_ROLES as readonly string[]).includes(role);
  };
  const supervisor = (): AuthorizedRequest => {
    if (!watchesFloor())
      throw new AppError('forbidden', 'Only supervisors and retailer admins see the floor.');
    return retailer();
  };

  return {
    alerts,
    services: {
      'alerts:raiseHand': ({ callId, customerId, note }) =>
        alerts.raise({ kind: 'help', callId, customerId, protocolStage: null, note }),
      'alerts:mine': () => ({ alerts: alerts.list() }),
      'floor:summary': ({ centerId }) =>
        supervisor()('GET', `/v1/floor/summary${queryString({ centerId })}`, floorSummary),
      'floor:alerts': () => supervisor()('GET', '/v1/floor/alerts', floorAlertList),
      'audit:list': (filters) =>
        supervisor()(
          'GET',
          `/v1/audit/accesses${queryString({ ...filters, limit: '200' })}`,
          accessList,
        ),
      'floor:acknowledge': ({ alertId }) =>
        supervisor()('POST', '/v1/floor/alerts/acknowledge', acknowledgeResponse, { alertId }),
    },
    onStreamEvent(raw) {
      const parsed = floorLiveEvent.safeParse(raw);
      if (!parsed.success) return log('A floor event that does not read was ignored');
      const event = parsed.data;
      const me = deps.agent();
      if (event.type === 'alert' && event.alert.agentId === me?.id) {
        if (event.alert.kind === 'bulk_access')
          deps.onOwnPolicyAlert?.({ stage: event.stage, note: event.alert.note });
        else alerts.applyServer(event.alert);
      }
      if (!watchesFloor()) return;
      deps.events.emit('floor:event', event);
      if (
        event.type === 'alert' &&
        (event.stage === 'raised' || (event.stage === 'escalated' && me?.role === 'retailer_admin'))
      ) {
        deps.events.emit('floor:notify', {
          alertId: event.alert.id,
          kind: event.alert.kind,
          agentName: event.alert.agentName,
          escalated: event.stage === 'escalated',
        });
      }
    },
    async onStreamConnected() {
      void alerts.flush();
      const me = deps.agent();
      if (!deps.request || !me || me.role !== 'agent') return;
      try {
        const { alerts: mine } = await deps.request('GET', '/v1/floor/alerts', floorAlertList);
        for (const alert of mine) alerts.applyServer(alert);
      } catch (error) {
        log('Reading this desk’s alerts from the retailer failed', error);
      }
    },
    close() {
      offChanged();
      alerts.close();
    },
  };
}
