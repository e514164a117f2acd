import { z } from 'zod';
import { callDraft, type CallDraft } from './calls/call-draft';
import type { CallDeskCause, CallSession } from './calls/call-session';
import type { Carrier, CustomerCard, CustomerSummary, Language } from './domain';
import type { KnowledgeAnswer, Policy, ReasonNode, ScriptVersion } from './domain/guidance';
import { id, isoDateTime, language } from './domain/primitives';
import {
  harassmentIncident,
  outreachOutcome,
  resolution,
  sentiment,
  type VocRecord,
} from './domain/voc';
import type { OutreachEntry } from './outreach/outreach-ranking';
import { toE164 } from './phone';
import type { Role } from './protocol/auth';
import type { RefusalCode, SyncStatus } from './sync-status';
import { studioIpcHandlers, type ScriptUpdate } from './studio-ipc';
import { insightsIpcHandlers } from './insights-ipc';
import { adminIpcHandlers } from './admin-ipc';
import { floorIpcEventNames, floorIpcHandlers, type FloorIpcEvents } from './floor-ipc';
import { agentChoice, type AgentState } from './agent-state/agent-state';
import { deskPin, type DeskLockState } from './desk-lock/desk-lock';
import type { UpdateNotice } from './updates/update-notice';
import { channel } from './ipc-channel';

/**
 * THE contract between the renderer and the main process. Nothing else crosses.
 *
 * Each channel names the zod schema its input must pass (checked in main before any service
 * runs) and the type of its output. Main registers a handler for every channel; the preload and
 * the browser harness derive `window.koe` from the same map.
 */

export const searchQueryClass = z.enum([
  'phone',
  'order_number',
  'tracking_number',
  'email',
  'name',
  'short_name',
]);
export type SearchQueryClass = z.infer<typeof searchQueryClass>;

/** A shipment found by its tracking number, and whose it is. */
export interface TrackedShipment {
  customerId: string;
  shipmentId: string;
  orderNumber: string;
  carrier: Carrier;
  /** As the retailer stored it (the carrier's grouping). */
  trackingNumber: string;
}

export interface SearchResult {
  queryClass: SearchQueryClass;
  customers: CustomerSummary[];
  /** True when more customers matched than were returned. */
  truncated: boolean;
  /** For a tracking-number search: the shipments that carry it (absent otherwise). */
  shipments?: TrackedShipment[];
}

export interface ScreenPopResult {
  /** The caller's number as E.164, or null when it could not be read as a phone number. */
  e164: string | null;
  /** Every customer with this number; the card is filled when exactly one matched. */
  matches: CustomerSummary[];
  card: CustomerCard | null;
}

export interface AppInfo {
  version: string;
  locale: Language;
  /** Where the customer data comes from: the embedded demo retailer, or a configured one. */
  dataSource: 'demo' | 'retailer';
  /** The retailer API this desktop syncs with (the embedded demo retailer's loopback URL). */
  retailerUrl: string | null;
  customerCount: number;
}

/** Who is signed in on this desktop: every wrap-up is written as this agent, in this center. */
export interface SignedInAgent {
  id: string;
  displayName: string;
  centerId: string | null;
  /** What this user may do: trainers author scripts, supervisors and admins read insights. */
  role: Role;
  /** The retailer's name, from the sign-in (scripts greet with it); null if it sent none. */
  retailerName: string | null;
}

/** A line of "my calls today": the call (while this run of Koe knows it) and its wrap-up. */
export interface TodayCall {
  callId: string;
  state: CallSession['state'];
  /** The caller's number as received, and as E.164 when it reads as one. */
  ani: string;
  e164: string | null;
  startedAt: string;
  customerId: string | null;
  customerName: string | null;
  /** The saved wrap-up; null while none is saved (missed, or still in wrap-up). */
  wrapUp: {
    vocId: string;
    primaryReason: string;
    resolution: VocRecord['resolution'];
    savedAt: string;
    /** Until then the agent may correct it (the edit window). */
    editableUntil: string;
    /** Whether the retailer has it (see WrapUpDelivery). */
    delivery: WrapUpDelivery;
  } | null;
}

