import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../../src/shared/domain/guidance';
import { accessList } from '../../../src/shared/protocol/access-audit';
import { customerRecord } from '../../fixtures/retailer-records';
import { useDeskWithRetailer } from '../../fixtures/desk-with-retailer';
import { openFloorStream, type FloorStream } from '../../fixtures/floor-stream-reader';
import { call, signIn, TENANTS } from '../../fixtures/test-server';

/**
 * The desk's audit and bulk-access lock as the app starts them (core, sync worker, live stream)
 * against a real retailer API on loopback: a `lock_desk` policy locks the desk at once — offline
 * too — past its threshold and not at it; a locked desk answers no customer data and its PIN does
 * not open it; the retailer evaluates the same policy from the synced audit and the supervisor's
 * "taking it" unlocks the desk. An edited desk cannot change rows it already pushed.
 */
const A = TENANTS[0]!;
const agentUser = A.users.find((u) => u.role === 'agent' && u.centerId === A.centers[0])!;
const supervisor = A.users.find((u) => u.role === 'supervisor' && u.centerId === A.centers[0])!;
const admin = A.users.find((u) => u.role === 'retailer_admin')!;

const CUST_9_PHONE = '090-5555-0199';

const lockPolicy: Policy = {
  id: 'pol-desk-reveals',
  kind: 'bulk_access',
  labelJa: '開示の上限',
  labelEn: 'Reveal limit',
  params: { metric: 'reveals', threshold: 2, windowMinutes: 60, action: 'lock_desk' },
  active: true,
  updatedAt: new Date().toISOString(),
};

let supervisorToken: string;
let floor: FloorStream;
const desk = useDeskWithRetailer({
  agentEmail: agentUser.email,
  tempPrefix: 'koe-access-audit-',
  core: { syncStream: { reconnectBaseMs: 100, reconnectMaxMs: 500 } },
  seed: async (server) => {
    const adminToken = await signIn(server.url, admin.email);
    const set = await call(server.url, adminToken, 'POST', '/v1/data/batch', {
      records: [
        { type: 'policy', data: lockPolicy },
        customerRecord({ id: 'cust-9', phones: [{ number: CUST_9_PHONE, kind: 'mobile' }] }),
      ],
    });
    expect(set.status).toBe(200);
  },
  afterStart: async ({ server, nextEvent, restartCore }) => {
    // A first start pulls the retailer's policies into the cache; the desk under test reads them
    // as it starts (no race with a pull that finishes later).
    await nextEvent('sync:status', (s) => s.phase === 'idle' && s.lastSyncedAt !== null, 30_000);
    await restartCore();
    supervisorToken = await signIn(server.url, supervisor.email);
    floor = await openFloorStream(server.url, supervisorToken);
    await nextEvent('sync:status', (s) => s.stream === 'connected');
  },
  startTimeoutMs: 90_000,
});
const { invoke, nextEvent } = desk;

afterAll(() => floor?.close());

