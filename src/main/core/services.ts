import type { Kysely } from 'kysely';
import type { CtiInfo, SignedInAgent, SignOutResult } from '../../shared/ipc';
import type { SyncStatus } from '../../shared/sync-status';
import type Sqlite from 'better-sqlite3';
import type { RiskFit } from '../../shared/admin-ipc';
import type { RiskThresholds } from '../../shared/guidance/risk-thresholds';
import { createCallDesk, type CallDesk } from './calls/call-desk';
import { createCallServices } from './calls/call-services';
import { createDeskCallsRepository, type DeskCallsRepository } from './calls/desk-calls.repository';
import { createWrapUpService } from './wrap-up/wrap-up-service';
import { withPredictions, type PredictionService } from './predictions/prediction-service';
import { createAuditAppender, type AuditEntry } from './access-audit/audit.repository';
import {
  readActivePolicies,
  readLatestScripts,
  readTaxonomy,
  searchKnowledge,
} from './guidance/guidance.repository';
import { readScreenPop } from './customers/screen-pop';
import { readCustomerCard } from './customers/customer-card';
import type { Database } from './platform/database';
import { AppError } from './platform/errors';
import type { EventBus } from './platform/event-bus';
import type { IpcServices } from './platform/router';
import type { PreferencesStore } from './preferences/preferences';
import type { StudioClient } from './studio/studio-client';
import { createStudioServices } from './studio/studio-services';
import type { InsightsClient } from './insights/insights-client';
import { createInsightsServices } from './insights/insights-services';
import type { AdminClient } from './admin/admin-client';
import { createAdminServices } from './admin/admin-services';
import { createAgentStateService, type AgentStateService } from './agent-state/agent-state-service';
import { createAgentStateServices } from './agent-state/agent-state-services';
import { createDeskLock, type DeskLock } from './desk-lock/desk-lock';
import { createDeskLockServices } from './desk-lock/desk-lock-services';
import { noDeskPin } from './desk-lock/memory-pin-store';
import { refuseWhileLocked } from './desk-lock/locked-guard';
import { DEFAULT_IDLE_MINUTES } from '../../shared/desk-lock/desk-lock';
import type { UpdateNotice } from '../../shared/updates/update-notice';
import { createFloorDesk, type FloorDesk } from './floor/floor-desk';
import { createPrivacyGuard, type PrivacyGuard } from './privacy/privacy-guard';
import { inlineHeavyReads, type HeavyReads } from './reader/heavy-reads';
import { createReaderMethods } from './reader/reader-methods';

export interface RetailerServices {
  url: string;
  isDemo: boolean;
  status(): SyncStatus;
  syncNow(): void;
}

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
  now?: () => number;
}

