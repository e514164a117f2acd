import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FEATURED_CUSTOMERS } from '../../src/shared/demo/featured-customers';
import { SCREENSHOT_DIR, startE2eApp, type E2eApp } from './harness-fixture';
import { eventually, koe } from './koe-bridge';

/** A callback two days ahead at 14:00 Tokyo time, as an agent types it (`12/9 14:00`). */
function callbackTyped(): string {
  const tokyo = new Date(Date.now() + 9 * 3_600_000 + 2 * 86_400_000);
  return `${tokyo.getUTCMonth() + 1}/${tokyo.getUTCDate()} 14:00`;
}

/** 佐藤 花子: her parcel is late, so Koe predicts (and preselects) "late delivery". */
const HANAKO = DEMO_FEATURED_CUSTOMERS.lateDelivery;
/** 鈴木 一郎: an open not-received claim. */
const ICHIRO = DEMO_FEATURED_CUSTOMERS.notReceivedClaim;

/**
 * A wrap-up in progress outlives the next call, a reload of the window and a restart of the app:
 * the draft is kept by the core, per call, on disk.
 */
describe('a wrap-up draft in the browser harness', () => {
  let app: E2eApp;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    app = await startE2eApp({ outages: true });
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach(async () => {
    expect(errors).toEqual([]);
    await page?.close();
  });

  const workspaceOf = (callId: string) =>
    page.locator(`[data-testid="call-workspace"][data-call-id="${callId}"]`);
  const chosenCodes = async () =>
    Promise.all(
      (await page.getByTestId('chosen-reasons').locator('[data-code]').all()).map((c) =>
        c.getAttribute('data-code'),
      ),
    );
  const checked = (group: string) =>
    page.getByTestId(group).locator('[aria-checked="true"]').getAttribute('data-value');

  const callUntilWrapUp = async (phone: string) => {
    const callId = await app.ring(phone);
    await workspaceOf(callId).waitFor();
    await page.getByTestId('customer-card').waitFor();
    await app.answer(callId);
    await page.locator('[data-testid="call-state"][data-state="in_call"]').waitFor();
    await app.hangUp(callId);
    await workspaceOf(callId).locator('[data-testid="wrap-up-panel"]').waitFor();
    return callId;
  };

  /** A's form as the agent left it: the predicted reason, negative, and the customer's words. */
  const expectHanakoDraft = async (callId: string) => {
    await workspaceOf(callId).locator('[data-testid="wrap-up-panel"]').waitFor();
    await page.locator('[data-testid="chosen-reasons"] [data-code="delivery.late"]').waitFor();
    expect(await chosenCodes()).toEqual(['delivery.late']);
    expect(await checked('sentiment')).toBe('negative');
    expect(await page.getByTestId('customer-words').inputValue()).toBe(WORDS);
  };
  const WORDS = '荷物がまだ届きません。明日までに届けてほしい。';

  /** Waits until the core holds the typed words in the call's draft (the form debounces). */
  const draftKept = (callId: string) =>
    eventually('the draft in the core', async () => {
      const state = await koe(page, 'calls:state', {});
      return state.drafts[callId]?.wrapUp?.form.customerWords === WORDS ? state : null;
    });

  it('keeps A’s wrap-up through call B, a reload and a restart, and saves what the agent entered', async () => {
    ({ page, errors } = await app.openPage());
    const a = await callUntilWrapUp(HANAKO.phone);
    // (The card's contact history says why each contact happened in words, not codes.)
    const reasons = page.getByTestId('contact-reason');
    await reasons.first().waitFor();
    for (const reason of await reasons.all()) {
      const code = await reason.getAttribute('data-code');
      expect(code).toMatch(/^[a-z_]+\.[a-z_.]+$/);
      expect(await reason.textContent()).not.toBe(code);
    }
    await page.locator('[data-testid="chosen-reasons"] [data-code="delivery.late"]').waitFor();
    await page.keyboard.press('Alt+3');
    await page.getByTestId('customer-words').fill(WORDS);
    await draftKept(a);

    // B rings during A's wrap-up: it takes the screen, and is wrapped up and saved first.
    const b = await callUntilWrapUp(ICHIRO.phone);
    await page.keyboard.press('Alt+2');
    await page.keyboard.press('Alt+4');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('wrap-up-saved').waitFor();

    // Back on the start screen, A is waiting for its wrap-up, and resumes as it was left.
    const waiting = page.getByTestId('waiting-wrap-ups');
    await waiting.waitFor();
    expect(await waiting.locator('[data-call-id]').count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'wrap-up-waiting-ja.png') });
    await koe(page, 'app:setLocale', { locale: 'en' });
    await waiting.getByText('1 call is still waiting for its wrap-up').waitFor();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'wrap-up-waiting-en-1280.png') });
    await koe(page, 'app:setLocale', { locale: 'ja' });
    await waiting.getByText('後処理が終わっていない通話が 1 件あります').waitFor();
    await waiting.locator(`[data-call-id="${a}"]`).getByRole('button').click();
    await expectHanakoDraft(a);

    // A reload of the window: the same.
    await page.reload();
    await expectHanakoDraft(a);

    // A restart of the app: the same.
    await page.close();
    await app.restartCore();
    ({ page, errors } = await app.openPage());
    await expectHanakoDraft(a);

    await page.keyboard.press('Alt+6');
    await page.getByTestId('callback-at').waitFor();
    await page.keyboard.type(callbackTyped());
    await page.getByTestId('customer-words').focus();
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('wrap-up-saved').waitFor();

    const recordA = await koe(page, 'wrapUp:get', { callId: a });
    expect(recordA).toMatchObject({
      callId: a,
      customerId: HANAKO.customerId,
      reasonCodes: ['delivery.late'],
      predictedReason: 'delivery.late',
      sentiment: 'negative',
      resolution: 'callback',
      customerWords: WORDS,
    });
    const recordB = await koe(page, 'wrapUp:get', { callId: b });
    expect(recordB).toMatchObject({ callId: b, customerId: ICHIRO.customerId });
    // Nothing is left waiting, and no draft is kept for a saved call.
    const state = await koe(page, 'calls:state', {});
    expect(state.waiting).toEqual([]);
    expect(state.drafts).toEqual({});
  }, 240_000);
});
