import type { Kysely } from 'kysely';
import type { CtiInfo, SignedInAgent, SignOutResult } from '../../shared/ipc';
import type Sqlite from 'better-sqlite3';
import type { RiskFit } from '../../shared/admin-ipc';
import type { RiskThresholds } from '../../shared/guidance/risk-thresholds';
import { DEFAULT_IDLE_MINUTES } from '../../shared/desk-lock/desk-lock';
import type { UpdateNotice } from '../../shared/updates/update-notice';
import { createAccessRecorder, createAuditJournal, type AuditJournal } from './access-audit';
import type { AuditEntry } from './access-audit';
import { createAdminServices } from './admin';
import type { AdminClient } from './admin';
import {
  createAgentStateService,
  type AgentStateService,
  createAgentStateServices,
} from './agent-state';
import {
  createCallDesk,
  type CallDesk,
  createCallIpcServices,
  createCallServices,
  createDeskCallsRepository,
  type DeskCallsRepository,
} from './calls';
import { createCtiServices } from './cti';
import { createCustomerServices } from './customers';
import {
  createDeskLock,
  type DeskLock,
  createDeskLockServices,
  noDeskPin,
  refuseWhileLocked,
} from './desk-lock';
import { createFloorDesk, type FloorDesk } from './floor';
import { createGuidanceServices } from './guidance';
import type { InsightsClient } from './insights';
import { createInsightsServices } from './insights';
import { createOutreachServices } from './outreach';
import type { Database } from './platform/database';
import type { EventBus } from './platform/event-bus';
import type { IpcServices } from './platform/router';
import type { PredictionService } from './predictions';
import { createAppServices } from './preferences';
import type { PreferencesStore } from './preferences';
import { createPrivacyGuard, type PrivacyGuard } from './privacy';
import { inlineHeavyReads, type HeavyReads, createReaderMethods } from './reader';
import type { StudioClient } from './studio';
import { createStudioServices } from './studio';
import { createSyncServices, type RetailerServices } from './sync';
import { createUpdateServices } from './updates';
import { createWrapUpService, createWrapUpServices } from './wrap-up';

/** The retailer as the channels see it (sync/sync-services.ts). */
export type { RetailerServices };

export interface ServiceDeps {
  db: Kysely<Database>;
  events: EventBus;
  preferences: PreferencesStore;
  appVersion: string;
  /** Null when the cache is used without a retailer (tests). */
  retailer: RetailerServices | null;
  connectRetailer(input: { retailerUrl: string; email: string; password: string }): Promise<{
    retailerUrl: string;
  }>;
  /** The same database, for the durable wrap-up write. */
  sqlite: Sqlite.Database;
  /** The agent's phone desk (a fresh one when the caller has none: tests, benches). */
  desk?: CallDesk;
  /** The desk's calls and drafts on disk (the desk's own, when the caller made the desk). */
  deskCalls?: DeskCallsRepository;
  /** Delivery estimates and predicted reasons for the cards; null or absent when off. */
  predictions?: PredictionService | null;
  /**
   * The admin's fit of the risk weights on the settled cases: on the prediction worker in the
   * app (minutes of reading at bench size, never on the thread that answers the ring); absent
   * when the desk has none (tests), and the admin is told so.
   */
  fitRisk?: (thresholds: RiskThresholds) => Promise<RiskFit>;
  /** Who is signed in; null when no one is (wrap-ups cannot be saved then). */
  agent?: () => SignedInAgent | null;
  /** How connectors reach the CTI bridge; null when this Koe runs without one. */
  cti?: () => CtiInfo | null;
  /** The script studio's way to the retailer; null or absent without a retailer. */
  studio?: StudioClient | null;
  /** The insights view's way to the retailer; null or absent without a retailer. */
  insights?: InsightsClient | null;
  /** The retailer admin view's way to the retailer; null or absent without a retailer. */
  admin?: AdminClient | null;
  /** Masks what leaves for the screen and guards the reveal (one made here when absent). */
  privacy?: PrivacyGuard;
  /** Signs out, and with `wipe` erases the customers the cache holds (see local-erasure.ts). */
  signOut?: (wipe: boolean) => Promise<SignOutResult>;
  /** The agent's state (a fresh one on the desk when absent). */
  agentState?: AgentStateService;
  /** The desk lock (one that never locks, having no PIN, when absent). */
  lock?: DeskLock;
  /** The update Koe has ready (the shell's updater reports it); none when absent. */
  updateNotice?: () => UpdateNotice | null;
  /** Alerts and the supervisors' floor (one with no retailer when absent: alerts stay queued). */
  floor?: FloorDesk;
  /**
   * The outreach list, customer search and count: on the reader worker in the app (the core's
   * thread stays free for the screen pop); run here when absent (tests, benches).
   */
  heavyReads?: HeavyReads;
  /**
   * Told after each access the desk recorded in its audit (the bulk-access policies count it,
   * the audit outbox sends it); nothing when absent (tests, benches without a retailer).
   */
  audited?: (entry: AuditEntry) => void;
  /**
   * Where searches and pops by hand record their accesses (committed just after the answer; one
   * made here, telling `audited`, when absent).
   */
  auditJournal?: AuditJournal;
  now?: () => number;
}

