import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Language } from '../../shared/domain';
import type { DeskRevocationReason } from '../../shared/protocol/devices';
import { initialSyncStatus, type SyncStatus } from '../../shared/sync-status';
import type { SignedInAgent } from '../../shared/ipc';
import {
  createCallDesk,
  type CallDesk,
  createDeskCallsRepository,
  sendCallsWithPops,
} from './calls';
import { startCtiBridge, type CtiBridge } from './cti';
import { openDatabase, type LocalDatabase, type OpenDatabaseOptions } from './platform/connection';
import { createEventBus, type EventBus } from './platform/event-bus';
import {
  regionClosureReader,
  startPredictionService,
  type PredictionService,
  startPredictionWorker,
  typescriptPredictionWorkerEntry,
  type PredictionWorkerHandle,
} from './predictions';
import { createIpcRouter, type IpcRouter } from './platform/router';
import { parseKoeLink } from './links';
import { loadPreferences, type PreferencesStore } from './preferences';
import { createServices } from './services';
import { createStudioClient, watchScriptUpdates } from './studio';
import { createInsightsClient } from './insights';
import { createAdminClient } from './admin';
import {
  openCacheKeys,
  type CacheProtection,
  discardUnreadableCache,
  grantKeepingSessions,
} from './cache-key';
import type { KeyVault } from './cache-key';
import { keepDataFolderOwnerOnly } from './platform/owner-only';
import type { WorkerEntry } from './platform/worker-entry';
import type { SessionStore, StreamTiming } from './sync';
import {
  retailerConnector,
  signInDemoAgent,
  type DemoSignIn,
  deskHeaders,
  forgetDeskId,
  loadOrCreateDeskId,
  startSyncWorker,
  type SyncWorkerHandle,
  syncStateStore,
} from './sync';
import {
  createAgentStateService,
  type AgentStateService,
  createAgentStateReporter,
  type AgentStateReporter,
} from './agent-state';
import { createAuthorizedRequest } from './retailer-client';
import { agentStatePushResponse, type OutreachCallEvent } from '../../shared/protocol/agent-state';
import {
  createDeskLock,
  type DeskLock,
  fileDeskPinStore,
  createDeskPolicies,
  watchOfflineGrace,
  type OfflineGrace,
} from './desk-lock';
import { createFloorDesk, type FloorDesk } from './floor';
import { startReaderWorker, typescriptReaderWorkerEntry, type ReaderWorker } from './reader';
import {
  createAccessWatch,
  LOCK_NOTE_PREFIX,
  createAuditOutbox,
  createAuditJournal,
} from './access-audit';
import type { AuditEntry } from './access-audit';
import { accessPushResponse } from '../../shared/protocol/access-audit';
import { createUpdateFeedReader, type UpdateFeed } from './updates';
import type { UpdateNotice } from '../../shared/updates/update-notice';
import {
  startRetentionPurge,
  type RetentionPurge,
  createLocalEraser,
  scrubDeletedBytes,
  createDeskRevocation,
  type DeskRevocation,
} from './erasure';
import { createPrivacyGuard } from './privacy';

/** The retailer this desktop syncs with. */
export interface RetailerConnection {
  baseUrl: string;
  /** Where the session lives (Electron safeStorage; a plain file only in the browser harness). */
  sessions: SessionStore;
  /** With the embedded demo retailer: sign in as its demo agent when there is no session. */
  demoAgent?: { email: string; password: string };
}

