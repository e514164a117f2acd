import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKoeCore } from '../src/main/core/koe-core';
import { typescriptSyncWorkerEntry } from '../src/main/core/sync/sync-worker-host';
import type { DeskAlert } from '../src/shared/floor-ipc';
import { session as sessionSchema, type Session } from '../src/shared/protocol/auth';
import { uuidV7 } from '../src/shared/uuid-v7';
import { openFloorStream } from '../tests/fixtures/floor-stream-reader';
import { call, PASSWORD, signIn, startTestServer, TENANTS } from '../tests/fixtures/test-server';
import { figure, note, percentile, type Figure } from './lib/figures';

/** Under the route's rate limit (120 a minute per agent) with room for the desk's retries. */
const ALERTS = Number(process.env.KOE_BENCH_ALERTS ?? 50);

/**
 * Alert delivery, desk → supervisor: an agent's raised hand through the IPC router, the desk's
 * alert outbox, the retailer's ingest and the live fan-out, until the supervisor's event stream
 * has it (on PostgreSQL the supervisor listens on a second server process). Baseline: the same
 * alert posted straight to the server and heard on the same stream (no desk). Hops: the desk's
 * record (IPC + outbox write), the push until the server received it, the fan-out after that.
 */
export async function benchFloorAlerts(): Promise<Figure[]> {
  const figures: Figure[] = [];
  figures.push(...(await run('sqlite')));
  if (process.env.KOE_TEST_DATABASE_URL) figures.push(...(await run('postgres')));
  return figures;
}

async function run(kind: 'sqlite' | 'postgres'): Promise<Figure[]> {
  const A = TENANTS[0]!;
  const agent = A.users.find((u) => u.role === 'agent' && u.centerId === A.centers[0])!;
  const other = A.users.find((u) => u.role === 'agent' && u.centerId === A.centers[1])!;
  const admin = A.users.find((u) => u.role === 'retailer_admin')!;
  const server = await startTestServer({ postgres: kind === 'postgres' });
  const peer = kind === 'postgres' ? await server.startPeer() : null;
  const floorUrl = peer?.url ?? server.url;
  const dataDir = mkdtempSync(join(tmpdir(), 'koe-floor-bench-'));
  const response = await fetch(`${server.url}/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: agent.email, password: PASSWORD }),
  });
  const stored = { current: sessionSchema.parse(await response.json()) as Session | null };
  const core = await startKoeCore({
    dataDir,
    appVersion: 'bench',
    retailer: {
      baseUrl: server.url,
      sessions: {
        load: () => stored.current,
        save: (s) => void (stored.current = s),
        clear: () => void (stored.current = null),
      },
    },
    syncWorkerEntry: typescriptSyncWorkerEntry,
    ctiPort: false,
    predictions: false,
  });
  const stream = await openFloorStream(floorUrl, await signIn(server.url, admin.email));
  const otherToken = await signIn(server.url, other.email);
  try {
    const total: number[] = [];
    const record: number[] = [];
    const push: number[] = [];
    const fanout: number[] = [];
    for (let i = 0; i < ALERTS; i++) {
      const t0 = Date.now();
      const raised = await core.router.handle('alerts:raiseHand', {
        callId: null,
        customerId: null,
        note: `bench ${i}`,
      });
      const recordedAt = Date.now();
      if (!raised.ok) throw new Error(raised.error.message);
      const id = (raised.value as DeskAlert).id;
      const seen = await stream.next((e) => e.type === 'alert' && e.alert.id === id, 10_000);
      const seenAt = Date.now();
      if (seen.type !== 'alert') throw new Error('not an alert');
      const receivedAt = Date.parse(seen.alert.receivedAt);
      total.push(seenAt - t0);
      record.push(recordedAt - t0);
      push.push(Math.max(0, receivedAt - recordedAt));
      fanout.push(Math.max(0, seenAt - receivedAt));
    }
    const direct: number[] = [];
    for (let i = 0; i < ALERTS; i++) {
      const id = uuidV7();
      const t0 = Date.now();
      await call(server.url, otherToken, 'POST', '/v1/floor/alerts', {
        alerts: [
          {
            id,
            kind: 'help',
            protocolStage: null,
            callId: null,
            customerId: null,
            note: `direct ${i}`,
            raisedAt: new Date().toISOString(),
          },
        ],
      });
      await stream.next((e) => e.type === 'alert' && e.alert.id === id, 10_000);
      direct.push(Date.now() - t0);
    }
    const p95 = (xs: number[]) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        95,
      );
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const sum = mean(record) + mean(push) + mean(fanout);
    note(
      `[floor ${kind}] ${ALERTS} alerts, share of the mean: desk record ${((100 * mean(record)) / sum).toFixed(0)}%, ` +
        `push to the server ${((100 * mean(push)) / sum).toFixed(0)}%, fan-out to the supervisor ${((100 * mean(fanout)) / sum).toFixed(0)}% ` +
        `(means ${mean(record).toFixed(1)} / ${mean(push).toFixed(1)} / ${mean(fanout).toFixed(1)} ms; goal p95 ≤ 2000 ms)`,
    );
    return [
      figure(`alert_delivery_p95_${kind}`, p95(total), 'ms', p95(direct)),
      figure(
        `alert_delivery_p50_${kind}`,
        percentile(
          [...total].sort((a, b) => a - b),
          50,
        ),
        'ms',
        percentile(
          [...direct].sort((a, b) => a - b),
          50,
        ),
      ),
    ];
  } finally {
    stream.close();
    await core.close();
    await peer?.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
