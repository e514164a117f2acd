import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, startE2eApp, type E2eApp } from './harness-fixture';

/** The demo retailer's featured customer: a gold customer whose Yamato parcel is late. */
const HANAKO = { phone: '090-1234-5678', name: '佐藤 花子' };

describe('customer lookup in the browser harness', () => {
  let app: E2eApp;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    app = await startE2eApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  const open = async () => {
    ({ page, errors } = await app.openPage());
  };
  afterEach(async () => {
    // A CSP violation or a crash shows up here even when the screen looked right.
    expect(errors).toEqual([]);
    await page?.close();
  });

  const switchLanguage = async (label: '日本語' | 'English') => {
    await page.getByText(label, { exact: true }).click();
  };

  it('starts in Japanese', async () => {
    await open();
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    expect(await page.getByRole('combobox').getAttribute('placeholder')).toBe(
      '電話番号・注文番号・伝票番号・メール・お名前で検索',
    );
    await page.getByText('お客さまを探す').waitFor();
  });

  it('finds 佐藤 花子 by a hyphenated phone number and shows her late Yamato parcel', async () => {
    await open();
    await page.getByRole('combobox').fill(HANAKO.phone);
    const result = page.getByRole('option').filter({ hasText: HANAKO.name });
    await result.waitFor();
    expect(await page.getByRole('option').count()).toBe(1);
    await result.click();

    const card = page.getByTestId('customer-card');
    await card.waitFor();
    expect(await card.getByRole('heading', { level: 2 }).textContent()).toBe(HANAKO.name);
    const lateParcel = card.getByTestId('shipment').filter({ has: page.getByTestId('days-late') });
    await lateParcel.first().waitFor();
    expect(await lateParcel.first().textContent()).toContain('ヤマト運輸');
    expect(await lateParcel.first().getByTestId('days-late').textContent()).toMatch(/^\d+ 日遅れ$/);
    // Personal data arrives masked from the core: the phone but its last 4 digits, the e-mail.
    const identity = page.getByRole('region', { name: 'お客さま情報' });
    expect(await identity.textContent()).toContain('h***@gmail.com');
    expect(await identity.textContent()).toContain('***-****-5678');
    expect(await identity.textContent()).not.toContain('1234-5678');
    // Not on a call with her: the core refuses the reveal and the value stays masked.
    const reveal = identity.getByRole('button', { name: '電話番号を表示' });
    await reveal.click();
    await page
      .locator('[aria-description^="このお客さまとの通話中か通話直後にだけ表示できます"]')
      .waitFor();
    expect(await identity.textContent()).toContain('***-****-5678');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'customer-card-ja.png') });

    await switchLanguage('English');
    await card.getByText('Yamato Transport').first().waitFor();
    expect(await lateParcel.first().getByTestId('days-late').textContent()).toMatch(
      /^\d+ days? late$/,
    );
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'customer-card-en.png') });
    await switchLanguage('日本語');
    await card.getByText('ヤマト運輸').first().waitFor();
  });

  it('opens a result with the keyboard: ↓ and Enter from the search field', async () => {
    await open();
    const search = page.getByRole('combobox');
    await search.fill('佐藤');
    await page.getByRole('option').nth(1).waitFor();
    await search.press('ArrowDown');
    const second = page.getByRole('option').nth(1);
    expect(await second.getAttribute('aria-selected')).toBe('true');
    const name = await second.getByTestId('customer-name').textContent();
    await search.press('Enter');
    await page.getByTestId('customer-card').waitFor();
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe(name);
  });

  it('focuses the search with / and with Ctrl+K', async () => {
    await open();
    const search = page.getByRole('combobox');
    const searchIsFocused = () =>
      search.evaluate((element) => element === element.ownerDocument.activeElement);
    await page.getByText('お客さまを探す').click();
    expect(await searchIsFocused()).toBe(false);
    await page.keyboard.press('/');
    expect(await searchIsFocused()).toBe(true);
    expect(await search.inputValue()).toBe('');
    await page.getByText('お客さまを探す').click();
    await page.keyboard.press('Control+K');
    expect(await searchIsFocused()).toBe(true);
  });

  it('switches the whole UI to English, and remembers it', async () => {
    await open();
    await switchLanguage('English');
    await page.getByText('Find a customer').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('combobox').getAttribute('placeholder')).toBe(
      'Phone, order or tracking number, email or name',
    );
    await page.getByRole('button', { name: 'Pop by phone number' }).waitFor();
    // The choice is saved by the core (app:setLocale), not by the page.
    await page.reload();
    await page.getByText('Find a customer').waitFor();
    await switchLanguage('日本語');
    await page.getByText('お客さまを探す').waitFor();
  });

  it('pops a shared house phone to a chooser of its customers', async () => {
    await open();
    await page.getByRole('button', { name: '番号で呼び出し' }).click();
    await page.getByRole('textbox', { name: '電話番号' }).fill('06-6123-4567');
    await page.getByRole('button', { name: '呼び出す' }).click();
    await page.getByText('この番号のお客さまが 2 名います').waitFor();
    expect(await page.getByRole('option').count()).toBe(2);
  });

  it('refuses a request to a channel outside the contract', async () => {
    await open();
    const answer = await page.evaluate(async () => {
      const response = await fetch('/ipc/evil', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      return { status: response.status, body: (await response.json()) as unknown };
    });
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    // Nor does window.koe offer anything outside the contract.
    expect(
      await page.evaluate(() => 'evil' in (globalThis as unknown as { koe: object }).koe),
    ).toBe(false);
    // The page itself is fetched a second time: a 404 for a non-contract channel is logged by
    // Chromium as a console error, which is expected here.
    errors.length = 0;
  });
});