/**
 * The implementations of every ipc.ts channel (input arrives already validated): each feature's
 * own `*-services.ts` registers its channels; this builds what they share and puts them together.
 */
export function createServices(deps: ServiceDeps): IpcServices {
  const { db, events, preferences, appVersion, retailer } = deps;
  const now = deps.now ?? Date.now;
  const agent = deps.agent ?? (() => null);
  const deskCalls = deps.deskCalls ?? createDeskCallsRepository(deps.sqlite, { now });
  const desk = deps.desk ?? createCallDesk({ now, persistence: deskCalls });
  const calls = createCallServices({ db, desk, deskCalls, events, agent, now });
  const wrapUps = createWrapUpService({ db, sqlite: deps.sqlite, desk, agent, now });
  // "Predicted late" is the delivery-date model's estimate (the carrier's until one is fitted).
  const predictions = deps.predictions ?? null;
  const agentState = deps.agentState ?? createAgentStateService({ desk, now });
  const lock =
    deps.lock ??
    createDeskLock({
      pins: noDeskPin(),
      desk,
      idleMinutes: () => DEFAULT_IDLE_MINUTES,
      now,
      checkEveryMs: 0,
    });
  const floor =
    deps.floor ?? createFloorDesk({ sqlite: deps.sqlite, events, request: null, agent, now });
  // Sensitive fields leave masked: every answer that carries a customer passes through here.
  const privacy =
    deps.privacy ??
    createPrivacyGuard({
      db,
      desk,
      deskCalls,
      now,
      ...(deps.audited ? { onAudited: deps.audited } : {}),
    });
  const heavyReads =
    deps.heavyReads ?? inlineHeavyReads(createReaderMethods(db, deps.sqlite), { now, predictions });
  const journal =
    deps.auditJournal ??
    createAuditJournal({
      sqlite: deps.sqlite,
      committed: (entries) => entries.forEach((entry) => deps.audited?.(entry)),
    });
  const audit = createAccessRecorder({ journal, agent, now });
  // Each feature registers its own channels; this only hands them what they share.
  const services: IpcServices = {
    ...createAppServices({ appVersion, preferences, events, retailer, heavyReads }),
    ...createUpdateServices({ updateNotice: deps.updateNotice }),
    ...createCustomerServices({ db, desk, predictions, privacy, heavyReads, audit, agent }),
    ...createCallIpcServices({ calls, deskCalls, privacy, floor }),
    ...createOutreachServices({ heavyReads, privacy }),
    ...createWrapUpServices({ db, wrapUps, calls, privacy, retailer }),
    ...createGuidanceServices({ db, agent }),
    ...createCtiServices({ cti: deps.cti }),
    ...createSyncServices({
      retailer,
      desk,
      connectRetailer: deps.connectRetailer,
      signOut: deps.signOut,
    }),
    ...createAgentStateServices(agentState),
    ...createDeskLockServices(lock),
    ...createStudioServices({ client: deps.studio ?? null, agent }),
    ...createInsightsServices({ client: deps.insights ?? null, agent }),
    ...createAdminServices({
      client: deps.admin ?? null,
      agent,
      ...(deps.fitRisk ? { fitRisk: deps.fitRisk } : {}),
    }),
    ...floor.services,
  };
  // Behind the desk lock, whatever returns customer data refuses (`locked`), not only the page.
  return refuseWhileLocked(
    services,
    () => lock.isLocked(),
    () => lock.onlyOfflineLocked(),
  );
}