export interface KoeCoreOptions {
  /** Where the local cache and preferences live (Electron's userData, or a test's temp dir). */
  dataDir: string;
  appVersion: string;
  /** The OS locale, used until the agent picks a language. */
  systemLocale?: string;
  /** Electron's build of better-sqlite3 (its ABI differs from Node's); omitted under Node. */
  nativeBinding?: string;
  /** Without one the cache is used as it is (tests); the app always passes one. */
  retailer?: RetailerConnection;
  /**
   * Where a session for a retailer set in Settings is kept for the next start (safeStorage in
   * the app). The demo retailer's own session lives in memory only.
   */
  savedSessions?: SessionStore;
  /** How to start the sync worker's code (bundled in the app, TypeScript under tsx). */
  syncWorkerEntry?: WorkerEntry;
  /** Seconds between safety-net pulls; live change notices trigger pulls sooner. */
  pullIntervalMs?: number;
  /** The live change stream's silence timeout and reconnect backoff (tests make them short). */
  syncStream?: Partial<StreamTiming>;
  /**
   * The CTI bridge's loopback port: by default 17345 (another free port when taken), 0 for any
   * free port (tests), false for no bridge.
   */
  ctiPort?: number | false;
  /** The cache file, instead of the one in `dataDir` (the benchmarks' bench-size cache). */
  databaseFile?: string;
  /**
   * The cache's 32-byte data key, given as is (benches, tests); the app gives `keyVault` and
   * the key is kept by `cache-key/`. Every connection to the cache, this thread's and the
   * workers', is keyed with it.
   */
  cacheKey?: Uint8Array;
  /**
   * Seals the cache key on disk (the OS keychain through safeStorage in the app, a stand-in
   * that says so elsewhere); the key is made on first start and bound to the retailer's device
   * grant at sign-in. Without a vault and without `cacheKey` the cache is a plain file.
   */
  keyVault?: KeyVault;
  /**
   * Delivery estimates and predicted call reasons on every card (default on). Benchmarks and
   * tests that do not look at them pass false: no fitting worker is started.
   */
  predictions?: boolean;
  /** How to start the prediction worker's code (bundled in the app, TypeScript under tsx). */
  predictionWorkerEntry?: WorkerEntry;
  /** The retention timer's pace (tests); a purge a minute after start, then every 15 minutes. */
  retentionPurge?: { intervalMs?: number; firstDelayMs?: number; now?: () => number };
  /** How to start the reader worker's code (bundled in the app, TypeScript under tsx). */
  readerWorkerEntry?: WorkerEntry;
  /** The offline grace's clock and timer (tests); checked every minute by default. */
  offlineGrace?: { now?: () => number; checkEveryMs?: number };
}

/** Everything below the shell: plain Node, run the same by Electron, the harness and tests. */
export interface KoeCore {
  router: IpcRouter;
  events: EventBus;
  database: LocalDatabase;
  preferences: PreferencesStore;
  desk: CallDesk;
  /** Null when started with `ctiPort: false`. */
  cti: CtiBridge | null;
  /** The agent's state (ready, on call, after-call work, not ready). */
  agentState: AgentStateService;
  /** Its changes on their way to the retailer; null without a retailer. */
  agentStateReports: AgentStateReporter | null;
  /** The desk lock: the shell locks it when the OS locks or sleeps. */
  lock: DeskLock;
  /** Alerts this desk raised, and the supervisors' floor. */
  floor: FloorDesk;
  /** The retention window kept on the desk's own timer, online or not. */
  retention: RetentionPurge;
  /** What the desk does when the retailer revokes it (erases; tests wait on it). */
  revocation: DeskRevocation;
  /** The retailer's offline grace (null without a retailer): checked after every sync status. */
  offlineGrace: OfflineGrace | null;
  /** Routes a koe:// link (from the OS or a second instance) to the UI. False if not ours. */
  openLink(url: string): boolean;
  /** True while the agent is on a call or wrapping one up: nothing may restart the app then. */
  isCallActive(): boolean;
  /**
   * The retailer's update feed for this desk (its center's channel; whether the retailer
   * requires the update). Null without a retailer or before anyone signed in.
   */
  updateFeed(): Promise<UpdateFeed | null>;
  /** The shell's updater tells the agent (through the window) when Koe will restart. */
  announceUpdate(notice: UpdateNotice): void;
  locale(): Language;
  syncStatus(): SyncStatus;
  /** How the cache is protected (null: a plain file, as tests without a vault start it). */
  cacheProtection(): CacheProtection | null;
  close(): Promise<void>;
}

