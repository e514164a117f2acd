import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startEmbeddedDemoRetailer, type EmbeddedDemoRetailer } from '../../server/src/embedded';
import { DEMO_PASSWORD } from '../../server/src/seed';
import { startKoeCore, type KoeCore } from '../../src/main/core/koe-core';
import { typescriptSyncWorkerEntry } from '../../src/main/core/sync/sync-worker-host';
import { waitForCustomers } from '../../src/harness/demo-core';
import { fileSessionStore } from '../../src/harness/file-session-store';
import { startHarnessServer, type HarnessServer } from '../../src/harness/server';
import { E2E_DESK_VERSION, SCREENSHOT_DIR, VIEWPORT } from './harness-fixture';
import { launchChromium } from './launch-chromium';

/**
 * One demo retailer and two desktops on it, as in a partner center: each desktop is a core of
 * its own (its own data folder, cache and sync worker, signed in as a different demo user) with
 * the harness serving the built renderer for it. The retailer's live stream and pull are the
 * only way a change made on one desk reaches the other.
 */
export interface Desk {
  core: KoeCore;
  url: string;
  openPage(): Promise<{ page: Page; errors: string[] }>;
  /** CTI events posted to this desk's bridge, as a softphone connector posts them. */
  ring(phone: string, callId?: string): Promise<string>;
  answer(callId: string): Promise<void>;
  hangUp(callId: string): Promise<void>;
}

export interface TwoDesks {
  retailerUrl: string;
  /** The demo retailer's SQLite file, for the operator's commands (KOE_SERVER_DB). */
  retailerDb: string;
  desks: Record<string, Desk>;
  browser: Browser;
  close(): Promise<void>;
}

/** `users`: desk name → demo user e-mail (server/src/seed.ts). */
export async function startTwoDesks(users: Record<string, string>): Promise<TwoDesks> {
  const root = mkdtempSync(join(tmpdir(), 'koe-e2e-desks-'));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const fn of closers.reverse()) await fn().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const retailerDir = join(root, 'retailer');
    mkdirSync(retailerDir);
    const retailer: EmbeddedDemoRetailer = await startEmbeddedDemoRetailer(retailerDir);
    closers.push(() => retailer.close());
    const browser = await launchChromium();
    closers.push(() => browser.close());

    const desks: Record<string, Desk> = {};
    for (const [name, email] of Object.entries(users)) {
      const dataDir = join(root, name);
      mkdirSync(dataDir);
      const sessions = fileSessionStore(dataDir);
      const core = await startKoeCore({
        dataDir,
        appVersion: E2E_DESK_VERSION,
        retailer: {
          baseUrl: retailer.url,
          sessions,
          demoAgent: { email, password: DEMO_PASSWORD },
        },
        savedSessions: sessions,
        syncWorkerEntry: typescriptSyncWorkerEntry,
        ctiPort: 0,
      });
      closers.push(() => core.close());
      const harness: HarnessServer = await startHarnessServer({
        core,
        rendererDir: resolve('out/renderer'),
      });
      closers.push(() => harness.close());
      desks[name] = desk(core, harness.url, browser, name);
    }
    // Both bootstraps run at once, as two agents starting their shift.
    await Promise.all(Object.values(desks).map((d) => waitForCustomers(d.core)));
    return {
      retailerUrl: retailer.url,
      retailerDb: join(retailerDir, 'demo-retailer.sqlite'),
      desks,
      browser,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function desk(core: KoeCore, url: string, browser: Browser, name: string): Desk {
  let calls = 0;
  const post = async (body: Record<string, string>) => {
    const cti = core.cti;
    if (!cti) throw new Error('The desk runs without a CTI bridge');
    const response = await fetch(`${cti.url}/v1/call-events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cti.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 202) throw new Error(`CTI ${body.event}: ${response.status}`);
  };
  return {
    core,
    url,
    async openPage() {
      const page = await browser.newPage({
        viewport: VIEWPORT,
        locale: 'ja-JP',
        timezoneId: 'Asia/Tokyo',
      });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console: ${message.text()}`);
      });
      await page.goto(url);
      await page.getByRole('combobox').first().waitFor();
      return { page, errors };
    },
    async ring(phone, callId = `e2e-${name}-${process.pid}-${++calls}`) {
      await post({ event: 'ringing', callId, ani: phone });
      return callId;
    },
    answer: (callId) => post({ event: 'answered', callId }),
    hangUp: (callId) => post({ event: 'ended', callId }),
  };
}
