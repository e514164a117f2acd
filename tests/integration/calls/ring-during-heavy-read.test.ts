import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startKoeCore, type KoeCore } from '../../../src/main/core/koe-core';
import { DEMO_FEATURED_CUSTOMERS } from '../../../src/shared/demo/featured-customers';
import type { IpcEvents } from '../../../src/shared/ipc';
import { featuredCacheFolder, postRing } from './featured-cache';

const TAKAHASHI = DEMO_FEATURED_CUSTOMERS.lateUntold;

/**
 * The ring's path is never shared with slow work: while the reader worker holds a heavy read (the
 * gate in gated-reader-worker.ts stands for a read of seconds), a ring arriving at the core still
 * gets its caller's card, and the heavy read answers afterwards, whole.
 */
describe('a ring during a heavy read', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function start(): Promise<{ core: KoeCore; gate: string }> {
    const { dataDir } = await featuredCacheFolder('koe-ring-heavy-');
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const gate = join(dataDir, 'reader-gate');
    process.env.KOE_TEST_READER_GATE = gate;
    const core = await startKoeCore({
      dataDir,
      appVersion: 'test',
      ctiPort: 0,
      predictions: false,
      readerWorkerEntry: {
        typescriptSource: new URL('./gated-reader-worker.ts', import.meta.url).href,
      },
    });
    cleanups.push(async () => {
      writeFileSync(gate, 'open'); // never leave the worker held
      await core.close();
    });
    return { core, gate };
  }

  async function ring(core: KoeCore, ani: string): Promise<void> {
    expect(await postRing(core, 'c-heavy', ani)).toBe(202);
  }

  for (const [name, channel, input] of [
    ['the outreach list', 'outreach:list', { limit: 50 }],
    ['a customer search', 'customers:search', { query: '高橋', limit: 20 }],
    ['the customer count', 'app:info', {}],
  ] as const) {
    it(`pops the caller's card while ${name} is being read, and the read answers after`, async () => {
      const { core, gate } = await start();
      const order: string[] = [];
      const popped = new Promise<IpcEvents['calls:changed']>((resolve) => {
        core.events.subscribe((event, payload) => {
          if (event !== 'calls:changed') return;
          order.push('card');
          resolve(payload as IpcEvents['calls:changed']);
        });
      });
      const heavy = core.router.handle(channel, input).then((result) => {
        order.push('heavy read');
        return result;
      });
      // The reader worker has begun the read and holds its thread.
      await vi.waitFor(() => expect(existsSync(`${gate}.entered`)).toBe(true), { timeout: 20_000 });

      await ring(core, TAKAHASHI.phone);
      const change = await popped;
      expect(change.pop?.card?.customer.id).toBe(TAKAHASHI.customerId);
      expect(order).toEqual(['card']);

      writeFileSync(gate, 'open');
      expect((await heavy).ok).toBe(true);
      expect(order).toEqual(['card', 'heavy read']);
    }, 60_000);
  }
});
