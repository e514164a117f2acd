import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import { openDatabase } from '../../../src/main/core/platform/connection';
import { startKoeCore, type KoeCore } from '../../../src/main/core/koe-core';
import { typescriptSyncWorkerEntry } from '../../../src/main/core/sync/sync-worker-host';
import {
  DEMO_FEATURED_CUSTOMERS,
  featuredCustomerRecords,
} from '../../../src/shared/demo/featured-customers';
import { DEFAULT_DEMO_NOW } from '../../../src/shared/demo/generate-demo-records';
import { newSequences } from '../../../src/shared/demo/ids';
import type { RiskFit } from '../../../src/shared/admin-ipc';
import type { IpcEvents } from '../../../src/shared/ipc';
import { session as sessionSchema, type Session } from '../../../src/shared/protocol/auth';
import { PASSWORD, startTestServer } from '../../fixtures/test-server';

const TAKAHASHI = DEMO_FEATURED_CUSTOMERS.lateUntold;

/**
 * The admin's "fit the risk weights on the settled cases" reads every settled case's history
 * (minutes at bench size): it runs on the prediction worker, never on the core's thread that
 * answers a ring. While the worker holds the fit (the gate in gated-prediction-worker.ts), a ring
 * still gets its caller's card; the fit answers afterwards, whole. A real retailer API on
 * loopback answers the admin's thresholds.
 */
describe('a ring during the admin’s risk fit', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('pops the caller’s card while the fit runs on the prediction worker, and the fit answers after', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'koe-ring-admin-fit-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const databaseFile = join(dataDir, 'koe.sqlite');
    const seeded = await openDatabase({ filename: databaseFile });
    createRecordWriter(seeded.sqlite).apply(
      featuredCustomerRecords(DEFAULT_DEMO_NOW.getTime(), newSequences()),
    );
    await seeded.close();

    const signedIn = await fetch(`${server.url}/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@retailer-a.example', password: PASSWORD }),
    });
    const stored = { current: sessionSchema.parse(await signedIn.json()) as Session | null };
    const gate = join(dataDir, 'fit-gate');
    process.env.KOE_TEST_FIT_GATE = gate;
    const core: KoeCore = await startKoeCore({
      dataDir,
      databaseFile,
      appVersion: 'test',
      ctiPort: 0,
      // No model refits: the worker starts for the admin's fit alone.
      predictions: false,
      predictionWorkerEntry: {
        typescriptSource: new URL('./gated-prediction-worker.ts', import.meta.url).href,
      },
      retailer: {
        baseUrl: server.url,
        sessions: {
          load: () => stored.current,
          save: (s: Session) => void (stored.current = s),
          clear: () => void (stored.current = null),
        },
      },
      syncWorkerEntry: typescriptSyncWorkerEntry,
    });
    cleanups.push(async () => {
      writeFileSync(gate, 'open'); // never leave the worker held
      await core.close();
    });

    const order: string[] = [];
    const popped = new Promise<IpcEvents['calls:changed']>((resolve) => {
      core.events.subscribe((event, payload) => {
        if (event !== 'calls:changed') return;
        order.push('card');
        resolve(payload as IpcEvents['calls:changed']);
      });
    });
    const fit = core.router.handle('admin:fitRisk', {}).then((result) => {
      order.push('fit');
      return result;
    });
    // The prediction worker has begun the fit and holds its thread.
    await vi.waitFor(() => expect(existsSync(`${gate}.entered`)).toBe(true), { timeout: 20_000 });

    const info = await core.router.handle('cti:info', {});
    if (!info.ok || !info.value) throw new Error('no CTI info');
    const { url, token } = info.value as { url: string; token: string };
    const ring = await fetch(`${url}/v1/call-events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'ringing', callId: 'c-admin-fit', ani: TAKAHASHI.phone }),
    });
    expect(ring.status).toBe(202);
    const change = await popped;
    expect(change.pop?.card?.customer.id).toBe(TAKAHASHI.customerId);
    expect(order).toEqual(['card']);

    writeFileSync(gate, 'open');
    const result = await fit;
    expect(result.ok).toBe(true);
    expect((result as { value: RiskFit }).value.fittedAt).toEqual(expect.any(String));
    expect(order).toEqual(['card', 'fit']);
  }, 60_000);
});