/**
 * A saved wrap-up on its way to the retailer: `pending` in the outbox, `delivered` (the
 * retailer accepted it), or `refused` with the retailer's reason as a code (worded by the UI)
 * and its own words for support.
 */
export type WrapUpDelivery =
  | { state: 'pending' | 'delivered'; reason: null; detail: null }
  | { state: 'refused'; reason: RefusalCode; detail: string };

export interface CallsState {
  /** The call ringing, on the line or being wrapped up (the newest); null when idle. */
  current: CallSession | null;
  today: TodayCall[];
  /** Calls ended and waiting for their wrap-up, oldest first (the agent may pick any). */
  waiting: CallSession[];
  agent: SignedInAgent | null;
  /** The agent's unsaved work on each active call (kept by the core), by call id. */
  drafts: Record<string, CallDraft>;
}

/** What the call guidance runs on: the retailer's taxonomy, current scripts and policies. */
export interface GuidanceReference {
  taxonomy: ReasonNode[];
  /** The latest version of each script, in every language. */
  scripts: ScriptVersion[];
  policies: Policy[];
}

export interface WrapUpSaved {
  record: VocRecord;
  /** How many card numbers and security codes were taken out of the customer's words. */
  redacted: { cardNumbers: number; securityCodes: number };
}

/** The proactive outreach list (see `rankOutreach`). */
export interface OutreachList {
  entries: OutreachEntry[];
  /** True when more customers qualified than were returned. */
  truncated: boolean;
  generatedAt: string;
}

/** What a sign-out did: `scrubbed` is false when the log could not be emptied yet (retried). */
export interface SignOutResult {
  wiped: boolean;
  scrubbed: boolean;
}

/** How a softphone or telephony connector reaches the CTI bridge (shown in Settings). */
export interface CtiInfo {
  url: string;
  wsUrl: string;
  token: string;
  port: number;
  /**
   * This install's port when another program held it at this start (Koe then listens on `port`
   * for this run only); null when Koe listens on its own port.
   */
  wantedPort: number | null;
}

const callId = z.string().trim().min(1).max(128);
const reasonCode = z
  .string()
  .regex(/^[a-z0-9_.]+$/)
  .max(100);

export const wrapUpInput = z
  .object({
    callId,
    customerId: id.nullable(),
    orderId: id.nullable(),
    /** The first is the primary reason. */
    reasonCodes: z.array(reasonCode).min(1).max(5),
    /** The reason Koe suggested (recorded whether the agent kept it or not). */
    predictedReason: reasonCode.nullable(),
    sentiment,
    resolution,
    avoidable: z.boolean(),
    /** As typed: card numbers and security codes are redacted in main before anything is kept. */
    customerWords: z.string().max(4000),
    scriptId: z.string().max(64).nullable(),
    scriptVersion: z.number().int().min(1).nullable(),
    /** The script steps the agent went through, and the next-best-actions used (VoC). */
    scriptSteps: z.array(z.string().max(64)).max(200).optional(),
    nextBestActions: z.array(z.string().max(64)).max(50).optional(),
    /** The offered actions the agent marked as done during the call. */
    nextBestActionsDone: z.array(z.string().max(64)).max(50).optional(),
    /** The callback the agent promised (resolution `callback` only; main checks the window). */
    callbackAt: isoDateTime.optional(),
    harassment: harassmentIncident.nullable(),
    /** How a proactive call went; required on an outbound call from the outreach list. */
    outreachOutcome: outreachOutcome.optional(),
  })
  .strict();
export type WrapUpInput = z.input<typeof wrapUpInput>;