export async function startKoeCore(options: KoeCoreOptions): Promise<KoeCore> {
  keepDataFolderOwnerOnly(options.dataDir);
  const dbFile = options.databaseFile ?? join(options.dataDir, cacheFileName(options.retailer));
  const keys =
    options.keyVault && !options.cacheKey
      ? openCacheKeys({ dataDir: options.dataDir, vault: options.keyVault })
      : null;
  if (keys?.protection().mode === 'memory_only') discardUnreadableCache(dbFile);
  const cacheKey = options.cacheKey ?? keys?.key;
  // One options object for every connection the core opens on the cache, its workers' included
  // (the reader worker's connection takes the same key).
  const databaseOptions: OpenDatabaseOptions = {
    filename: dbFile,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(cacheKey ? { key: cacheKey } : {}),
  };
  const database = await openDatabase(databaseOptions);
  const events = createEventBus();
  // Delivery estimates and predicted call reasons on every card. The models are fitted on the
  // prediction worker's thread (reading this cache on its own connection) and only scored here;
  // the stored fit is reused at start unless deliveries or contacts arrived since. The admin's
  // fit of the risk weights runs on that same worker: started here when predictions are on, on
  // the first admin fit otherwise.
  let fitWorker: PredictionWorkerHandle | null = null;
  const predictionWorker = (): PredictionWorkerHandle =>
    (fitWorker ??= startPredictionWorker(
      options.predictionWorkerEntry ?? typescriptPredictionWorkerEntry,
      {
        dbFile,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
        ...(cacheKey ? { cacheKey } : {}),
      },
    ));
  let predictions: PredictionService | null = null;
  if (options.predictions !== false) {
    const worker = predictionWorker();
    predictions = startPredictionService({
      db: database.db,
      fitter: (request) => worker.refresh(request),
      events,
      closuresFor: regionClosureReader(database.sqlite),
    });
    void predictions.refresh();
  }
  // The ring's path is never shared with slow work: the heavy reads (outreach list, customer
  // search and count) run on the reader worker's thread, so this thread answers a ring at once.
  const reader: ReaderWorker = startReaderWorker(
    options.readerWorkerEntry ?? typescriptReaderWorkerEntry,
    databaseOptions,
    { now: Date.now, predictions },
  );
  const scriptNotices = watchScriptUpdates(database.db, events);
  let lastPullAt: string | null = null;
  const preferences = loadPreferences(options.dataDir, options.systemLocale);

  let sync: SyncWorkerHandle | null = null;
  // Set once the floor exists (below); the stream may hear of the floor before that.
  let floor: FloorDesk | null = null;
  let streamConnected = false;
  let demoSignIn: DemoSignIn | null = null;
  // Set once the lock exists (below); the sync worker may hear of a revocation before that.
  let revocation: DeskRevocation | null = null;
  let revokedHeard: DeskRevocationReason | null = null;
  let offlineGrace: OfflineGrace | null = null;
  const retailer = options.retailer;
  const deskIdentity = { id: loadOrCreateDeskId(options.dataDir), version: options.appVersion };
  if (retailer) {
    if (!options.syncWorkerEntry)
      throw new Error('A retailer connection needs a sync worker entry');
    sync = startSyncWorker({
      entry: options.syncWorkerEntry,
      config: {
        dbFile,
        baseUrl: retailer.baseUrl,
        desk: deskIdentity,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
        ...(cacheKey ? { cacheKey } : {}),
        ...(options.pullIntervalMs ? { pullIntervalMs: options.pullIntervalMs } : {}),
        ...(options.syncStream ? { stream: options.syncStream } : {}),
      },
      sessions: keys ? grantKeepingSessions(retailer.sessions, keys) : retailer.sessions,
      onFloorEvent: (event) => floor?.onStreamEvent(event),
      onStatus: (status) => {
        events.emit('sync:status', status);
        // The retailer revoked this desk (any request): lock, send what is left, erase.
        if (status.error?.code === 'device_revoked') {
          revokedHeard = status.error.revocationReason ?? 'device_revoked';
          void revocation?.revoked(revokedHeard);
        }
        offlineGrace?.check();
        // The live stream (re)connected: alerts kept while offline go now, and the answers to
        // this desk's alerts given meanwhile are read (nobody pushed them to a closed stream).
        const connected = status.stream === 'connected';
        if (connected && !streamConnected) {
          void floor?.onStreamConnected();
          void auditOutbox?.flush();
        }
        streamConnected = connected;
        // A finished pull may have brought a newly published script: the agent hears of it.
        if (status.phase === 'idle' && status.lastSyncedAt !== lastPullAt) {
          lastPullAt = status.lastSyncedAt;
          void scriptNotices.check();
          void policies.refresh();
          void privacy.refresh();
          // Back online: the agent's state changes kept while offline go now.
          void agentStateReports?.flush();
          void floor?.alerts.flush();
          void auditOutbox?.flush();
        }
      },
    });
    if (!retailer.sessions.load() && retailer.demoAgent) {
      demoSignIn = signInDemoAgent(sync, retailer.demoAgent, () => revokedHeard !== null);
    }
  }

  // The desk is kept on disk: calls waiting for their wrap-up, and the agent's drafts, outlive
  // a crash of the app.
  const deskCalls = createDeskCallsRepository(database.sqlite);
  const desk = createCallDesk({ persistence: deskCalls });
  // The retailer's policies that lock the desk, read again after every pull.
  const policies = createDeskPolicies(database.db);
  await policies.refresh();
  const lock = createDeskLock({
    pins: fileDeskPinStore(options.dataDir),
    desk,
    idleMinutes: policies.idleMinutes,
  });
  lock.subscribe((state) => events.emit('lock:changed', state));
  const accessWatch = createAccessWatch({
    sqlite: database.sqlite,
    lock,
    rules: policies.bulkAccessRules,
  });
  const auditOutbox = retailer
    ? createAuditOutbox({
        sqlite: database.sqlite,
        agentId: () => agent()?.id ?? null,
        send: async (entries) =>
          (await reportRequest('POST', '/v1/audit/accesses', accessPushResponse, { entries }))
            .results,
      })
    : null;
  // Each access: the desk's policies count it at once (offline too), then it leaves.
  const audited = (entry: AuditEntry) => {
    accessWatch.recorded(entry);
    auditOutbox?.soon();
  };
  // Searches and pops by hand: committed just after their answer (see audit-journal.ts).
  const auditJournal = createAuditJournal({
    sqlite: database.sqlite,
    committed: (entries) => entries.forEach(audited),
  });
  // The retailer's sensitive fields, read again after every pull like the idle time.
  const privacy = createPrivacyGuard({
    db: database.db,
    desk,
    deskCalls,
    onAudited: audited,
  });
  await privacy.refresh();
  const agentState = createAgentStateService({ desk });
  // Erased means erased, offline too: the retention window moves on the desk's own clock.
  const retention = startRetentionPurge({
    sqlite: database.sqlite,
    isBusy: () => desk.isCallActive(),
    activeWithinDays: () => privacy.policy().activeWithinDays,
    onError: (error) => console.error('[koe] retention purge failed:', error),
    ...(options.retentionPurge ?? {}),
  });
  revocation = createDeskRevocation({
    sqlite: database.sqlite,
    lock,
    flush: async () => {
      await Promise.all([auditOutbox?.flush(), floor?.alerts.flush(), agentStateReports?.flush()]);
    },
    stopSync: async () => {
      await sync?.stop();
    },
    forgetGrant: () => {
      keys?.forgetGrant();
      forgetDeskId(options.dataDir);
    },
    scrubAgainSoon: () => retention.soon(),
  });
  if (revokedHeard) void revocation.revoked(revokedHeard);
  // Only a desk with a retailer can be out of reach of it.
  if (retailer) {
    const syncState = syncStateStore(database.sqlite);
    offlineGrace = watchOfflineGrace({
      lock,
      lastContactAt: () => syncState.get('last_synced_at'),
      graceHours: policies.offlineGraceHours,
      ...(options.offlineGrace ?? {}),
    });
  }
  const signOut = async (wipe: boolean) => {
    (options.savedSessions ?? retailer?.sessions)?.clear();
    retailer?.sessions.clear();
    if (!wipe) return { wiped: false, scrubbed: false };
    createLocalEraser(database.sqlite).wipeCustomerData();
    const scrubbed = scrubDeletedBytes(database.sqlite).complete;
    // A reader held the log: the retention timer scrubs again in a few seconds.
    if (!scrubbed) retention.soon();
    return { wiped: true, scrubbed };
  };
  const reportRequest = retailer
    ? createAuthorizedRequest({
        baseUrl: retailer.baseUrl,
        sessions: retailer.sessions,
        requestRefresh: () => sync?.syncNow(),
        timeoutMs: 10_000,
        headers: deskHeaders(deskIdentity),
      })
    : () => Promise.reject(new Error('No retailer'));
  const readUpdateFeed = retailer
    ? createUpdateFeedReader({
        baseUrl: retailer.baseUrl,
        sessions: retailer.sessions,
        desk: deskIdentity,
        request: reportRequest,
      })
    : async () => null;
  let updateNotice: UpdateNotice | null = null;
  const agentStateReports = retailer
    ? createAgentStateReporter({
        sqlite: database.sqlite,
        send: async (changes) => {
          await reportRequest('POST', '/v1/agent-state/changes', agentStatePushResponse, {
            changes,
          });
        },
      })
    : null;
  floor = createFloorDesk({
    sqlite: database.sqlite,
    events,
    request: retailer ? reportRequest : null,
    agent: () => agent(),
    onOwnPolicyAlert: ({ stage, note }) => {
      if (stage === 'acknowledged') {
        accessWatch.release();
        // The retailer refused this agent's pulls while the policy held it (423): ask again now.
        void sync?.syncNow();
      } else if (stage === 'raised' && note.startsWith(LOCK_NOTE_PREFIX))
        accessWatch.lockFromRetailer();
    },
  });
  /** The outreach call the agent is on, reported with the state (see outreachCallEvent). */
  const outreachCall = (): OutreachCallEvent | undefined => {
    const call = desk.current();
    return call?.outreach && call.state === 'in_call'
      ? { callId: call.callId, customerId: call.outreach.customerId, direction: 'outbound' }
      : undefined;
  };
  agentState.subscribe((state) => {
    events.emit('agentState:changed', state);
    agentStateReports?.record(state, lock.isLocked(), outreachCall());
  });
  // The floor shows a locked desk as locked: each lock and unlock is reported with the state.
  let reportedLocked = lock.isLocked();
  lock.subscribe((state) => {
    if (state.locked === reportedLocked) return;
    reportedLocked = state.locked;
    agentStateReports?.record(agentState.current(), state.locked, outreachCall());
  });
  // The retailer hears the state this desk starts in: after a restart its floor must not keep
  // showing the state the agent had before.
  agentStateReports?.record(agentState.current(), lock.isLocked(), outreachCall());
  // A ring goes out with the caller's (masked) screen pop, read before the event leaves.
  sendCallsWithPops({
    desk,
    events,
    db: database.db,
    predictions,
    isLocked: () => lock.isLocked(),
    mask: (pop) => privacy.screenPop(pop),
  });
  const cti =
    options.ctiPort === false
      ? null
      : await startCtiBridge({
          dataDir: options.dataDir,
          desk,
          agentState,
          ...(options.ctiPort === undefined ? {} : { port: options.ctiPort }),
        });
  const agent = (): SignedInAgent | null => {
    const user = retailer?.sessions.load()?.user;
    return user
      ? {
          id: user.id,
          displayName: user.displayName,
          centerId: user.centerId,
          role: user.role,
          retailerName: user.retailerName ?? null,
        }
      : null;
  };

  const router = createIpcRouter(
    createServices({
      agentState,
      lock,
      floor,
      signOut,
      privacy,
      heavyReads: reader,
      audited,
      auditJournal,
      db: database.db,
      sqlite: database.sqlite,
      desk,
      deskCalls,
      predictions,
      fitRisk: (thresholds) => predictionWorker().fitRisk({ thresholds, now: Date.now() }),
      agent,
      cti: () =>
        cti && {
          url: cti.url,
          wsUrl: cti.wsUrl,
          token: cti.token,
          port: cti.port,
          wantedPort: cti.wantedPort,
        },
      events,
      preferences,
      appVersion: options.appVersion,
      updateNotice: () => updateNotice,
      studio: retailer
        ? createStudioClient({
            baseUrl: retailer.baseUrl,
            sessions: retailer.sessions,
            requestRefresh: () => sync?.syncNow(),
          })
        : null,
      insights: retailer
        ? createInsightsClient({
            baseUrl: retailer.baseUrl,
            sessions: retailer.sessions,
            requestRefresh: () => sync?.syncNow(),
          })
        : null,
      admin: retailer
        ? createAdminClient({
            baseUrl: retailer.baseUrl,
            sessions: retailer.sessions,
            requestRefresh: () => sync?.syncNow(),
          })
        : null,
      retailer: retailer
        ? {
            url: retailer.baseUrl,
            isDemo: retailer.demoAgent !== undefined,
            status: () => sync?.status() ?? initialSyncStatus,
            syncNow: () => sync?.syncNow(),
          }
        : null,
      connectRetailer: retailerConnector({
        saveTo: retailer ? (options.savedSessions ?? retailer.sessions) : null,
        preferences,
      }),
    }),
  );
  return {
    router,
    events,
    database,
    preferences,
    desk,
    cti,
    agentState,
    agentStateReports,
    lock,
    floor,
    retention,
    revocation,
    offlineGrace,
    openLink(url) {
      const link = parseKoeLink(url);
      if (!link) return false;
      if (link.to === 'screenPop') {
        // koe://call: the softphone hands over a call; the desk pops it like a CTI ring.
        const started = desk.startCall({ ani: link.phone, origin: 'link' });
        if (started.ok) return true;
        console.error(`[koe] koe://call not started: ${started.error.message}`);
      }
      events.emit('app:navigate', link);
      return true;
    },
    isCallActive: () => desk.isCallActive(),
    updateFeed: readUpdateFeed,
    announceUpdate(notice) {
      updateNotice = notice;
      events.emit('updates:notice', notice);
    },
    locale: () => preferences.get().locale,
    syncStatus: () => sync?.status() ?? initialSyncStatus,
    cacheProtection: () => keys?.protection() ?? null,
    async close() {
      demoSignIn?.stop();
      lock.close();
      offlineGrace?.close();
      retention.close();
      agentState.close();
      agentStateReports?.close();
      floor?.close();
      await cti?.close();
      await sync?.stop();
      predictions?.close();
      await fitWorker?.stop();
      await reader.stop();
      // A call's row still waiting for the write lock (see desk-calls.repository.ts) goes first.
      deskCalls.close();
      auditJournal.commit();
      await database.close();
      keepDataFolderOwnerOnly(options.dataDir);
    },
  };
}

/**
 * One cache file per retailer: a desktop moved to another retailer never mixes their data, and
 * the demo retailer's cache never leaks into a real one.
 */
export function cacheFileName(retailer: RetailerConnection | undefined): string {
  if (!retailer || retailer.demoAgent) return 'koe.sqlite';
  return `koe-${createHash('sha256').update(retailer.baseUrl).digest('hex').slice(0, 12)}.sqlite`;
}
