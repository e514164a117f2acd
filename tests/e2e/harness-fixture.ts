import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Role } from '../../src/shared/protocol/auth';
import { startDemoCore, waitForCustomers, type DemoCore } from '../../src/harness/demo-core';
import { launchChromium } from './launch-chromium';
import { startHarnessServer, type HarnessServer } from '../../src/harness/server';
import { startRestartableCore, type RestartableCore } from './restartable-core';

export const SCREENSHOT_DIR = resolve('tests/e2e/screenshots');
/**
 * The Koe version the e2e desks report: this tree's own, so the retailer sends them every record
 * type this build understands (an older version is sent fewer: record-type-versions.ts).
 */
export const E2E_DESK_VERSION = (
  JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
).version;
/** The smallest screen a partner center gives its agents. */
export const VIEWPORT = { width: 1366, height: 768 };

export interface E2eApp {
  url: string;
  browser: Browser;
  /** A fresh page on the app, with every console error and page error collected. */
  openPage(): Promise<{ page: Page; errors: string[] }>;
  /**
   * The phone system, played by the test: CTI events posted to the core's CTI bridge exactly as
   * a softphone connector posts them (HTTP, bearer token). Returns the call id.
   */
  ring(phone: string, callId?: string): Promise<string>;
  answer(callId: string): Promise<void>;
  hangUp(callId: string): Promise<void>;
  /** The core under test (its desk, router and database). */
  core(): DemoCore['core'];
  /**
   * Outages (only with `startE2eApp({ outages: true })`): take the retailer API down and bring
   * it back; restart the core on the same data folder (an app restart: open a new page after).
   */
  stopRetailer(): Promise<void>;
  startRetailer(): Promise<void>;
  restartCore(): Promise<void>;
  /** The app's data folder (the cache, and with outages the demo retailer's own database). */
  dataDir: string;
  close(): Promise<void>;
}

export interface E2eAppOptions {
  /** Start the core so that the retailer can go down and the core restart (restartable-core). */
  outages?: boolean;
  /** Sign in as the demo retailer's user of this role (trainer, supervisor …); agent by default. */
  demoRole?: Role;
  /** The CTI bridge's port; any free one (0) by default. A taken one shows the port notice. */
  ctiPort?: number;
}

/**
 * One test file's world: its own data directory, the core started as the app starts it (the
 * embedded demo retailer, synced by the sync worker), the harness serving the built renderer
 * (`npm run build` first), and Chromium.
 */
export async function startE2eApp(options: E2eAppOptions = {}): Promise<E2eApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'koe-e2e-'));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  let demo: DemoCore | null = null;
  let restartable: RestartableCore | null = null;
  let harness: HarnessServer | null = null;
  let browser: Browser | null = null;

  const close = async () => {
    await browser?.close();
    await harness?.close();
    await demo?.close();
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    demo = options.outages
      ? (restartable = await startRestartableCore({
          dataDir,
          appVersion: E2E_DESK_VERSION,
          ctiPort: 0,
        }))
      : await startDemoCore({
          dataDir,
          appVersion: E2E_DESK_VERSION,
          ctiPort: options.ctiPort ?? 0,
          ...(options.demoRole ? { demoRole: options.demoRole } : {}),
        });
    await waitForCustomers(demo.core);
    // Read through `demo` at each request, so a restarted core serves the same harness URL.
    const current = demo;
    const core = {
      get router() {
        return current.core.router;
      },
      get events() {
        return current.core.events;
      },
    };
    harness = await startHarnessServer({ core, rendererDir: resolve('out/renderer') });
    browser = await launchChromium();
  } catch (error) {
    await close();
    throw error;
  }

  const url = harness.url;
  const openedBrowser = browser;
  const started = demo;
  let calls = 0;
  const outages = (): RestartableCore => {
    if (!restartable) throw new Error('Start the app with startE2eApp({ outages: true })');
    return restartable;
  };
  const postCallEvent = async (body: Record<string, string>) => {
    const cti = started.core.cti;
    if (!cti) throw new Error('The e2e core runs without a CTI bridge');
    const response = await fetch(`${cti.url}/v1/call-events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cti.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 202)
      throw new Error(`CTI ${body.event}: ${response.status} ${await response.text()}`);
  };
  return {
    async ring(phone, callId = `e2e-call-${process.pid}-${++calls}`) {
      await postCallEvent({ event: 'ringing', callId, ani: phone });
      return callId;
    },
    answer: (callId) => postCallEvent({ event: 'answered', callId }),
    hangUp: (callId) => postCallEvent({ event: 'ended', callId }),
    core: () => started.core,
    stopRetailer: () => outages().stopRetailer(),
    startRetailer: () => outages().startRetailer(),
    restartCore: () => outages().restartCore(),
    dataDir,
    url,
    browser: openedBrowser,
    async openPage() {
      // The agents sit in Japan: times on screen are Tokyo times, as on their machines.
      const page = await openedBrowser.newPage({
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
      // The header's search (a call in wrap-up found at start adds the reason filter's).
      await page.getByRole('combobox').first().waitFor();
      return { page, errors };
    },
    close,
  };
}
