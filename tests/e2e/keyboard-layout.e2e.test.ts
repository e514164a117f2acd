import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FEATURED_CUSTOMERS } from '../../src/shared/demo/featured-customers';
import { SCREENSHOT_DIR, startE2eApp, type E2eApp } from './harness-fixture';
import { koe } from './koe-bridge';

/** 佐藤 花子: her Yamato parcel is late — the first thing the agent needs on her card. */
const HANAKO = DEMO_FEATURED_CUSTOMERS.lateDelivery;
/** A common laptop screen, smaller than the centers' usual 1366×768. */
const SMALL = { width: 1280, height: 720 };

/** Two days from now at 14:00 in Tokyo: as typed into the field, and as the instant saved. */
function callbackInTwoDays(): { month: string; day: string; instant: string } {
  const tokyo = new Date(Date.now() + 9 * 3_600_000 + 2 * 86_400_000);
  const [year, month, day] = tokyo.toISOString().slice(0, 10).split('-') as [
    string,
    string,
    string,
  ];
  const instant = new Date(Date.UTC(+year, +month - 1, +day, 14 - 9, 0)).toISOString();
  return { month, day, instant };
}

describe('keyboard and layout at 1280×720', () => {
  let app: E2eApp;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    app = await startE2eApp();
    ({ page, errors } = await app.openPage());
    await page.setViewportSize(SMALL);
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach(() => {
    expect(errors).toEqual([]);
  });

  const state = (value: string) =>
    page.locator(`[data-testid="call-state"][data-state="${value}"]`).waitFor();
  const isFocused = (testId: string) =>
    page.getByTestId(testId).evaluate((el) => el === el.ownerDocument.activeElement);
  /**
   * Whether the whole element is on screen: inside the window and inside every scrolling box
   * around it (the workspace's columns scroll on their own, the window does not).
   */
  const inViewport = (testId: string) =>
    page.getByTestId(testId).evaluate((el) => {
      const box = el.getBoundingClientRect();
      const view = el.ownerDocument.defaultView!;
      let top = 0;
      let bottom = view.innerHeight;
      for (let up = el.parentElement; up; up = up.parentElement) {
        if (!/(auto|scroll|hidden)/.test(view.getComputedStyle(up).overflowY)) continue;
        const clip = up.getBoundingClientRect();
        top = Math.max(top, clip.top);
        bottom = Math.min(bottom, clip.bottom);
      }
      return box.height > 0 && box.top >= top - 0.5 && box.bottom <= bottom + 0.5;
    });

  it('shows the late parcel and whole e-mails without scrolling, in Japanese and English', async () => {
    const callId = await app.ring(HANAKO.phone);
    await page.getByTestId('customer-card').waitFor();
    await app.answer(callId);
    await state('in_call');

    // The late parcel, whole, in the first screen; its order points up to it instead of repeating it.
    const parcel = page.getByTestId('late-parcel');
    await parcel.waitFor();
    expect(await parcel.getByTestId('days-late').textContent()).toBe(`${HANAKO.daysLate} 日遅れ`);
    // Polled, not read once: the card lays out as its parts arrive (a loaded CI machine read it
    // mid-way once); what the agent sees is where the parcel settles.
    await expect.poll(() => inViewport('late-parcel')).toBe(true);
    await page.getByTestId('shipment-shown-above').first().waitFor();

    await page.screenshot({ path: join(SCREENSHOT_DIR, 'small-call-ja.png') });

    await page.getByText('English', { exact: true }).click();
    await parcel.getByText('Late parcel').waitFor();
    await expect.poll(() => inViewport('late-parcel')).toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'small-call-en.png') });
    await page.getByText('日本語', { exact: true }).click();
    await parcel.getByText('遅れている荷物').waitFor();

    // The e-mail stays on one line (an ellipsis, never a break inside the word); the whole of it
    // shows on focus.
    const email = page
      .getByRole('region', { name: 'お客さま情報' })
      .getByTestId('masked-value')
      .filter({ hasText: '@' });
    const shape = await email.evaluate((el) => {
      const lineHeight = el.ownerDocument.defaultView?.getComputedStyle(el).lineHeight ?? '0';
      return {
        lines: Math.round(el.getBoundingClientRect().height / parseFloat(lineHeight)),
        cut: el.scrollWidth > el.clientWidth,
      };
    });
    // One line, ended by an ellipsis (it is wider than its column at this size).
    expect(shape).toEqual({ lines: 1, cut: true });
    const masked = (await email.textContent()) ?? '';
    // Reached with the keyboard (a tooltip opens on keyboard focus, not on a mouse click's).
    await email.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await page.getByRole('tooltip').textContent()).toBe(masked);
  });

  it('marks an offered action done with Alt+5, keeps it over a reload and records it', async () => {
    const coupon = page.locator('[data-testid="next-best-action"][data-kind="delay_coupon"]');
    const done = coupon.getByTestId('next-best-action-done');
    expect(await done.getAttribute('aria-pressed')).toBe('false');
    expect(await done.getAttribute('aria-keyshortcuts')).toBe('Alt+5');
    await page.keyboard.press('Alt+5');
    await coupon.and(page.locator('[data-done="true"]')).waitFor();
    expect(await done.getAttribute('aria-pressed')).toBe('true');
    // Alt+5 again takes it back; a third time marks it again.
    await page.keyboard.press('Alt+5');
    await page.locator('[data-kind="delay_coupon"]:not([data-done])').waitFor();
    await page.keyboard.press('Alt+5');
    await coupon.and(page.locator('[data-done="true"]')).waitFor();

    // The call's work is kept by the core: a reload of the window keeps the mark.
    await page.reload();
    await state('in_call');
    await page
      .locator('[data-testid="next-best-action"][data-kind="delay_coupon"][data-done="true"]')
      .waitFor();
  });

  it('goes through the harassment protocol with Alt+1–4 from anywhere', async () => {
    await page.keyboard.press('Control+Shift+H');
    const panel = page.getByTestId('harassment-panel');
    await panel.waitFor();
    expect(
      await page.getByTestId('harassment-warning-given').getAttribute('aria-keyshortcuts'),
    ).toBe('Alt+1');
    // Alt+2 and Alt+3's repeat do nothing before the warning was given (no stray steps).
    await page.keyboard.press('Alt+2');
    expect(await panel.getAttribute('data-stage')).toBe('warn');
    // Alt+4: the note, typed; Alt+1 from inside it records the warning.
    await page.keyboard.press('Alt+4');
    expect(await isFocused('harassment-note')).toBe(true);
    await page.keyboard.type('同じ要求を大声で繰り返す');
    await page.keyboard.press('Alt+1');
    await page.locator('[data-testid="harassment-panel"][data-stage="monitor"]').waitFor();
    expect(await page.getByTestId('harassment-note').inputValue()).toBe('同じ要求を大声で繰り返す');
    await page.keyboard.press('Alt+2');
    await page.locator('[data-testid="harassment-panel"][data-stage="terminate"]').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'small-harassment-ja.png') });
    await page.keyboard.press('Alt+3');
    await state('wrap_up');
  });

  it('asks a callback for its date and time, and records it with the actions done', async () => {
    await page.getByTestId('wrap-up-panel').waitFor();
    await page.keyboard.press('Alt+3');
    // Alt+6 (callback) moves to the callback's time: nothing to save without it.
    await page.keyboard.press('Alt+6');
    await page.getByTestId('callback-at').waitFor();
    expect(await isFocused('callback-at')).toBe(true);
    await page.keyboard.press('Control+Enter');
    await page.getByText('折り返しの日時を入力してください。').waitFor();
    expect(await isFocused('callback-at')).toBe(true);

    // Something the field cannot read is said at once; then the date as an agent writes it.
    await page.keyboard.type('あさって');
    await page.getByText('日時として読み取れません').waitFor();
    await page.keyboard.press('Control+A');
    const when = callbackInTwoDays();
    await page.keyboard.type(`${Number(when.month)}/${Number(when.day)} 14:00`);
    expect(await page.getByTestId('callback-readback').textContent()).toContain('14:00');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'small-wrap-up-callback-ja.png') });
    await page.getByText('English', { exact: true }).click();
    await page.getByText('Callback date and time (Japan time)').waitFor();
    expect(await page.getByTestId('callback-readback').textContent()).toContain('2:00');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'small-wrap-up-callback-en.png') });
    await page.getByText('日本語', { exact: true }).click();
    await page.getByText('折り返しの日時（日本時間）').waitFor();

    await page.keyboard.press('Control+Enter');
    await page.getByTestId('wrap-up-saved').waitFor();
    expect(await page.getByTestId('wrap-up-saved-callback').textContent()).toContain('14:00');
    expect(await page.getByTestId('wrap-up-saved-actions-done').textContent()).toContain('1');
    const calls = await koe(page, 'calls:state', {});
    const callId = calls.today[0]!.callId;
    const record = await koe(page, 'wrapUp:get', { callId });
    expect(record).toMatchObject({
      resolution: 'callback',
      callbackAt: when.instant,
      nextBestActionsDone: ['delay_coupon'],
    });
    expect(record?.nextBestActions).toContain('delay_coupon');
    expect(record?.harassment?.note).toBe('同じ要求を大声で繰り返す');
  });

  it('picks a proactive call’s outcome with Alt+− and 1–3', async () => {
    await page.getByTestId('open-outreach').click();
    await page.getByTestId('outreach-list').waitFor();
    await page.getByTestId('outreach-row').first().getByTestId('outreach-call').click();
    await state('in_call');
    await page.keyboard.press('Control+Shift+E');
    const picker = page.getByTestId('outreach-outcome');
    await picker.waitFor();
    const radio = (name: string) => picker.getByRole('radio', { name });
    const focusedValue = () => picker.locator('input[type="radio"]:focus').getAttribute('value');

    // From the reason filter (where the wrap-up puts the focus), Alt+− goes to the outcomes.
    await page.keyboard.press('Alt+Minus');
    expect(await focusedValue()).toBe('reached');
    expect(await radio('お客さまと話した').isChecked()).toBe(false);
    await page.keyboard.press('2');
    expect(await radio('留守番電話に残した').isChecked()).toBe(true);
    await page.keyboard.press('ArrowRight');
    expect(await radio('応答なし').isChecked()).toBe(true);
    await page.keyboard.press('1');
    expect(await radio('お客さまと話した').isChecked()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'small-outreach-outcome-ja.png') });

    // The rest of the form from anywhere, then Ctrl+Enter.
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Alt+4');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('wrap-up-saved').waitFor();
    const callId = (await koe(page, 'calls:state', {})).today[0]!.callId;
    expect(await koe(page, 'wrapUp:get', { callId })).toMatchObject({
      contactType: 'proactive',
      outreachOutcome: 'reached',
    });
  });

  it('opens the typed-number dialog with Ctrl+Shift+N: Esc closes it, Enter starts the call', async () => {
    const dialog = page.getByRole('dialog', { name: '着信番号で呼び出し' });
    const phone = page.getByRole('textbox', { name: '電話番号' });
    await page.keyboard.press('Control+Shift+N');
    await dialog.waitFor();
    expect(await phone.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'small-typed-number-ja.png') });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.keyboard.press('Control+Shift+N');
    await dialog.waitFor();
    // The field has the focus as soon as the dialog is there (not a timer later, as the modal's
    // focus trap would): digits typed at once are not lost (a CI run lost them under load).
    expect(await phone.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.type(HANAKO.phone);
    expect(await phone.inputValue()).toBe(HANAKO.phone);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await state('in_call');
    await page.getByTestId('late-parcel').waitFor();
    await expect.poll(() => inViewport('late-parcel')).toBe(true);
  });
});
