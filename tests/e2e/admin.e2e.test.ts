import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, startE2eApp, type E2eApp } from './harness-fixture';
import { koeResult } from './koe-bridge';

describe('the admin view: a retailer admin only', () => {
  let admin: E2eApp;
  let agent: E2eApp;

  beforeAll(async () => {
    // This machine has no DNS, so the made-up receiver below cannot resolve, and the demo
    // retailer refuses webhooks to names it cannot check. The switch a served API has for
    // receivers it may not check (KOE_WEBHOOKS_ALLOW_PRIVATE) lets the form be tried here.
    process.env.KOE_WEBHOOKS_ALLOW_PRIVATE = '1';
    [admin, agent] = await Promise.all([
      startE2eApp({ demoRole: 'retailer_admin' }),
      startE2eApp(),
    ]);
  }, 240_000);
  afterAll(async () => {
    await admin?.close();
    await agent?.close();
    delete process.env.KOE_WEBHOOKS_ALLOW_PRIVATE;
  });

  // Transitions finished at once, so a modal is not caught half faded in.
  const shot = (page: Page, name: string) =>
    page.screenshot({
      path: join(SCREENSHOT_DIR, `${name}.png`),
      fullPage: false,
      animations: 'disabled',
    });

  it(
    'adds a webhook (secret shown once), switches it off, and changes a threshold',
    { timeout: 180_000 },
    async () => {
      const { page, errors } = await admin.openPage();
      await page.getByTestId('admin-button').waitFor({ timeout: 60_000 });
      // The view's keyboard shortcut, as the tooltip shows it.
      await page.keyboard.press('Control+Shift+A');
      const view = page.getByTestId('admin-view');
      await view.waitFor();
      expect(await page.getByTestId('admin-button').getAttribute('aria-pressed')).toBe('true');
      await page.getByText('Webhook はまだありません。').waitFor();

      // A URL that is not https is refused in the form, before anything is sent.
      const url = page.getByTestId('webhook-url');
      await url.fill('http://hooks.example.co.jp/koe');
      await page.getByTestId('webhook-add').click();
      await page.getByText('https:// で始まる URL を入力してください。').waitFor();

      await url.fill('https://hooks.example.co.jp/koe');
      await page.getByTestId('webhook-add').click();
      const secret = page.getByTestId('webhook-secret-value');
      await secret.waitFor();
      expect(await secret.textContent()).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
      await shot(page, 'admin-webhook-secret-ja');
      await page.getByTestId('webhook-secret-done').click();
      await secret.waitFor({ state: 'detached' });

      const item = page.getByTestId('webhook-item');
      await item.waitFor();
      expect(await item.textContent()).toContain('https://hooks.example.co.jp/koe');
      // Switched off: the server says so too.
      await page.getByTestId('webhook-enabled').click({ force: true });
      await page.getByText('無効のあいだのイベントは送られず').waitFor();
      const listed = await koeResult(page, 'admin:webhooks', {});
      expect(listed.ok && listed.value.webhooks.map((w) => [w.url, w.enabled])).toEqual([
        ['https://hooks.example.co.jp/koe', false],
      ]);
      await page.getByTestId('webhook-deliveries-toggle').click();
      await page.getByText('まだ配信はありません。').waitFor();
      await shot(page, 'admin-webhooks-ja');

      // Thresholds: each explained, a wrong value refused in place, a good one saved.
      await page.getByTestId('admin-tab-thresholds').click();
      const claim = page.getByTestId('threshold-claimRiskThreshold');
      await claim.waitFor();
      expect(await claim.inputValue()).toBe('0.7');
      expect(await view.textContent()).toContain('再送や返金の前に本人確認');
      await claim.fill('1.5');
      await page.getByText('0 から 1 の数値を入力してください。').waitFor();
      expect(await page.getByTestId('thresholds-save').isDisabled()).toBe(true);
      await claim.fill('0.55');
      await page.getByTestId('thresholds-save').click();
      await page.getByTestId('thresholds-saved').waitFor();
      const saved = await koeResult(page, 'admin:riskThresholds', {});
      expect(saved.ok && saved.value).toMatchObject({
        claimRiskThreshold: 0.55,
        highValueClaimJpy: 30_000,
      });
      await shot(page, 'admin-thresholds-ja');

      await page.getByText('English', { exact: true }).click();
      await page.getByText('Risk thresholds', { exact: true }).first().waitFor();
      await page.getByText('Claim risk score that requires verification').waitFor();
      await shot(page, 'admin-thresholds-en');
      await page.getByTestId('admin-tab-webhooks').click();
      await page.getByTestId('webhook-item').waitFor();
      await page.getByText('While off, events are not sent').waitFor();
      await shot(page, 'admin-webhooks-en');
      // Back to Japanese for the next test file that opens this data folder's preferences.
      await page.getByText('日本語', { exact: true }).click();
      expect(errors).toEqual([]);
    },
  );

  it(
    'fits the risk weights on the settled cases, picks a threshold from the curve and saves them',
    { timeout: 180_000 },
    async () => {
      const { page, errors } = await admin.openPage();
      await page.getByTestId('admin-button').waitFor({ timeout: 60_000 });
      await page.getByTestId('admin-button').click();
      await page.getByTestId('admin-tab-thresholds').click();
      await page.getByTestId('risk-fit-claim-in-use').waitFor();
      expect(await page.getByTestId('risk-fit-claim-in-use').getAttribute('data-fitted')).toBe(
        'false',
      );
      await page.getByTestId('risk-fit-run').click();
      const summary = page.getByTestId('risk-fit-claim-summary');
      await summary.waitFor({ timeout: 60_000 });
      // What the screen says is what the core fitted.
      const fit = await koeResult(page, 'admin:fitRisk', {});
      if (!fit.ok || !fit.value.claim) throw new Error('no claim-risk fit on the demo data');
      const claim = fit.value.claim;
      expect(await summary.textContent()).toContain(`AUC ${claim.auc!.toFixed(2)}`);
      // Pick the second threshold the curve flags anything at, and save it with the weights.
      const row = page.getByTestId('risk-fit-claim-curve').locator('tbody tr').nth(1);
      const threshold = Number(await row.getAttribute('data-threshold'));
      await row.click();
      const use = page.getByTestId('risk-fit-claim-use');
      expect(await use.textContent()).toContain(threshold.toFixed(2));
      await page.getByTestId('risk-fit-claim').locator('svg[role="img"]').scrollIntoViewIfNeeded();
      await shot(page, 'admin-risk-fit-ja');
      await use.click();
      await page.locator('[data-testid="risk-fit-claim-in-use"][data-fitted="true"]').waitFor();
      const saved = await koeResult(page, 'admin:riskThresholds', {});
      expect(saved.ok && saved.value).toMatchObject({
        claimRiskThreshold: threshold,
        claimRiskWeights: claim.weights,
        returnAbuseWeights: null,
      });
      // The threshold form above shows the saved threshold.
      expect(await page.getByTestId('threshold-claimRiskThreshold').inputValue()).toBe(
        String(threshold),
      );
      await page.getByText('English', { exact: true }).click();
      await page.getByText('Fit the weights to settled claims and returns').waitFor();
      await page.getByTestId('risk-fit-run').click();
      await page.getByTestId('risk-fit-claim-summary').waitFor({ timeout: 60_000 });
      await page.getByTestId('risk-fit-claim').locator('svg[role="img"]').scrollIntoViewIfNeeded();
      await shot(page, 'admin-risk-fit-en');
      // Back to the hand-set weights, as the next test found them.
      await page.getByText('Back to the hand-set weights').first().click();
      await page.locator('[data-testid="risk-fit-claim-in-use"][data-fitted="false"]').waitFor();
      await page.getByText('日本語', { exact: true }).click();
      expect(errors).toEqual([]);
    },
  );

  it('is not there for an agent: no button, no shortcut, and the core refuses', async () => {
    const { page, errors } = await agent.openPage();
    await page.getByTestId('settings-button').or(page.getByRole('combobox')).first().waitFor();
    expect(await page.getByTestId('admin-button').count()).toBe(0);
    await page.keyboard.press('Control+Shift+A');
    expect(await page.getByTestId('admin-view').count()).toBe(0);
    for (const channel of ['admin:webhooks', 'admin:riskThresholds', 'admin:fitRisk'] as const) {
      expect(await koeResult(page, channel, {})).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(errors).toEqual([]);
  });
});