describe('bulk-access lock on the desk', () => {
  it('locks at once (offline) past the threshold, not at it; hides customer data; only the supervisor opens it', async () => {
    // The agent has a desk PIN: it still must not open a policy's lock.
    await invoke('lock:setPin', { pin: '123456', currentPin: null });
    desk.proxy.setOffline(true);
    // Reveals are allowed only on a call with the customer: the agent calls them.
    const { callId } = await invoke('calls:start', { phone: CUST_9_PHONE });
    const reveal = () =>
      invoke('customers:revealPii', { customerId: 'cust-9', field: 'phone', callId });
    await reveal();
    await reveal();
    // At the threshold: open, and customer data answers.
    expect((await invoke('lock:state', {})).locked).toBe(false);
    await invoke('customers:search', { query: '山田' });

    const locked = nextEvent('lock:changed', (s) => s.locked);
    await reveal();
    expect(await locked).toMatchObject({ locked: true, cause: 'policy' });
    const refused = await desk.core.router.handle('customers:search', { query: '山田' });
    expect(refused.ok ? null : refused.error.code).toBe('locked');
    const card = await desk.core.router.handle('customers:card', { customerId: 'cust-9' });
    expect(card.ok ? null : card.error.code).toBe('locked');
    // Not even the agent's right PIN opens a policy's lock.
    expect((await invoke('lock:unlock', { pin: '123456' })).unlocked).toBe(false);

    // Back online: the audit reaches the retailer, which evaluates the same policy and tells the
    // supervisor on the floor; their "taking it" opens the desk.
    desk.proxy.setOffline(false);
    const alert = await floor.next(
      (e) =>
        e.type === 'alert' && e.alert.kind === 'bulk_access' && e.alert.agentId === agentUser.id,
      30_000,
    );
    if (alert.type !== 'alert') throw new Error('not an alert');
    expect(alert.alert.note).toContain('[lock_desk]');
    expect((await invoke('lock:state', {})).locked).toBe(true);
    // The retailer holds the agent's data too: the desk's pull is refused, and its status says
    // why (an edited desk that ignored its own lock would get nothing either).
    const refusedPull = nextEvent('sync:status', (s) => s.error?.code === 'locked_by_policy');
    await invoke('sync:now', {});
    await refusedPull;
    const pullsAgain = nextEvent('sync:status', (s) => s.phase === 'idle' && s.error === null);
    const opened = nextEvent('lock:changed', (s) => !s.locked);
    const ack = await call(
      desk.server.url,
      supervisorToken,
      'POST',
      '/v1/floor/alerts/acknowledge',
      {
        alertId: alert.alert.id,
      },
    );
    expect(ack.status).toBe(200);
    expect(await opened).toMatchObject({ locked: false, cause: null });
    // Taken: the desk asks again at once, and the retailer answers.
    await pullsAgain;
    await invoke('customers:search', { query: '山田' });
  }, 60_000);

  it('pushes every access; an edited desk that pushes again cannot change a pushed row', async () => {
    const db = new Database(desk.cacheFile);
    try {
      // The outbox sends within a moment of each access: wait for the rows to be marked.
      const until = async (done: () => boolean) => {
        while (!done()) await new Promise((resolve) => setTimeout(resolve, 50));
      };
      await invoke('sync:now', {});
      const unpushed = () =>
        (db.prepare('select count(*) as n from audit_log where pushed = 0').get() as { n: number })
          .n;
      await invoke('customers:search', { query: '佐藤' });
      await until(() => unpushed() === 0);
      const row = db
        .prepare(
          `select id, detail from audit_log where kind = 'pii_revealed' order by seq limit 1`,
        )
        .get() as { id: string; detail: string };
      const read = async () =>
        accessList.parse(
          (
            await call(
              desk.server.url,
              supervisorToken,
              'GET',
              `/v1/audit/accesses?agentId=${agentUser.id}&limit=500`,
            )
          ).json,
        );
      const before = await read();
      expect(before.entries.map((e) => e.kind)).toEqual(
        expect.arrayContaining(['pii_revealed', 'search']),
      );
      const pushedRow = before.entries.find((e) => e.id === row.id)!;
      expect(pushedRow.detail).toEqual({ field: 'phone' });

      // Someone with the PC rewrites the row and marks it unsent: the retailer refuses it.
      db.prepare(
        `update audit_log set detail = ?, customer_id = 'cust-other', pushed = 0 where id = ?`,
      ).run(JSON.stringify({ field: 'email' }), row.id);
      await invoke('customers:search', { query: '鈴木' });
      await until(() => unpushed() === 0);
      expect(
        (db.prepare('select pushed from audit_log where id = ?').get(row.id) as { pushed: number })
          .pushed,
      ).toBe(2);
      const after = await read();
      expect(after.entries.find((e) => e.id === row.id)).toEqual(pushedRow);
      expect(after.conflicts).toBe(before.conflicts + 1);
    } finally {
      db.close();
    }
  }, 60_000);
});
