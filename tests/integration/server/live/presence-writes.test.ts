import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeskOf } from '../../../../server/src/data/floor-presence';
import { presenceWrites } from '../../../../server/src/live/presence-writes';
import { startTestServer, type TestServer } from '../../../fixtures/test-server';
import { describeEachDatabase } from '../../../fixtures/test-database';

/**
 * The desks' presence reports are written together: many desks heard from within a moment are
 * stored by one write, each desk's `seen_at` lands, and only the desks the floor had been told
 * were gone (or never heard of) are announced back.
 */
describeEachDatabase('presence writes on $name', ({ postgres }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ postgres, webhooks: false });
  }, 60_000);
  afterAll(() => server?.close());

  const desk = (n: number): DeskOf => ({
    tenantId: 'retailer-a',
    agentId: `presence-agent-${n}`,
    centerId: 'retailer-a-center-x',
  });
  const seen = async () =>
    new Map(
      (
        await server.store.db
          .selectFrom('agent_presence')
          .select(['agent_id', 'seen_at', 'offline_announced_at'])
          .where('agent_id', 'like', 'presence-agent-%')
          .execute()
      ).map((r) => [r.agent_id, r]),
    );

  it('stores every desk heard from in one write and announces back only the desks the floor had lost', async () => {
    const back: string[] = [];
    const writes = presenceWrites(
      server.store.db,
      async (d) => void back.push(d.agentId),
      (m, e) => {
        throw new Error(`${m}: ${String(e)}`);
      },
      // Long enough that all reports below fall in one write.
      60_000,
    );
    for (const n of [1, 2, 3]) writes.touch(desk(n), true);
    writes.touch(desk(2), true);
    expect((await seen()).size).toBe(0);
    // Stopping writes what is pending, once.
    await writes.stop();
    const first = await seen();
    expect([...first.keys()].sort()).toEqual([
      'presence-agent-1',
      'presence-agent-2',
      'presence-agent-3',
    ]);
    expect(new Set([...first.values()].map((r) => r.seen_at)).size).toBe(1);
    // Never heard of before: all three are announced.
    expect(back.sort()).toEqual(['presence-agent-1', 'presence-agent-2', 'presence-agent-3']);

    // The floor is told desk 2 went silent; desks 1 and 2 report again.
    await server.store.db
      .updateTable('agent_presence')
      .set({ offline_announced_at: new Date().toISOString() })
      .where('agent_id', '=', 'presence-agent-2')
      .execute();
    back.length = 0;
    let announced!: () => void;
    const desk2Back = new Promise<void>((resolve) => (announced = resolve));
    const again = presenceWrites(
      server.store.db,
      async (d) => {
        back.push(d.agentId);
        if (d.agentId === 'presence-agent-2') announced();
      },
      () => {},
      5,
    );
    again.touch(desk(1), true);
    again.touch(desk(2), true);
    // The timer's write (both reports in one) announced desk 2; stop waits for that write's end,
    // so a wrong announcement of desk 1 would be in `back` by then.
    await desk2Back;
    await again.stop();
    expect(back).toEqual(['presence-agent-2']);
    const second = await seen();
    expect(second.get('presence-agent-2')?.offline_announced_at).toBeNull();
    expect(second.get('presence-agent-1')!.seen_at > first.get('presence-agent-1')!.seen_at).toBe(
      true,
    );
    expect(second.get('presence-agent-3')!.seen_at).toBe(first.get('presence-agent-3')!.seen_at);
  });

  it('writes a desk that just connected at once, not with the routine reports', async () => {
    const writes = presenceWrites(
      server.store.db,
      async () => {},
      () => {},
      60_000,
    );
    writes.touch(desk(4));
    for (let i = 0; i < 200 && !(await seen()).has('presence-agent-4'); i++)
      await new Promise((r) => setTimeout(r, 25));
    expect((await seen()).has('presence-agent-4')).toBe(true);
    await writes.stop();
  });
});