export const ipcHandlers = {
  'app:info': channel<AppInfo>()(z.object({}).strict()),
  'app:setLocale': channel<{ locale: Language }>()(z.object({ locale: language }).strict()),
  'customers:search': channel<SearchResult>()(
    z
      .object({
        query: z.string().trim().min(1).max(100),
        limit: z.number().int().min(1).max(50).default(20),
      })
      .strict(),
  ),
  'customers:screenPop': channel<ScreenPopResult>()(
    z.object({ phone: z.string().trim().min(1).max(40) }).strict(),
  ),
  'customers:card': channel<CustomerCard>()(
    z.object({ customerId: z.string().min(1).max(64) }).strict(),
  ),
  /**
   * The one way an unmasked value leaves the core: one field of one customer, during or just
   * after a call with that customer (refused otherwise), logged before it is returned.
   */
  'customers:revealPii': channel<{ loggedAt: string; values: string[] }>()(
    z
      .object({
        customerId: z.string().min(1).max(64),
        field: z.enum(['email', 'phone', 'address']),
        callId: callId.nullable(),
      })
      .strict(),
  ),
  'calls:state': channel<CallsState>()(z.object({}).strict()),
  /**
   * The agent takes or places a call outside the CTI (a typed number), or calls a customer from
   * the outreach list (`direction: 'outbound'`, `reason: 'proactive'`, whom and which order).
   */
  'calls:start': channel<CallSession>()(
    z
      .object({
        // Only a number Koe can read as a phone number starts a call (あいうえお does not).
        // An outbound call to a customer may leave it out: the core dials the customer's own
        // number, which the page only ever sees masked.
        phone: z
          .string()
          .trim()
          .min(1)
          .max(40)
          .refine((phone) => toE164(phone) !== null, 'not a phone number')
          .optional(),
        direction: z.enum(['inbound', 'outbound']).optional(),
        reason: z.literal('proactive').optional(),
        customerId: id.optional(),
        orderId: id.nullable().optional(),
      })
      .strict()
      .refine(
        (c) =>
          c.direction === 'outbound'
            ? c.reason === 'proactive' && c.customerId !== undefined
            : c.phone !== undefined &&
              c.reason === undefined &&
              c.customerId === undefined &&
              c.orderId === undefined,
        {
          message:
            'an outbound call names its reason (proactive) and customer; others name a phone number and neither',
        },
      ),
  ),
  /** Customers to call about a delay they have not been told of, most important first. */
  'outreach:list': channel<OutreachList>()(
    z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
  ),
  /** The agent ends the call in Koe (a call without CTI events, or a softphone that stays quiet). */
  'calls:end': channel<CallSession>()(z.object({ callId }).strict()),
  /** The harassment protocol reached the point where a supervisor must know. */
  'calls:alertSupervisor': channel<{ alertedAt: string; alertId: string }>()(
    z
      .object({
        callId,
        customerId: z.string().min(1).max(64).nullable(),
        stage: z.enum(['warn', 'monitor', 'terminate', 'terminated']),
      })
      .strict(),
  ),
  /**
   * The agent's unsaved work on an active call (the wrap-up form as they left it), kept on disk
   * until the wrap-up is saved. `kept` is false when the call is no longer active (a save that
   * arrived after the wrap-up was saved, say): nothing is written then.
   */
  'calls:saveDraft': channel<{ kept: boolean }>()(z.object({ callId, draft: callDraft }).strict()),
  'wrapUp:save': channel<WrapUpSaved>()(wrapUpInput),
  /** The saved wrap-up of a call (to correct it within the edit window); null if none. */
  'wrapUp:get': channel<VocRecord | null>()(z.object({ callId }).strict()),
  'guidance:reference': channel<GuidanceReference>()(z.object({}).strict()),
  'knowledge:search': channel<KnowledgeAnswer[]>()(
    z
      .object({
        query: z.string().trim().max(100),
        language,
        limit: z.number().int().min(1).max(50).default(10),
      })
      .strict(),
  ),
  'cti:info': channel<CtiInfo | null>()(z.object({}).strict()),
  'sync:status': channel<SyncStatus>()(z.object({}).strict()),
  'sync:now': channel<SyncStatus>()(z.object({}).strict()),
  'retailer:connect': channel<{ retailerUrl: string }>()(
    z
      .object({
        retailerUrl: z
          .string()
          .trim()
          .max(2048)
          .refine((u) => /^https:\/\/|^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(u), {
            message: 'use an https:// address (http:// only on this machine)',
          }),
        email: z.string().trim().min(3).max(254),
        password: z.string().min(1).max(200),
      })
      .strict(),
  ),
  /**
   * Signs the agent out of the retailer on this desktop. With `wipe`, every customer the cache
   * holds is erased with its bytes (file, write-ahead log, free pages); wrap-ups the retailer
   * has not acknowledged stay and go at the next sign-in.
   */
  'retailer:signOut': channel<SignOutResult>()(z.object({ wipe: z.boolean() }).strict()),
  /** The agent's state (ready, on call, after-call work, not ready + reason). */
  'agentState:get': channel<AgentState>()(z.object({}).strict()),
  /** The agent chooses ready or not ready (with a reason); a call on the line keeps it for after. */
  'agentState:choose': channel<AgentState>()(agentChoice),
  'lock:state': channel<DeskLockState>()(z.object({}).strict()),
  /**
   * Behind the offline grace's lock, what the agent still needs to wrap calls up: the calls
   * waiting for a wrap-up (numbers masked as the policy says), their drafts and the taxonomy —
   * no customer card. Refused behind every other lock.
   */
  'lock:wrapUps': channel<{
    waiting: CallSession[];
    drafts: Record<string, CallDraft>;
    reference: GuidanceReference;
  }>()(z.object({}).strict()),
  /** The agent typed, clicked or moved (the renderer throttles it): the idle count restarts. */
  'lock:activity': channel<{ ok: true }>()(z.object({}).strict()),
  'lock:lockNow': channel<DeskLockState>()(z.object({}).strict()),
  /** A wrong PIN is an answer (`unlocked: false`, maybe a `retryAt`), not an error. */
  'lock:unlock': channel<DeskLockState & { unlocked: boolean }>()(
    z.object({ pin: z.string().max(64) }).strict(),
  ),
  /** Sets the desk PIN; changing one needs the current PIN. */
  'lock:setPin': channel<DeskLockState>()(
    z.object({ pin: deskPin, currentPin: z.string().max(64).nullable() }).strict(),
  ),
  /** The update Koe has ready and when it will restart for it; null when there is none. */
  'updates:notice': channel<{ notice: UpdateNotice | null }>()(z.object({}).strict()),
  ...studioIpcHandlers,
  ...insightsIpcHandlers,
  ...adminIpcHandlers,
  ...floorIpcHandlers,
};

