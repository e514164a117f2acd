import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/src/seed';
import { SCREENSHOT_DIR, startE2eApp, type E2eApp } from './harness-fixture';
import { koe, setLocale } from './koe-bridge';

/**
 * The retailer admin sees the accounts the retailer locked after too many wrong passwords, with
 * when each lock ends, and unlocks one: the agent signs in again with the right password.
 */
describe('locked accounts in the admin view', () => {
  let app: E2eApp;
  let page: Page;
  let errors: string[];
  let retailerUrl: string;
  const agent = DEMO_USERS.find((u) => u.role === 'agent')!;
  const signIn = (password: string) =>
    fetch(`${retailerUrl}/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: agent.email, password }),
    });

  beforeAll(async () => {
    app = await startE2eApp({ demoRole: 'retailer_admin' });
    ({ page, errors } = await app.openPage());
    retailerUrl = (await koe(page, 'app:info', {})).retailerUrl!;
  }, 240_000);
  afterAll(async () => {
    await page?.close();
    await app?.close();
  });
  afterEach(() => {
    expect(errors).toEqual([]);
  });

  it('lists the locked agent with when the lock ends, and unlocks them', async () => {
    // Wrong passwords until the demo retailer locks the account (its default: 10).
    let status = 0;
    for (let i = 0; i < 20 && status !== 423; i++) status = (await signIn(`wrong ${i}`)).status;
    expect(status).toBe(423);
    expect((await signIn(DEMO_PASSWORD)).status).toBe(423);

    await page.getByTestId('admin-button').waitFor({ timeout: 60_000 });
    await page.getByTestId('admin-button').click();
    await page.getByTestId('admin-tab-locked-accounts').click();
    const row = page.getByTestId(`locked-account-${agent.id}`);
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain(agent.displayName);
    expect(text).toContain(agent.email);
    expect(text).toContain('エージェント');
    const [listed] = (await koe(page, 'admin:lockedAccounts', {})).accounts;
    expect(Date.parse(listed!.lockedUntil)).toBeGreaterThan(Date.now());
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'admin-locked-accounts-ja.png') });
    await setLocale(page, 'en');
    await page.getByText('Unlocks by itself at').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'admin-locked-accounts-en.png') });
    await setLocale(page, 'ja');

    await page.getByRole('button', { name: `${agent.displayName}: ロックを解除` }).click();
    await page.getByTestId('locked-accounts-notice').getByText('ロックを解除しました').waitFor();
    await page.getByTestId('locked-accounts-empty').waitFor();
    expect((await signIn(DEMO_PASSWORD)).status).toBe(200);
    expect((await koe(page, 'admin:lockedAccounts', {})).accounts).toEqual([]);
  });
});
