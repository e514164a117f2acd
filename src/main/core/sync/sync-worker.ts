import { parentPort } from 'node:worker_threads';
import type { Session } from '../../../shared/protocol/auth';
import { openDatabase, type LocalDatabase } from '../platform/connection';
import { startPageDecoder, type PageDecoder } from './page-decoder';
import { createRetailerApi } from './retailer-api';
import { createSyncEngine, type SyncEngine } from './sync-engine';
import type { FromSyncWorker, ToSyncWorker } from './sync-worker-protocol';
import { SyncError } from './sync-error';
import { giveWayToTheForeground } from '../platform/worker-entry';

/**
 * The sync worker: pulls, writes and pushes on its own thread and its own connection, so a
 * bootstrap of millions of rows never delays the screen pop answered on the main thread (WAL
 * lets that thread read while this one writes). It never persists the session itself: the
 * host keeps it in Electron's safeStorage.
 */
const port = parentPort;
if (!port) throw new Error('sync-worker must run in a worker thread');
giveWayToTheForeground();
const post = (message: FromSyncWorker) => port.postMessage(message);

let database: LocalDatabase | null = null;
let engine: SyncEngine | null = null;
let api: ReturnType<typeof createRetailerApi> | null = null;
let decoder: PageDecoder | null = null;

port.on('message', async (message: ToSyncWorker) => {
  switch (message.type) {
    case 'start': {
      const { config } = message;
      let session: Session | null = config.session;
      database = await openDatabase({
        filename: config.dbFile,
        ...(config.nativeBinding ? { nativeBinding: config.nativeBinding } : {}),
        ...(config.cacheKey ? { key: config.cacheKey } : {}),
      });
      // Pages are decoded on a thread of their own while this one writes the page before.
      decoder = startPageDecoder(config.pageDecoderEntry);
      api = createRetailerApi({
        baseUrl: config.baseUrl,
        pageDecoder: decoder,
        ...(config.desk ? { desk: config.desk } : {}),
        sessions: {
          load: () => session,
          save: (s) => post({ type: 'session', session: (session = s) }),
          clear: () => post({ type: 'session', session: (session = null) }),
        },
      });
      engine = createSyncEngine({
        sqlite: database.sqlite,
        api,
        onStatus: (status) => post({ type: 'status', status }),
        onFloorEvent: (event) => post({ type: 'floor', event }),
        ...(config.pullIntervalMs ? { pullIntervalMs: config.pullIntervalMs } : {}),
        ...(config.pageSize ? { pageSize: config.pageSize } : {}),
        ...(config.stream ? { stream: config.stream } : {}),
      });
      engine.start();
      break;
    }
    case 'signIn': {
      try {
        await api?.signIn(message.email, message.password);
        post({ type: 'signInResult', ok: true });
        void engine?.syncNow();
      } catch (error) {
        post({ type: 'signInResult', ok: false, message: (error as Error).message });
        // A revoked desk hears it at sign-in too: it stops and reports it like any request.
        if (error instanceof SyncError) void engine?.signInRefused(error);
      }
      break;
    }
    case 'syncNow':
      void engine?.syncNow();
      break;
    case 'stop':
      await engine?.stop();
      await decoder?.close();
      await database?.close();
      post({ type: 'stopped' });
      port.close();
      break;
  }
});
