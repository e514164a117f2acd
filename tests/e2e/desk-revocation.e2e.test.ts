import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './axe';
import { E2E_DESK_VERSION, SCREENSHOT_DIR } from './harness-fixture';
import { setLocale } from './koe-bridge';
import { startTwoDesks, type Desk, type TwoDesks } from './two-desks-fixture';

/**
 * The retailer's control over a partner desk, on screen: the retailer admin lists the registered
 * desks in the admin view and revokes the agent's, after a confirmation; the agent's desk hears
 * it on its live stream, erases its customer data and its screen says why. A third desk shows
 * the offline grace's lock (its last contact set further back than the retailer's grace, then
 * checked by the desk's own grace watch).
 */
let world: TwoDesks;
let agent: Desk;
let offline: Desk;
let adminPage: Page;
let agentPage: Page;
const errorsSeen: string[][] = [];

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
beforeAll(async () => {
  world = await startTwoDesks({
    agent: 'agent@demo.koe.example',
    admin: 'admin@demo.koe.example',
    offline: 'agent.osaka@demo.koe.example',
  });
  agent = world.desks.agent!;
  offline = world.desks.offline!;
  for (const [name, desk] of [
    ['admin', world.desks.admin!],
    ['agent', agent],
  ] as const) {
    const opened = await desk.openPage();
    await opened.page.setViewportSize({ width: 1280, height: 720 });
    errorsSeen.push(opened.errors);
    if (name === 'admin') adminPage = opened.page;
    else agentPage = opened.page;
  }
}, 180_000);
afterAll(async () => {
  await world?.close();
});

describe('revoking a desk', () => {
  it('the admin lists the desks and revokes the agent’s; the agent’s screen says why (ja, en)', async () => {
    await adminPage.getByTestId('admin-button').click();
    await adminPage.getByTestId('admin-tab-devices').click();
    const list = adminPage.getByTestId('device-list');
    await list.waitFor();
    // The agent's desk, by who used it last; its version and last contact from the retailer.
    const row = list.locator('tr', { hasText: '山田 美咲' });
    await expect(row.textContent()).resolves.toContain(E2E_DESK_VERSION);
    await expect(row.textContent()).resolves.toContain('利用中');
    await row.getByTestId('device-revoke').click();
    const confirm = adminPage.getByTestId('device-revoke-confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('山田 美咲');
    // The picture once the dialog has finished opening (its fade-in).
    await adminPage.waitForFunction(() => {
      const page = globalThis as unknown as {
        document: { querySelector(selector: string): object | null };
        getComputedStyle(element: object): { opacity: string };
      };
      const content = page.document.querySelector('.mantine-Modal-content');
      return content !== null && page.getComputedStyle(content).opacity === '1';
    });
    await shot(adminPage, 'desk-revocation-confirm-ja');
    await expectAccessible(adminPage, 'revocation confirmation');
    // Nothing is revoked before the confirmation.
    expect(agent.core.lock.state().cause).toBeNull();

    const startedAt = Date.now();
    await adminPage.getByTestId('device-revoke-confirmed').click();
    await adminPage.getByTestId('device-revoked-notice').waitFor();
    await row.getByText(/に解除/).waitFor();

    // The agent's desk: locked with the reason, and its customer data erased.
    const revoked = agentPage.getByTestId('lock-revoked');
    await revoked.waitFor({ timeout: 10_000 });
    await agentPage.getByText('このパソコンに保存されていたお客さま情報は').waitFor();
    console.log(`[e2e] revoked desk's screen said so ${Date.now() - startedAt} ms after the click`);
    expect(await agentPage.getByTestId('lock-cause').textContent()).toContain(
      '販売店がこのデスクの登録を解除しました',
    );
    expect(await agentPage.getByTestId('lock-pin').count()).toBe(0);
    const customers = agent.core.database.sqlite
      .prepare('select count(*) as n from customers')
      .get() as { n: number };
    expect(customers.n).toBe(0);
    await shot(agentPage, 'desk-revoked-lock-ja');
    await expectAccessible(agentPage, 'revoked lock screen');

    await setLocale(agentPage, 'en');
    await agentPage.getByText('This desk has been removed').waitFor();
    await agentPage.getByText('The customer data kept on this computer was erased').waitFor();
    await shot(agentPage, 'desk-revoked-lock-en');
    await setLocale(adminPage, 'en');
    await adminPage.getByText('Registered desks').waitFor();
    await adminPage
      .getByText(/^Revoked /)
      .first()
      .waitFor();
    await shot(adminPage, 'desk-revocation-list-en');
  }, 60_000);

  it('a desk past its offline grace shows the reason, no PIN field, and still wraps calls up (ja, en)', async () => {
    const opened = await offline.openPage();
    const page = opened.page;
    errorsSeen.push(opened.errors);
    await page.setViewportSize({ width: 1280, height: 720 });
    // A call ends just before: it waits for its wrap-up.
    const callId = await offline.ring('0312345678');
    await offline.answer(callId);
    await page.getByTestId('call-workspace').waitFor();
    await offline.hangUp(callId);
    await page.getByTestId('wrap-up-panel').waitFor();
    // The last contact is 13 hours back: past the default 12-hour grace.
    offline.core.database.sqlite
      .prepare(`update sync_state set value = ? where key = 'last_synced_at'`)
      .run(new Date(Date.now() - 13 * 3_600_000).toISOString());
    offline.core.offlineGrace?.check();
    await page.getByTestId('lock-screen').waitFor();
    expect(await page.getByTestId('lock-cause').textContent()).toContain('12時間を超えて');
    expect(await page.getByTestId('lock-pin').count()).toBe(0);
    // No customer card behind this lock; the waiting call is listed for its wrap-up.
    await page.getByTestId('offline-wrap-ups').waitFor();
    expect(await page.getByTestId('customer-card').count()).toBe(0);
    await shot(page, 'desk-offline-lock-ja');
    await expectAccessible(page, 'offline lock screen');
    await setLocale(page, 'en');
    await page.getByText('more than 12 hours').waitFor();
    await page.getByText('1 call waiting for its wrap-up').waitFor();
    await shot(page, 'desk-offline-lock-en');
    await setLocale(page, 'ja');

    // The form works behind the lock: reason, sentiment, resolution, save.
    await page.getByTestId('offline-wrap-up-open').click();
    await page.getByTestId('reason-filter').waitFor();
    await page.getByTestId('reason-filter').focus();
    await page.keyboard.type('遅延');
    await page.keyboard.press('1');
    await page.keyboard.press('Alt+3');
    await page.keyboard.press('Alt+4');
    await shot(page, 'desk-offline-wrap-up-ja');
    await expectAccessible(page, 'wrap-up behind the offline lock');
    await page.keyboard.press('Control+Enter');
    // The save asks for a sync: the desk reaches the retailer, and that lifts the lock (so the
    // lock screen's own "saved" line may be gone before anyone could read it).
    await page.getByTestId('lock-screen').waitFor({ state: 'detached', timeout: 20_000 });
    const saved = offline.core.database.sqlite
      .prepare('select count(*) as n from voc_records where call_id = ?')
      .get(callId) as { n: number };
    expect(saved.n).toBe(1);
    for (const errors of errorsSeen) expect(errors).toEqual([]);
  }, 90_000);
});
