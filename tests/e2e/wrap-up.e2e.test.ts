import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FEATURED_CUSTOMERS } from '../../src/shared/demo/featured-customers';
import { SCREENSHOT_DIR, startE2eApp, type E2eApp } from './harness-fixture';
import { eventually, koe } from './koe-bridge';
import { retailerVoc } from './retailer-voc';

/** A callback two days ahead at 14:00 Tokyo time, as an agent types it (`12/9 14:00`). */
function callbackTyped(): string {
  const tokyo = new Date(Date.now() + 9 * 3_600_000 + 2 * 86_400_000);
  return `${tokyo.getUTCMonth() + 1}/${tokyo.getUTCDate()} 14:00`;
}

/** 佐藤 花子: her Yamato parcel is late, so Koe predicts "late delivery". */
const HANAKO = DEMO_FEATURED_CUSTOMERS.lateDelivery;

describe('post-call wrap-up in the browser harness', () => {
  let app: E2eApp;
  let page: Page;
  let errors: string[];
  let retailerUrl: string;

  beforeAll(async () => {
    app = await startE2eApp({ outages: true });
  });
  afterAll(async () => {
    await app?.close();
  });

  const open = async () => {
    ({ page, errors } = await app.openPage());
    retailerUrl = (await koe(page, 'app:info', {})).retailerUrl ?? '';
    expect(retailerUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  };
  afterEach(async () => {
    // The retailer going down is not an error of the page; anything else is.
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    await page?.close();
  });

  const panel = () => page.getByTestId('wrap-up-panel');
  const filter = () => page.getByTestId('reason-filter');
  const chosen = () => page.getByTestId('chosen-reasons').locator('[data-code]');
  const chosenCodes = async () =>
    Promise.all((await chosen().all()).map((c) => c.getAttribute('data-code')));
  const isFocused = (locator: ReturnType<Page['getByTestId']>) =>
    locator.evaluate((el) => el === el.ownerDocument.activeElement);

  /** The parcel badges whose words are cut (drawn narrower than they are, with an ellipsis). */
  const cutBadges = async () => {
    const labels = page.getByTestId('shipment').locator('.mantine-Badge-label');
    // Her late parcel has two: its status and how late it is (none found would prove nothing).
    expect(await labels.count()).toBeGreaterThanOrEqual(2);
    return labels.evaluateAll((all) =>
      all.filter((l) => l.scrollWidth > l.clientWidth).map((l) => l.textContent),
    );
  };

  /** Ring, answer and hang up (the phone system's part), up to the open wrap-up form. */
  const callUntilWrapUp = async (phone: string) => {
    const callId = await app.ring(phone);
    await page.getByTestId('call-workspace').waitFor();
    await page.getByTestId('customer-card').waitFor();
    await app.answer(callId);
    await page.locator('[data-testid="call-state"][data-state="in_call"]').waitFor();
    await app.hangUp(callId);
    await panel().waitFor();
    await page.locator('[data-testid="call-state"][data-state="wrap_up"]').waitFor();
    return callId;
  };

  it('takes a call from ring to a saved wrap-up with the keyboard alone', async () => {
    await open();
    const callId = await callUntilWrapUp(HANAKO.phone);

    // The likely reason is preselected as primary; the focus is in the reason filter.
    await page.locator('[data-testid="chosen-reasons"] [data-code="delivery.late"]').waitFor();
    expect(await chosenCodes()).toEqual(['delivery.late']);
    expect(await isFocused(filter())).toBe(true);
    expect(await page.getByTestId('prediction-note').textContent()).toBe('Koe の予測どおりです。');
    // The after-call work is counting.
    expect(await page.getByTestId('acw-timer').textContent()).toMatch(/^\d\d:\d\d$/);

    // Saving too early is refused, with the missing answers said next to their fields.
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('wrap-up-invalid').waitFor();
    expect(await page.getByTestId('sentiment').locator('..').textContent()).toContain(
      'お客さまの感情を選んでください。',
    );
    expect(await page.getByTestId('resolution').locator('..').textContent()).toContain(
      '対応結果を選んでください。',
    );

    // Alt+0 back to the filter; type, ↓ to the second match, Enter adds it as a second reason.
    await page.keyboard.press('Alt+0');
    expect(await isFocused(filter())).toBe(true);
    await page.keyboard.type('change');
    await page
      .locator('[role="option"][data-code="returns.request"]')
      .waitFor({ state: 'detached' });
    const active = () => page.locator('[role="option"][data-active]').getAttribute('data-code');
    expect(await active()).toBe('delivery.change');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await active()).toBe('order.change');
    await page.keyboard.press('Enter');
    expect(await chosenCodes()).toEqual(['delivery.late', 'order.change']);
    // A number makes the n-th visible reason primary: 1 on "change" is the delivery change.
    await page.keyboard.type('change');
    await page.keyboard.press('1');
    expect(await chosenCodes()).toEqual(['delivery.change', 'delivery.late', 'order.change']);
    // Enter on a chosen reason takes it off again; a number puts late delivery first again.
    await page.keyboard.type('order.change');
    await page.keyboard.press('Enter');
    await page.keyboard.type('遅延');
    await page.keyboard.press('1');
    expect(await chosenCodes()).toEqual(['delivery.late', 'delivery.change']);

    // Alt+3 negative, Alt+4 resolved; avoidable follows the primary reason (late delivery: yes).
    await page.keyboard.press('Alt+3');
    await page.keyboard.press('Alt+4');
    const checked = (group: string) =>
      page.getByTestId(group).locator('[aria-checked="true"]').getAttribute('data-value');
    expect(await checked('sentiment')).toBe('negative');
    expect(await checked('resolution')).toBe('resolved');
    expect(await page.getByTestId('avoidable').isChecked()).toBe(true);
    // Alt+7 toggles it twice: the agent's answer (still yes).
    await page.keyboard.press('Alt+7');
    expect(await page.getByTestId('avoidable').isChecked()).toBe(false);
    await page.keyboard.press('Alt+7');
    expect(await page.getByTestId('avoidable').isChecked()).toBe(true);

    // The order the call was about is linked already; Alt+8 goes to the customer's words.
    expect(await page.getByTestId('linked-order').inputValue()).toBe(HANAKO.orderId);
    await page.keyboard.press('Alt+8');
    expect(await isFocused(page.getByTestId('customer-words'))).toBe(true);
    await page.keyboard.type('荷物がまだ届かない。明日の午前中に届けてほしい。');

    await page.keyboard.press('Control+Enter');
    // The workspace closes; "my calls today" confirms the save.
    const saved = page.getByTestId('wrap-up-saved');
    await saved.waitFor();
    expect(await saved.textContent()).toContain('応対記録を保存しました');
    expect(await page.getByTestId('wrap-up-redacted').textContent()).toBe(
      'お客さまの言葉にカード情報はありませんでした。',
    );
    const row = page.locator(`[data-testid="today-call"][data-call-id="${callId}"]`);
    await row.waitFor();
    expect(['pending', 'delivered']).toContain(await row.getAttribute('data-status'));
    expect(await row.textContent()).toContain('配送遅延');
    expect(await row.textContent()).toContain('090-1234-5678');

    // The core's view: the call is done, its wrap-up saved, editable for a while.
    const state = await koe(page, 'calls:state', {});
    const line = state.today.find((c) => c.callId === callId);
    expect(line).toMatchObject({
      state: 'done',
      customerId: HANAKO.customerId,
      wrapUp: { primaryReason: 'delivery.late', resolution: 'resolved' },
    });
    expect(Date.parse(line?.wrapUp?.editableUntil ?? '')).toBeGreaterThan(Date.now());
    const record = await koe(page, 'wrapUp:get', { callId });
    expect(record).toMatchObject({
      callId,
      customerId: HANAKO.customerId,
      orderId: HANAKO.orderId,
      reasonCodes: ['delivery.late', 'delivery.change'],
      predictedReason: 'delivery.late',
      sentiment: 'negative',
      resolution: 'resolved',
      avoidable: true,
      customerWords: '荷物がまだ届かない。明日の午前中に届けてほしい。',
    });

    // And the retailer has it. (Pushed right after the save.)
    const received = await eventually(
      'the record at the retailer',
      async () => (await retailerVoc(retailerUrl)).find((r) => r.id === record?.id),
      90_000,
    );
    expect(received).toMatchObject({ callId, reasonCodes: ['delivery.late', 'delivery.change'] });

    // Correct it from "my calls today" (the row's Edit button, pressed with Enter): the form
    // opens prefilled with the saved answers.
    await row.getByTestId('today-call-edit').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="wrap-up-panel"][data-mode="edit"]').waitFor();
    await page.locator('[data-testid="chosen-reasons"] [data-code="delivery.change"]').waitFor();
    expect(await chosenCodes()).toEqual(['delivery.late', 'delivery.change']);
    expect(await checked('resolution')).toBe('resolved');
    // A callback asks for its time (the focus is there already).
    await page.keyboard.press('Alt+6');
    await page.getByTestId('callback-at').waitFor();
    await page.keyboard.type(callbackTyped());
    await page.keyboard.press('Control+Enter');
    await eventually('the corrected resolution', async () => {
      const corrected = await koe(page, 'wrapUp:get', { callId });
      return corrected?.resolution === 'callback' ? corrected : null;
    });
    // The retailer already had the first save: the correction replaces it (revision 2), and
    // nothing is left unsendable on the desktop.
    const replaced = await eventually(
      'the correction at the retailer',
      async () =>
        (await retailerVoc(retailerUrl)).find((r) => r.id === record?.id && r.revision === 2),
      90_000,
    );
    expect(replaced).toMatchObject({ resolution: 'callback' });
    expect((await koe(page, 'sync:status', {})).quarantined).toBe(0);
  }, 180_000);

  it('stores the customer’s words with card data redacted, and shows it in ja and en', async () => {
    await open();
    const callId = await callUntilWrapUp(HANAKO.phone);
    await page.keyboard.press('Alt+2');
    await page.keyboard.press('Alt+4');
    await page.keyboard.press('Alt+8');
    // The counter says the length as stored, as the "too long" error does: a security code's
    // mark is longer than the code, so 3,998 characters as typed are 4,009 as stored.
    const wordsField = page.getByTestId('customer-words');
    const counter = page.getByTestId('customer-words-count');
    await wordsField.fill(`CVV 123 ${'あ'.repeat(3990)}`);
    await page.keyboard.press('Control+Enter');
    await panel()
      .getByText('お客さまの言葉は4,000文字までです（カード情報を伏せて保存すると4,009文字）。')
      .waitFor();
    expect(await counter.textContent()).toBe('4,009 / 4,000');
    await wordsField.fill('');
    const words = 'カードで払いたい。番号は 4111 1111 1111 1111、CVV 123 です。';
    const stored = 'カードで払いたい。番号は [REDACTED_CARD]、CVV [REDACTED_CVV] です。';
    await page.keyboard.type(words);
    expect(await counter.textContent()).toBe(`${stored.length} / 4,000`);

    // Before saving, the agent is told what will be removed.
    const notice = page.getByTestId('redaction-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(
      'カード番号 1 件・セキュリティコード 1 件は保存時に削除されます',
    );
    expect(await notice.textContent()).toContain('[REDACTED_CARD]');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'wrap-up-ja.png') });
    expect(await cutBadges()).toEqual([]);
    await page.getByRole('button', { name: 'ダークテーマに切り替え' }).click();
    await page.locator('html[data-mantine-color-scheme="dark"]').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'wrap-up-dark-ja.png') });
    await page.getByRole('button', { name: 'ライトテーマに切り替え' }).click();
    await page.locator('html[data-mantine-color-scheme="light"]').waitFor();

    await page.getByText('English', { exact: true }).click();
    await panel().getByText('Customer sentiment').waitFor();
    expect(await notice.textContent()).toContain(
      '1 card number and 1 security code will be removed when saved',
    );
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'wrap-up-en.png') });
    // The parcel's badges keep their whole words in the narrower card column ("3 DAYS LATE").
    expect(await page.getByTestId('days-late').textContent()).toMatch(/^\d+ days? late$/);
    expect(await cutBadges()).toEqual([]);
    await page.getByText('日本語', { exact: true }).click();
    await panel().getByText('お客さまの感情').waitFor();

    await page.getByTestId('customer-words').focus();
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('wrap-up-saved').waitFor();
    expect(await page.getByTestId('wrap-up-redacted').textContent()).toBe(
      'お客さまの言葉からカード番号 1 件・セキュリティコード 1 件を削除しました。',
    );
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'today-calls-ja.png') });

    const record = await koe(page, 'wrapUp:get', { callId });
    expect(record?.customerWords).toBe(stored);
    const received = await eventually(
      'the redacted record at the retailer',
      async () => (await retailerVoc(retailerUrl)).find((r) => r.id === record?.id),
      90_000,
    );
    expect(received.customerWords).not.toMatch(/4111|123/);
    expect(received.customerWords).toContain('[REDACTED_CARD]');
  }, 180_000);

  it('a wrap-up saved while the retailer is down survives a restart and arrives when it returns', async () => {
    await open();
    await app.stopRetailer();
    const callId = await callUntilWrapUp(HANAKO.phone);
    // A reason by number on a filter, then the rest by Alt keys.
    await page.keyboard.type('wismo');
    await page.keyboard.press('1');
    expect((await chosenCodes())[0]).toBe('delivery.wismo');
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Alt+5');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('wrap-up-saved').waitFor();

    const record = await koe(page, 'wrapUp:get', { callId });
    expect(record).toMatchObject({ reasonCodes: ['delivery.wismo', 'delivery.late'] });
    // (The status counts the outbox after a sync attempt: "sync now" makes one, as the agent may.)
    const pending = await eventually(
      'the record waiting in the outbox',
      async () => {
        const status = await koe(page, 'sync:status', {});
        return status.pendingOutbox >= 1 ? status : null;
      },
      60_000,
      () => koe(page, 'sync:now', {}),
    );
    expect(pending.online).toBe(false);
    await page.close();

    // The app restarts while the retailer is still down: the record is still there, pending.
    await app.restartCore();
    ({ page, errors } = await app.openPage());
    expect(await koe(page, 'wrapUp:get', { callId })).toEqual(record);
    // (The status starts empty until the restarted sync worker reports its outbox.)
    await eventually(
      'the record still waiting after the restart',
      async () => {
        const status = await koe(page, 'sync:status', {});
        return status.pendingOutbox >= 1 ? status : null;
      },
      60_000,
      () => koe(page, 'sync:now', {}),
    );

    // The retailer returns: the record arrives, as saved, and the outbox drains.
    await app.startRetailer();
    const received = await eventually(
      'the record at the returned retailer',
      async () => (await retailerVoc(retailerUrl)).find((r) => r.id === record?.id),
      120_000,
      () => koe(page, 'sync:now', {}),
    );
    expect(received).toEqual(record);
    await eventually(
      'an empty outbox',
      async () => {
        const status = await koe(page, 'sync:status', {});
        return status.pendingOutbox === 0 ? status : null;
      },
      60_000,
      () => koe(page, 'sync:now', {}),
    );
  }, 240_000);
});
