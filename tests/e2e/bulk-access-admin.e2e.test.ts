import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, startE2eApp, type E2eApp } from './harness-fixture';
import { koeResult } from './koe-bridge';

/**
 * The retailer admin's bulk-access policies in the admin view, against the embedded retailer:
 * a wrong value is refused in the form (the protocol's own schema), a policy saved is the
 * retailer's, edited and switched off there too; in Japanese and English.
 */
describe('bulk-access policies in the admin view', () => {
  let admin: E2eApp;

  beforeAll(async () => {
    admin = await startE2eApp({ demoRole: 'retailer_admin' });
  }, 240_000);
  afterAll(async () => {
    await admin?.close();
  });

  const shot = (page: Page, name: string) =>
    page.screenshot({
      path: join(SCREENSHOT_DIR, `${name}.png`),
      fullPage: false,
      animations: 'disabled',
    });

  it('creates, edits and switches off a policy', { timeout: 180_000 }, async () => {
    const { page, errors } = await admin.openPage();
    await page.getByTestId('admin-button').waitFor({ timeout: 60_000 });
    await page.getByTestId('admin-button').click();
    await page.getByTestId('admin-tab-bulk-access').click();
    await page.getByTestId('admin-bulk-access').waitFor();
    const before = await koeResult(page, 'admin:bulkAccessPolicies', {});
    if (!before.ok) throw new Error(before.error.message);

    await page.getByTestId('bulk-access-add').click();
    await page.getByTestId('bulk-access-labelJa').fill('通話外の閲覧の上限');
    await page.getByTestId('bulk-access-labelEn').fill('Out-of-call lookups');
    // Past the schema's bound: refused in place, nothing sent.
    await page.getByTestId('bulk-access-window').fill('2000');
    await page.getByText('1 から 1,440（24 時間）までの整数（分）を入力してください。').waitFor();
    expect(await page.getByTestId('bulk-access-save').isDisabled()).toBe(true);
    // Full-width digits typed with the IME count.
    await page.getByTestId('bulk-access-window').fill('６０');
    await page.getByTestId('bulk-access-threshold').fill('25');
    await page.getByTestId('bulk-access-action').click();
    await page.getByRole('option', { name: 'デスクのお客さま情報をロック' }).click();
    await shot(page, 'admin-bulk-access-form-ja');
    await page.getByTestId('bulk-access-save').click();
    await page.getByTestId('bulk-access-saved').waitFor();

    const saved = await koeResult(page, 'admin:bulkAccessPolicies', {});
    if (!saved.ok) throw new Error(saved.error.message);
    const policy = saved.value.policies.find((p) => p.labelJa === '通話外の閲覧の上限');
    expect(policy).toMatchObject({
      labelEn: 'Out-of-call lookups',
      metric: 'opened_outside_call',
      threshold: 25,
      windowMinutes: 60,
      action: 'lock_desk',
      active: true,
    });
    expect(saved.value.policies).toHaveLength(before.value.policies.length + 1);

    // Edited: the same policy changes (no second one).
    const row = page.getByTestId('bulk-access-policy').filter({ hasText: '通話外の閲覧の上限' });
    await row.getByTestId('bulk-access-edit').click();
    await page.getByTestId('bulk-access-threshold').fill('40');
    await page.getByTestId('bulk-access-save').click();
    await row.filter({ hasText: '40 回' }).waitFor();
    // Switched off: the retailer keeps it, off.
    await row.getByTestId('bulk-access-active').click({ force: true });
    await page
      .locator('[data-testid="bulk-access-policy"][data-active="false"]')
      .filter({ hasText: '通話外の閲覧の上限' })
      .waitFor();
    const after = await koeResult(page, 'admin:bulkAccessPolicies', {});
    if (!after.ok) throw new Error(after.error.message);
    expect(after.value.policies.filter((p) => p.id === policy!.id)).toEqual([
      expect.objectContaining({ threshold: 40, active: false }),
    ]);
    await shot(page, 'admin-bulk-access-ja');

    await page.getByText('English', { exact: true }).click();
    await page.getByText('Bulk-access policies', { exact: true }).first().waitFor();
    await page.getByText('Out-of-call lookups').waitFor();
    await shot(page, 'admin-bulk-access-en');
    await page.getByTestId('bulk-access-add').click();
    await page.getByTestId('bulk-access-threshold').fill('-1');
    await page.getByText('Enter a whole number from 0 to 100,000.').waitFor();
    await shot(page, 'admin-bulk-access-form-en');
    await page.getByText('日本語', { exact: true }).click();
    expect(errors).toEqual([]);
  });
});
