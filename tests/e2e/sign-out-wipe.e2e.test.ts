import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, startE2eApp, type E2eApp } from './harness-fixture';
import { koe } from './koe-bridge';

/**
 * Sign-out with wipe from Settings: two steps, and what the screen says is what the core did —
 * afterwards the search finds no customer (the bytes are checked by erasure-bytes.test.ts).
 */
describe('sign out and erase the customer data on this PC', () => {
  let app: E2eApp;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    app = await startE2eApp();
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach(async () => {
    expect(errors).toEqual([]);
    await page?.close();
  });

  it('erases after a confirmation and says so; the customers are gone', async () => {
    ({ page, errors } = await app.openPage());
    const search = page.getByRole('combobox');
    await search.fill('佐藤');
    await page.getByRole('option').first().waitFor();

    await page.getByRole('button', { name: '設定', exact: true }).click();
    const section = page.getByTestId('erase-section');
    await section.getByRole('button', { name: 'サインアウトして顧客データを消去' }).click();
    await section.getByText('元に戻せません').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'sign-out-wipe-confirm-ja.png') });
    await section.getByRole('button', { name: '消去してサインアウト' }).click();
    await section.getByTestId('sign-out-wipe-done').waitFor();
    expect(await section.getByTestId('sign-out-wipe-done').textContent()).toBe(
      'サインアウトし、このPCの顧客データを消去しました。',
    );
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'sign-out-wipe-done-ja.png') });
    await page.getByText('English', { exact: true }).first().click();
    await section.getByRole('heading', { name: 'Customer data on this PC' }).waitFor();
    await section.getByText('Signed out. The customer data on this PC is erased.').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'sign-out-wipe-done-en.png') });

    const { customers } = await koe(page, 'customers:search', { query: '佐藤' });
    expect(customers).toHaveLength(0);
  });
});
