import { afterAll, describe, expect, it } from 'vitest';
import type { DeskAlert } from '../../../src/shared/floor-ipc';
import { useDeskWithRetailer } from '../../fixtures/desk-with-retailer';
import { call, signIn, TENANTS } from '../../fixtures/test-server';
import { openFloorStream, type FloorStream } from '../../fixtures/floor-stream-reader';

/**
 * Alerts from the desk as the app starts it (core, sync worker, live stream) to a real retailer
 * API on loopback, through a proxy that can take the network away; the supervisor listens on
 * the retailer's event stream and acknowledges through its API. SQLite, or PostgreSQL when
 * KOE_TEST_DATABASE_URL is set.
 */
const A = TENANTS[0]!;
const agentUser = A.users.find((u) => u.role === 'agent' && u.centerId === A.centers[0])!;
const supervisor = A.users.find((u) => u.role === 'supervisor' && u.centerId === A.centers[0])!;

let supervisorToken: string;
let floor: FloorStream;
const desk = useDeskWithRetailer({
  agentEmail: agentUser.email,
  tempPrefix: 'koe-floor-alerts-',
  core: { syncStream: { reconnectBaseMs: 100, reconnectMaxMs: 500 } },
  afterStart: async ({ server }) => {
    supervisorToken = await signIn(server.url, supervisor.email);
    floor = await openFloorStream(server.url, supervisorToken);
    await streamConnected();
  },
});
const { invoke } = desk;

/** Resolves with the desk's alert list at the first `alerts:changed` where `match` holds. */
async function deskAlerts(match: (alerts: DeskAlert[]) => boolean): Promise<DeskAlert[]> {
  return (await desk.nextEvent('alerts:changed', ({ alerts }) => match(alerts))).alerts;
}

/** The desk's live stream is open (the sync status says so). */
async function streamConnected(): Promise<void> {
  if (desk.core.syncStatus().stream === 'connected') return;
  await desk.nextEvent('sync:status', (s) => s.stream === 'connected');
}

afterAll(() => floor?.close());

describe('alerts from the desk', () => {
  it("harassment: the supervisor's stream has it; their acknowledgment reaches the agent's screen with who and when", async () => {
    desk.core.desk.apply({ type: 'ringing', callId: 'fa-1', ani: '090-1234-5678' });
    desk.core.desk.apply({ type: 'answered', callId: 'fa-1' });
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
    const ack = await call(
      desk.server.url,
      supervisorToken,
      'POST',
      '/v1/floor/alerts/acknowledge',
      {
        alertId,
      },
    );
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
    desk.proxy.setOffline(true);
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
      await desk.server.store.db
        .selectFrom('incident_events')
        .select('alert_id')
        .where('alert_id', '=', id)
        .execute(),
    ).toEqual([]);

    const backOnline = Date.now();
    const told = deskAlerts((alerts) => alerts.some((a) => a.id === id && a.status === 'told'));
    desk.proxy.setOffline(false);
    const seen = await floor.next((e) => e.type === 'alert' && e.alert.id === id, 20_000);
    if (seen.type !== 'alert') throw new Error('not an alert');
    expect(Date.parse(seen.alert.receivedAt)).toBeGreaterThanOrEqual(backOnline - 5);
    expect(seen.alert.note).toBe('Customer asks for a manager');
    expect((await told).find((a) => a.id === id)!.deliveredAt).toBe(seen.alert.receivedAt);
  }, 40_000);
});
