import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKoeCore, type KoeCore } from '../../../src/main/core/koe-core';
import { typescriptSyncWorkerEntry } from '../../../src/main/core/sync/sync-worker-host';
import type { DeskAlert } from '../../../src/shared/floor-ipc';
import type { IpcChannel, IpcOutput } from '../../../src/shared/ipc';
import { session as sessionSchema, type Session } from '../../../src/shared/protocol/auth';
import { startFaultProxy, type FaultProxy } from '../sync/fault-proxy';
import {
  call,
  PASSWORD,
  signIn,
  startTestServer,
  TENANTS,
  type TestServer,
} from '../server/test-server';
import { openFloorStream, type FloorStream } from './floor-stream-reader';

/**
 * Alerts from the desk as the app starts it (core, sync worker, live stream) to a real retailer
 * API on loopback, through a proxy that can take the network away; the supervisor listens on
 * the retailer's event stream and acknowledges through its API. SQLite, or PostgreSQL when
 * KOE_TEST_DATABASE_URL is set.
 */
const A = TENANTS[0]!;
const agentUser = A.users.find((u) => u.role === 'agent' && u.centerId === A.centers[0])!;
const supervisor = A.users.find((u) => u.role === 'supervisor' && u.centerId === A.centers[0])!;

let server: TestServer;
let proxy: FaultProxy;
let core: KoeCore;
let dataDir: string;
let supervisorToken: string;
let floor: FloorStream;

async function signInSession(url: string, email: string): Promise<Session> {
  const response = await fetch(`${url}/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  return sessionSchema.parse(await response.json());
}

/** A channel through the core's router (validation included), typed by the contract. */
async function invoke<C extends IpcChannel>(channel: C, input: unknown): Promise<IpcOutput<C>> {
  const result = await core.router.handle(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as IpcOutput<C>;
}

/** Resolves with the desk's alert list at the first `alerts:changed` where `match` holds. */
function deskAlerts(match: (alerts: DeskAlert[]) => boolean, ms = 15_000): Promise<DeskAlert[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`No matching alerts:changed in ${ms} ms`));
    }, ms);
    const off = core.events.subscribe((event, payload) => {
      if (event !== 'alerts:changed') return;
      const { alerts } = payload as { alerts: DeskAlert[] };
      if (!match(alerts)) return;
      clearTimeout(timer);
      off();
      resolve(alerts);
    });
  });
}

/** The desk's live stream is open (the sync status says so). */
function streamConnected(ms = 15_000): Promise<void> {
  if (core.syncStatus().stream === 'connected') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The desk never connected')), ms);
    const off = core.events.subscribe((event, payload) => {
      if (event === 'sync:status' && (payload as { stream: string }).stream === 'connected') {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  });
}

beforeAll(async () => {
  server = await startTestServer({ postgres: Boolean(process.env.KOE_TEST_DATABASE_URL) });
  proxy = await startFaultProxy({ target: server.url, seed: 1, rate: 0 });
  const stored = { current: (await signInSession(server.url, agentUser.email)) as Session | null };
  const sessions = {
    load: () => stored.current,
    save: (s: Session) => void (stored.current = s),
    clear: () => void (stored.current = null),
  };
  dataDir = mkdtempSync(join(tmpdir(), 'koe-floor-alerts-'));
  core = await startKoeCore({
    dataDir,
    appVersion: 'test',
    retailer: { baseUrl: proxy.url, sessions },
    syncWorkerEntry: typescriptSyncWorkerEntry,
    ctiPort: false,
    predictions: false,
    syncStream: { reconnectBaseMs: 100, reconnectMaxMs: 500 },
  });
  supervisorToken = await signIn(server.url, supervisor.email);
  floor = await openFloorStream(server.url, supervisorToken);
  await streamConnected();
}, 60_000);

afterAll(async () => {
  floor?.close();
  await core?.close();
  await proxy?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('alerts from the desk', () => {
  it("harassment: the supervisor's stream has it; their acknowledgment reaches the agent's screen with who and when", async () => {
    core.desk.apply({ type: 'ringing', callId: 'fa-1', ani: '090-1234-5678' });
    core.desk.apply({ type: 'answered', callId: 'fa-1' });
    const told = deskAlerts((alerts) =>
      alerts.some((a) => a.callId === 'fa-1' && a.status === 'told'),
    );
    const { alertId } = await invoke('calls:alertSupervisor', {
      callId: 'fa-1',
      customerId: null,
      stage: 'warn',
    });
    const seen = await floor.next((e) => e.type === 'alert' && e.alert.id === alertId);
    expect(seen).toMatchObject({
      stage: 'raised',
      alert: { kind: 'harassment', protocolStage: 'warn', agentId: agentUser.id, callId: 'fa-1' },
    });
    expect((await told).find((a) => a.id === alertId)!.deliveredAt).not.toBeNull();

    const taken = deskAlerts((alerts) =>
      alerts.some((a) => a.id === alertId && a.status === 'acknowledged'),
    );
    const ack = await call(server.url, supervisorToken, 'POST', '/v1/floor/alerts/acknowledge', {
      alertId,
    });
    expect(ack.status).toBe(200);
    const mine = (await taken).find((a) => a.id === alertId)!;
    expect(mine.acknowledged).toMatchObject({ byName: supervisor.displayName });
    const recorded = (ack.json as { alert: { acknowledged: { at: string } } }).alert.acknowledged;
    expect(mine.acknowledged!.at).toBe(recorded.at);
    // The screen reads the same from the core's list (after a reload, say).
    const listed = await invoke('alerts:mine', {});
    expect(listed.alerts.find((a) => a.id === alertId)?.status).toBe('acknowledged');
  });

  it('a hand raised while the retailer is unreachable says "not told" until it is delivered after the network is back', async () => {
    proxy.setOffline(true);
    const failedOnce = deskAlerts((alerts) =>
      alerts.some((a) => a.kind === 'help' && a.lastError !== null),
    );
    const raised = await invoke('alerts:raiseHand', {
      callId: null,
      customerId: null,
      note: 'Customer asks for a manager',
    });
    const id = raised.id;
    expect(raised.status).toBe('not_told');
    // The send was tried and failed: still not told, and the screen's list says so.
    const afterFailure = (await failedOnce).find((a) => a.id === id)!;
    expect(afterFailure).toMatchObject({ status: 'not_told', deliveredAt: null });
    const listed = await invoke('alerts:mine', {});
    expect(listed.alerts.find((a) => a.id === id)?.status).toBe('not_told');
    expect(
      await server.store.db
        .selectFrom('incident_events')
        .select('alert_id')
        .where('alert_id', '=', id)
        .execute(),
    ).toEqual([]);

    const backOnline = Date.now();
    const told = deskAlerts((alerts) => alerts.some((a) => a.id === id && a.status === 'told'));
    proxy.setOffline(false);
    const seen = await floor.next((e) => e.type === 'alert' && e.alert.id === id, 20_000);
    if (seen.type !== 'alert') throw new Error('not an alert');
    expect(Date.parse(seen.alert.receivedAt)).toBeGreaterThanOrEqual(backOnline - 5);
    expect(seen.alert.note).toBe('Customer asks for a manager');
    expect((await told).find((a) => a.id === id)!.deliveredAt).toBe(seen.alert.receivedAt);
  }, 40_000);
});