/** Pushes from main to the renderer. */
export interface IpcEvents extends FloorIpcEvents {
  /** A koe:// link or the menu asks the UI to show something. */
  'app:navigate':
    | { to: 'customer'; customerId: string }
    | { to: 'search'; query: string }
    | { to: 'screenPop'; phone: string };
  'app:localeChanged': { locale: Language };
  'sync:status': SyncStatus;
  /**
   * A call moved (rang, was answered, ended, was saved) or the agent started one. A call that
   * rang or started carries its screen pop, read in main before the event left, so the card can
   * paint without another round trip.
   */
  'calls:changed': { call: CallSession; cause: CallDeskCause; pop?: ScreenPopResult };
  /** A supervisor was alerted (harassment); the UI confirms it to the agent. */
  'calls:supervisorAlert': { callId: string; customerId: string | null; stage: string; at: string };
  /** New script versions arrived by sync (a trainer published): the agent sees the notes. */
  'scripts:updated': { updates: ScriptUpdate[] };
  /** The agent's state changed (by a call or by the agent's choice). */
  'agentState:changed': AgentState;
  /** The desk locked or unlocked, a PIN attempt failed, or a call rang behind the lock. */
  'lock:changed': DeskLockState;
  /** An update was downloaded, or Koe is about to restart for one the retailer requires. */
  'updates:notice': UpdateNotice;
}

