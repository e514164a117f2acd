import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, startE2eApp, type E2eApp } from './harness-fixture';
import { koeResult } from './koe-bridge';

describe('sync status and Settings in the browser harness', () => {
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
    expect(errors).toEqual([]);
    await page?.close();
  });

  /** Waits out a popover's fade-in, so the screenshot shows it as the agent sees it. */
  const settled = (locator: ReturnType<Page['getByTestId']>) =>
    locator.evaluate(
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

  const appInfo = () => koeResult(page, 'app:info', {});

  it('shows the demo data as synced, with the counts in the popover', async () => {
    await open();
    const indicator = page.getByTestId('sync-indicator');
    await page.locator('[data-testid="sync-indicator"][data-state="synced"]').waitFor();
    expect(await indicator.textContent()).toContain('同期済み');
    expect(await page.getByTestId('sync-pending-badge').count()).toBe(0);
    expect(await page.getByTestId('sync-quarantined-badge').count()).toBe(0);

    await indicator.click();
    const popover = page.getByTestId('sync-popover');
    await popover.waitFor();
    expect(await popover.getByTestId('sync-pending-count').textContent()).toBe('0 件');
    expect(await popover.getByTestId('sync-quarantined-count').textContent()).toBe('0 件');
    const lastSynced = (await popover.getByTestId('sync-last-synced').textContent()) ?? '';
    expect(lastSynced).not.toContain('まだ');
    expect(lastSynced).toMatch(/\d{4}\/\d{1,2}\/\d{1,2}/);
    await popover.getByRole('button', { name: '今すぐ同期' }).waitFor();
    await settled(popover);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'sync-status-ja.png') });

    // Sync now runs a sync and comes back to synced.
    await popover.getByRole('button', { name: '今すぐ同期' }).click();
    await page.locator('[data-testid="sync-indicator"][data-state="synced"]').waitFor();
    await page.keyboard.press('Escape');
    await popover.waitFor({ state: 'hidden' });
  });

  it('opens Settings with Ctrl+, and refuses a wrong password without changing the data source', async () => {
    await open();
    const before = await appInfo();
    expect(before.ok).toBe(true);
    if (!before.ok) return;
    expect(before.value.dataSource).toBe('demo');
    expect(before.value.retailerUrl).toMatch(/^http:\/\/(127\.0\.0\.1|localhost):\d+/);

    await page.getByText('お客さまを探す').click();
    await page.keyboard.press('Control+Comma');
    const settings = page.getByTestId('settings-view');
    await settings.waitFor();
    await settings.getByRole('heading', { name: '設定', level: 2 }).waitFor();
    expect(await page.getByTestId('data-source').textContent()).toContain('デモデータ');

    // Client-side checks first: a plain http address elsewhere is refused before sending.
    await settings.getByLabel('販売店 API の URL').fill('http://example.com');
    await settings.getByLabel('メールアドレス').fill('agent@example.com');
    await settings.getByLabel('パスワード').fill('wrong-password');
    await settings.getByRole('button', { name: 'サインインして保存' }).click();
    await settings.getByText('https:// のアドレスを入力してください', { exact: false }).waitFor();
    expect(await page.getByTestId('retailer-failed').count()).toBe(0);

    await settings.getByLabel('販売店 API の URL').fill(before.value.retailerUrl ?? '');
    await settings.getByRole('button', { name: 'サインインして保存' }).click();
    const failed = page.getByTestId('retailer-failed');
    await failed.waitFor();
    expect(await failed.textContent()).toContain('サインインできませんでした');
    // Why, in the agent's language (the core's English detail is not what they read).
    expect(await failed.textContent()).toContain('メールアドレスとパスワードを確認してください');
    expect(await failed.textContent()).toContain('接続先は変更していません');
    // The password is not kept on screen.
    expect(await settings.getByLabel('パスワード').inputValue()).toBe('');
    expect(await page.getByTestId('retailer-connected').count()).toBe(0);

    const after = await appInfo();
    expect(after.ok && after.value.dataSource).toBe('demo');
    expect(after.ok && after.value.retailerUrl).toBe(before.value.retailerUrl);
    expect(await page.getByTestId('data-source').textContent()).toContain('デモデータ');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'settings-ja.png') });

    // The language switch in Settings switches the whole UI.
    await settings.getByText('English', { exact: true }).click();
    await settings.getByRole('heading', { name: 'Settings', level: 2 }).waitFor();
    await page.getByTestId('data-source').getByText('Demo data').waitFor();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'settings-en.png') });
    await settings.getByText('日本語', { exact: true }).click();
    await settings.getByRole('heading', { name: '設定', level: 2 }).waitFor();

    // Back returns to where the agent was.
    await settings.getByRole('button', { name: '戻る' }).click();
    await page.getByText('お客さまを探す').waitFor();
  });
});
