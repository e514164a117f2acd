import { z } from 'zod';
import { id } from './domain/primitives';
import type {
  AcknowledgeResponse,
  AlertKind,
  AlertProtocolStage,
  FloorAlert,
  FloorLiveEvent,
  FloorSummary,
} from './protocol/supervisor-alerts';
import { accessQuery, type AccessList } from './protocol/access-audit';
import { channel } from './ipc-channel';

/**
 * The floor's part of the IPC contract (spread into `ipcHandlers` in ipc.ts): the alerts this
 * desk raised and what became of them, and for supervisors the live floor. The core forwards
 * floor reads and acknowledgments to the retailer's API; the server scopes them again.
 */
/** The roles that see the floor view (the server checks again). */
export const FLOOR_ROLES = ['supervisor', 'retailer_admin'] as const;

/**
 * What the agent's screen says about an alert, from the desk's own record of it:
 *   not_told      still in the outbox: NO supervisor has been told yet (offline, refused for now)
 *   told          the retailer has it: the center's supervisors were told; nobody took it yet
 *   acknowledged  a supervisor is taking it (who and when)
 *   escalated     nobody took it in time: the retailer admin was told
 *   refused       the retailer refused it for good (shown with its reason)
 */
export type DeskAlertStatus = 'not_told' | 'told' | 'acknowledged' | 'escalated' | 'refused';

export interface DeskAlert {
  id: string;
  kind: AlertKind;
  callId: string | null;
  customerId: string | null;
  protocolStage: AlertProtocolStage | null;
  raisedAt: string;
  status: DeskAlertStatus;
  /** When the retailer received it (the supervisors were told); null while not told. */
  deliveredAt: string | null;
  acknowledged: { byName: string; at: string } | null;
  escalatedAt: string | null;
  /** Why it has not gone yet (or why it was refused), in the retailer's or network's words. */
  lastError: string | null;
}

export const HELP_NOTE_MAX = 500;

export const floorIpcHandlers = {
  /** The agent raises a hand: "I need help" (on a call or between calls). */
  'alerts:raiseHand': channel<DeskAlert>()(
    z
      .object({
        callId: z.string().trim().min(1).max(128).nullable(),
        customerId: id.nullable(),
        note: z.string().max(HELP_NOTE_MAX).default(''),
      })
      .strict(),
  ),
  /** The alerts this desk raised in the last 12 hours, newest first. */
  'alerts:mine': channel<{ alerts: DeskAlert[] }>()(z.object({}).strict()),
  /** The supervisor's floor: agents with their state, and today's figures. */
  'floor:summary': channel<FloorSummary>()(z.object({ centerId: id.optional() }).strict()),
  /** The floor's alerts of the last 12 hours (open and taken), newest first. */
  'floor:alerts': channel<{ alerts: FloorAlert[] }>()(z.object({}).strict()),
  /** "Taking it": the first supervisor to take an alert is recorded and the agent is told. */
  'floor:acknowledge': channel<AcknowledgeResponse>()(
    z.object({ alertId: z.string().uuid() }).strict(),
  ),
  /** The access audit (who touched which customer), filtered; newest first. */
  'audit:list': channel<AccessList>()(
    accessQuery
      .pick({ agentId: true, customerId: true, kind: true, from: true, to: true })
      .strict(),
  ),
};

/** The floor's pushes from main to the renderer (added to `IpcEvents`). */
export interface FloorIpcEvents {
  /** An alert this desk raised changed (queued, told, taken, escalated). */
  'alerts:changed': { alerts: DeskAlert[] };
  /** Something changed on the floor this user watches (as the server scoped it). */
  'floor:event': FloorLiveEvent;
  /**
   * A supervisor (or the retailer admin) must look now: a new alert, or one escalated. The shell
   * shows a desktop notification; the floor view plays its sound.
   */
  'floor:notify': { alertId: string; kind: AlertKind; agentName: string; escalated: boolean };
}

export const floorIpcEventNames = ['alerts:changed', 'floor:event', 'floor:notify'] as const;
