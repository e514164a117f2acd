import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { koe } from './koe-bridge';
import { SCREENSHOT_DIR, startE2eApp, type E2eApp } from './harness-fixture';

/**
 * The agent is told when Koe will restart for an update. The shell's updater (electron-updater,
 * which cannot run here) reports its notice to the core exactly as the app wires it
 * (`announceUpdate`); the page shows it, and a page opened later still does.
 */
describe('the update notice in the browser harness', () => {
  let app: E2eApp;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    app = await startE2eApp();
    ({ page, errors } = await app.openPage());
  });
  afterAll(async () => {
    await page?.close();
    await app?.close();
  });
  afterEach(() => {
    expect(errors).toEqual([]);
  });

  const notice = () => page.getByTestId('update-notice');

  it('says an ordinary update installs at the next quit, and lets the agent put it away', async () => {
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    app.core().announceUpdate({ kind: 'ready', version: '1.4.0', restart: 'at-quit' });
    await notice().waitFor();
    expect(await notice().innerText()).toContain('次に Koe を終了したときに適用されます');
    expect(await notice().innerText()).toContain('1.4.0');
    await notice().getByRole('button', { name: '閉じる' }).click();
    await notice().waitFor({ state: 'detached' });
  });

  it('keeps a required update’s restart on screen, in the agent’s language, after a reload', async () => {
    app.core().announceUpdate({ kind: 'ready', version: '1.5.0', restart: 'after-call' });
    await notice().waitFor();
    expect(await notice().innerText()).toContain('この通話と後処理が終わると');
    expect(await notice().getByRole('button').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'update-notice-ja.png') });

    await koe(page, 'app:setLocale', { locale: 'en' });
    await page.reload();
    await notice().waitFor();
    expect(await notice().innerText()).toContain('once this call and its wrap-up are done');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'update-notice-en.png') });
    await koe(page, 'app:setLocale', { locale: 'ja' });
  });
});
