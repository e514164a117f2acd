import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FEATURED_CUSTOMERS } from '../../src/shared/demo/featured-customers';
import { SCREENSHOT_DIR, startE2eApp, type E2eApp } from './harness-fixture';
import { koeResult, setLocale } from './koe-bridge';

const HANAKO = { phone: DEMO_FEATURED_CUSTOMERS.lateDelivery.phone, name: '佐藤 花子' };
const PIN = '482916';

describe('agent state and desk lock in the browser harness', () => {
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

  const header = () => page.getByTestId('agent-state');
  /** Waits out the menu's fade-in, so the screenshot shows it as the agent sees it. */
  const menuSettled = () =>
    page.getByTestId('agent-state-menu').evaluate(
      (element) =>
        new Promise<void>((resolve) => {
          const check = () =>
            // Runs in the page, where the DOM exists; the test file itself compiles for Node.
            (
              globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } }
            ).getComputedStyle(element).opacity === '1'
              ? resolve()
              : setTimeout(check, 50);
          check();
        }),
    );
  const waitForStatus = (status: string) =>
    page.locator(`[data-testid="agent-state"][data-status="${status}"]`).waitFor();
  it('the header shows the agent’s state; the agent chooses Ready and Not ready + reason by keyboard', async () => {
    await waitForStatus('not_ready');
    expect(await header().textContent()).toBe('受付停止');
    // No desk PIN yet: the start screen says the desk cannot lock by itself.
    await page.getByTestId('set-pin-notice').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'agent-state-home-ja.png') });

    await header().focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('agent-state-menu').waitFor();
    await page.getByTestId('agent-state-ready').focus();
    await page.keyboard.press('Enter');
    await waitForStatus('ready');
    expect(await header().textContent()).toBe('受付可');
    expect(app.core().agentState.current()).toMatchObject({ status: 'ready' });
  });

  it('follows a call: ring → 着信中, answer → 通話中, end → 後処理, wrap-up saved → back to 受付可', async () => {
    const callId = await app.ring(HANAKO.phone);
    await waitForStatus('ringing');
    expect(await header().textContent()).toBe('着信中');
    await page.getByTestId('customer-card').waitFor();
    await app.answer(callId);
    await waitForStatus('on_call');
    expect(await header().textContent()).toBe('通話中');
    await app.hangUp(callId);
    await waitForStatus('after_call_work');
    expect(await header().textContent()).toBe('後処理');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'agent-state-acw-ja.png') });
    // The wrap-up's save, as the desk records it (the form is the wrap-up tests' subject).
    app.core().desk.saveWrapUp(callId, () => undefined);
    await waitForStatus('ready');
    expect(await header().textContent()).toBe('受付可');
  });

  it('Not ready with a reason, in Japanese and English', async () => {
    await header().click();
    await page.getByTestId('agent-state-not-ready-training').click();
    await waitForStatus('not_ready');
    expect(await header().textContent()).toBe('受付停止・研修');
    expect(app.core().agentState.current()).toMatchObject({
      status: 'not_ready',
      reason: 'training',
    });
    await header().click();
    await menuSettled();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'agent-state-menu-ja.png') });
    await page.keyboard.press('Escape');
    await setLocale(page, 'en');
    await page.getByText('Not ready・Training').waitFor();
    await header().click();
    await menuSettled();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'agent-state-menu-en.png') });
    await page.keyboard.press('Escape');
    await setLocale(page, 'ja');
    await page.getByText('受付停止・研修').waitFor();
  });

  it('locks behind the desk PIN: no customer data in the page or over IPC; a ring pops after unlock', async () => {
    // The agent sets a desk PIN in Settings.
    await page.getByTestId('settings-button').click();
    await page.getByTestId('desk-pin-section').waitFor();
    await page.getByTestId('pin-not-set').waitFor();
    await page.getByTestId('new-pin').fill(PIN);
    await page.getByTestId('save-pin').click();
    await page.getByText('デスクPINを保存しました。').waitFor();
    expect(app.core().lock.state().pinSet).toBe(true);

    // The OS locks the screen (the shell's powerMonitor calls this).
    app.core().lock.lockNow('system');
    await page.getByTestId('lock-screen').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'lock-screen-ja.png') });

    // A call rings behind the lock: the lock screen says so, without the caller.
    await app.ring(HANAKO.phone);
    await page.getByTestId('lock-ringing').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'lock-screen-ringing-ja.png') });
    await setLocale(page, 'en');
    await page.getByText('A call is ringing. Unlock to open it.').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'lock-screen-ringing-en.png') });
    await setLocale(page, 'ja');
    await page.getByText('デスクはロックされています').waitFor();
    const html = await page.content();
    expect(html).not.toContain(HANAKO.name);
    expect(html).not.toContain('090-1234-5678');
    expect(await page.getByTestId('customer-card').count()).toBe(0);
    // The core refuses customer data, whatever the page asks.
    const refused = await koeResult(page, 'customers:screenPop', { phone: HANAKO.phone });
    expect(refused).toMatchObject({ ok: false, error: { code: 'locked' } });

    // A wrong PIN keeps it locked; the right one opens it and the ringing call pops.
    await page.getByTestId('lock-pin').fill('000000');
    await page.getByTestId('unlock').click();
    await page.getByText('PINが違います。').waitFor();
    expect(app.core().lock.isLocked()).toBe(true);
    await page.getByTestId('lock-pin').fill(PIN);
    await page.getByTestId('unlock').click();
    await page.getByTestId('call-workspace').waitFor();
    const card = page.getByTestId('customer-card');
    await card.waitFor();
    expect(await card.getByRole('heading', { level: 2 }).textContent()).toBe(HANAKO.name);
    // Still ringing: the agent has not answered it yet.
    await waitForStatus('ringing');
  });
});