/** The implementations of every ipc.ts channel; input arrives already validated. */
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
  const syncStatus = () => {
    if (!retailer) throw new AppError('unavailable', 'No retailer is configured.', 'no_retailer');
    return retailer.status();
  };
  const appendAuditRow = createAuditAppender(deps.sqlite);
  /** Records an access in the desk's audit, then lets the policies and the outbox know. */
  const audit = async (entry: Omit<AuditEntry, 'agentId' | 'at'> & { at?: string }) => {
    const recorded: AuditEntry = {
      ...entry,
      agentId: agent()?.id ?? null,
      at: entry.at ?? new Date(now()).toISOString(),
    };
    appendAuditRow(recorded);
    deps.audited?.(recorded);
  };
  const services: IpcServices = {
    'app:info': async () => ({
      version: appVersion,
      locale: preferences.get().locale,
      dataSource: retailer && !retailer.isDemo ? 'retailer' : 'demo',
      retailerUrl: retailer?.url ?? null,
      customerCount: await heavyReads.countCustomers(),
    }),
    'updates:notice': () => ({ notice: deps.updateNotice?.() ?? null }),
    'app:setLocale': ({ locale }) => {
      preferences.update({ locale });
      events.emit('app:localeChanged', { locale });
      return { locale };
    },
    'customers:search': async ({ query, limit }) => {
      const result = await heavyReads.searchCustomers(query, limit);
      // Every search is an access: who listed which customers (not what was typed: a phone
      // number or a name is itself personal data).
      await audit({
        kind: 'search',
        customerId: null,
        callId: desk.current()?.callId ?? null,
        detail: {
          queryClass: result.queryClass,
          results: result.customers.length,
          customerIds: listedIds(result.customers.map((c) => c.id)),
        },
      });
      return privacy.search(result);
    },
    'customers:screenPop': async ({ phone }) => {
      const pop = await readScreenPop(db, phone, predictions);
      // Popped by hand with no call on: a customer opened outside a call, audited like a card.
      if (pop.card && !desk.isCallActive())
        await audit({
          kind: 'customer_opened',
          customerId: pop.card.customer.id,
          callId: null,
          detail: { via: 'phone' },
        });
      return privacy.screenPop(pop);
    },
    'customers:card': async ({ customerId }) => {
      const card = await readCustomerCard(db, customerId);
      if (!card) throw new AppError('not_found', `No customer ${customerId} in the local cache.`);
      // Opened outside a live call: no caller asked for this customer, so it is audited.
      if (!desk.isCallActive())
        await audit({ kind: 'customer_opened', customerId, callId: null, detail: {} });
      return privacy.card(withPredictions(predictions, card));
    },
    // Reveals are logged (who saw which customer's what, when, on which call) and allowed only
    // during or just after a call with that customer.
    'customers:revealPii': (input) => privacy.reveal(input, agent()?.id ?? null),
    // A call's own number is readable while the call is on and just after; masked past that.
    'calls:state': async () => privacy.callsState(await calls.state()),
    'calls:start': (input) => calls.start(input),
    'outreach:list': async ({ limit }) => privacy.outreach(await heavyReads.outreachList(limit)),
    'calls:end': ({ callId }) => calls.end(callId),
    'calls:alertSupervisor': async (input) => {
      const alerted = await calls.alertSupervisor(input);
      // Through the retailer to the center's supervisors (queued while offline), with the
      // agent's note as the draft keeps it (card numbers already taken out).
      const note = deskCalls.drafts().get(input.callId)?.harassmentNote ?? '';
      const alert = floor.alerts.raise({
        kind: 'harassment',
        callId: input.callId,
        customerId: input.customerId,
        protocolStage: input.stage,
        note,
      });
      return { ...alerted, alertId: alert.id };
    },
    'calls:saveDraft': ({ callId, draft }) => calls.saveDraft(callId, draft),
    'wrapUp:save': async (input) => {
      const saved = await wrapUps.save(input);
      // Push it now rather than at the next scheduled sync: the retailer sees it in seconds.
      retailer?.syncNow();
      return saved;
    },
    'wrapUp:get': ({ callId }) => wrapUps.get(callId),
    'guidance:reference': async () => ({
      taxonomy: await readTaxonomy(db),
      scripts: await readLatestScripts(db),
      policies: await readActivePolicies(db),
    }),
    // The wrap-ups the offline grace's lock still lets the agent finish: no card, no names.
    'lock:wrapUps': async () => {
      const { waiting, drafts } = privacy.callsState(await calls.state());
      return {
        waiting,
        drafts: Object.fromEntries(
          waiting.flatMap((c) => (drafts[c.callId] ? [[c.callId, drafts[c.callId]!]] : [])),
        ),
        reference: {
          taxonomy: await readTaxonomy(db),
          scripts: await readLatestScripts(db),
          policies: await readActivePolicies(db),
        },
      };
    },
    // An agent sees the answers published to every center or to its own.
    'knowledge:search': ({ query, language, limit }) =>
      searchKnowledge(db, query, language, limit, agent()?.centerId ?? null),
    'cti:info': () => deps.cti?.() ?? null,
    'sync:status': () => syncStatus(),
    'sync:now': () => {
      const status = syncStatus();
      retailer?.syncNow();
      return status;
    },
    'retailer:connect': (input) => deps.connectRetailer(input),
    'retailer:signOut': ({ wipe }) => {
      if (!deps.signOut) throw new AppError('unavailable', 'No retailer is configured.');
      if (desk.isCallActive())
        throw new AppError('conflict', 'Finish the call and its wrap-up before signing out.');
      return deps.signOut(wipe);
    },
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

/** The ids a search listed, within the audit row's bound (2,000 characters; see access-audit). */
function listedIds(ids: readonly string[]): string {
  let text = '';
  for (const id of ids) {
    const next = text ? `${text},${id}` : id;
    if (next.length > 2_000) break;
    text = next;
  }
  return text;
}