export type IpcChannel = keyof typeof ipcHandlers;
export type IpcEventName = keyof IpcEvents;
export type IpcInput<C extends IpcChannel> = z.input<(typeof ipcHandlers)[C]['input']>;
export type IpcParsedInput<C extends IpcChannel> = z.output<(typeof ipcHandlers)[C]['input']>;
export type IpcOutput<C extends IpcChannel> = (typeof ipcHandlers)[C]['output'];

export const ipcChannels = Object.keys(ipcHandlers) as IpcChannel[];

/** The one Electron channel every core event reaches the window on (main sends, preload listens). */
export const KOE_EVENT_CHANNEL = 'koe:event';
export const ipcEventNames: readonly IpcEventName[] = [
  'app:navigate',
  'app:localeChanged',
  'sync:status',
  'calls:changed',
  'calls:supervisorAlert',
  'scripts:updated',
  'agentState:changed',
  'lock:changed',
  'updates:notice',
  ...floorIpcEventNames,
];

export type IpcErrorCode =
  | 'unknown_channel'
  | 'invalid_input'
  | 'not_found'
  /** The signed-in user's role may not do this (an agent opening the script studio). */
  | 'forbidden'
  /** The request contradicts the current state (a call already ended, an edit too late). */
  | 'conflict'
  | 'database_too_new'
  /** The cache's key could not be unwrapped or does not open the file (no grant, wrong desk). */
  | 'cache_key_refused'
  /** The desk is locked: customer data waits behind the agent's PIN. */
  | 'locked'
  | 'unavailable'
  | 'internal';

/**
 * A more precise "why" than the code, when the core knows one: the page words it from the
 * catalogs (`app.reasons.*`), in the agent's language. Absent: the code's sentence.
 */
export type IpcErrorReason =
  | 'no_retailer'
  | 'not_signed_in'
  | 'sign_in_refused'
  | 'retailer_unreachable'
  | 'session_expired'
  | 'retailer_unreadable'
  | 'pin_wrong'
  | 'unlock_first'
  /** Too many wrong passwords: the retailer locked the account for a while. */
  | 'account_locked'
  /** The retailer disabled the account, or the center's contract ended. */
  | 'user_disabled'
  | 'center_disabled';

export interface IpcError {
  code: IpcErrorCode;
  /** The core's own words (English, for support): shown as the technical detail only. */
  message: string;
  reason?: IpcErrorReason;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export function isIpcChannel(name: unknown): name is IpcChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(ipcHandlers, name);
}

export function isIpcEventName(name: unknown): name is IpcEventName {
  return typeof name === 'string' && (ipcEventNames as readonly string[]).includes(name);
}

/** How a `window.koe` reaches main: Electron IPC in the app, HTTP in the browser harness. */
export interface KoeTransport {
  invoke(channel: IpcChannel, input: unknown): Promise<IpcResult<unknown>>;
  subscribe(event: IpcEventName, listener: (payload: unknown) => void): () => void;
}

/** `window.koe`: one function per contract channel, and `on` for the contract's events. */
export type KoeApi = {
  [C in IpcChannel]: (input: IpcInput<C>) => Promise<IpcResult<IpcOutput<C>>>;
} & {
  on<E extends IpcEventName>(event: E, listener: (payload: IpcEvents[E]) => void): () => void;
};

/**
 * Builds `window.koe` over a transport. Only contract channels and events exist on it; a name
 * outside the contract is refused before it reaches the transport.
 */
export function createKoeApi(transport: KoeTransport): KoeApi {
  const api: Record<string, unknown> = {};
  for (const name of ipcChannels) {
    api[name] = (input: unknown) => transport.invoke(name, input);
  }
  api.on = (event: unknown, listener: (payload: unknown) => void) => {
    if (!isIpcEventName(event)) throw new Error(`Unknown Koe event: ${String(event)}`);
    if (typeof listener !== 'function') throw new Error('A Koe event listener must be a function');
    return transport.subscribe(event, listener);
  };
  return Object.freeze(api) as KoeApi;
}
