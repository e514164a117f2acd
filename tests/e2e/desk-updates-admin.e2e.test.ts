import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/src/seed';
import { uploadReleases } from '../../scripts/release-upload';
import { APP_VERSION_HEADER, DESK_ID_HEADER } from '../../src/shared/protocol/update-feed';
import { SCREENSHOT_DIR, startE2eApp, type E2eApp } from './harness-fixture';
import { koe } from './koe-bridge';

/**
 * The retailer admin runs desktop updates from Koe: a release the operator uploaded (here with
 * the operator command, into the embedded demo retailer) is halted from the admin view and the
 * retailer stops offering it; a center's minimum version set there marks the desks below it.
 */
describe('desktop updates in the admin view', () => {
  let app: E2eApp;
  let page: Page;
  let errors: string[];
  let distDir: string;
  let retailerUrl: string;
  let adminToken: string;

  beforeAll(async () => {
    app = await startE2eApp({ demoRole: 'retailer_admin' });
    ({ page, errors } = await app.openPage());
    retailerUrl = (await koe(page, 'app:info', {})).retailerUrl!;
    const admin = DEMO_USERS.find((u) => u.role === 'retailer_admin')!;
    const signIn = await fetch(`${retailerUrl}/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: admin.email, password: DEMO_PASSWORD }),
    });
    adminToken = ((await signIn.json()) as { accessToken: string }).accessToken;
    distDir = mkdtempSync(join(tmpdir(), 'koe-dist-'));
    const bytes = Buffer.from('Koe 1.4.0 AppImage '.repeat(1_000));
    const sha512 = createHash('sha512').update(bytes).digest('base64');
    writeFileSync(join(distDir, 'Koe-1.4.0.AppImage'), bytes);
    writeFileSync(
      join(distDir, 'latest-linux.yml'),
      yaml.dump({
        version: '1.4.0',
        files: [{ url: 'Koe-1.4.0.AppImage', sha512, size: bytes.length }],
        path: 'Koe-1.4.0.AppImage',
        sha512,
        releaseDate: '2026-12-06T10:00:00.000Z',
      }),
    );
    await uploadReleases({
      dir: distDir,
      channel: 'stable',
      baseUrl: retailerUrl,
      accessToken: adminToken,
      log: () => {},
    });
  }, 240_000);
  afterAll(async () => {
    await page?.close();
    await app?.close();
    if (distDir) rmSync(distDir, { recursive: true, force: true });
  });
  afterEach(() => {
    expect(errors).toEqual([]);
  });

  /** What the retailer offers a desk of the admin's center on the stable channel. */
  const offered = async () => {
    const response = await fetch(`${retailerUrl}/v1/updates/stable/latest-linux.yml`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    return response.ok ? (yaml.load(await response.text()) as { version: string }) : null;
  };

  it('halts a release: the retailer stops offering it, and resumes it', async () => {
    expect(await offered()).toMatchObject({ version: '1.4.0' });
    await page.getByTestId('admin-button').waitFor({ timeout: 60_000 });
    await page.getByTestId('admin-button').click();
    await page.getByTestId('admin-tab-updates').click();
    const releases = page.getByTestId('update-releases');
    await releases.waitFor();
    expect(await releases.innerText()).toContain('配信中');
    await page.getByRole('button', { name: 'stable 1.4.0: 配信を停止' }).click();
    await releases.getByText(/停止中/).waitFor();
    expect(await offered()).toBeNull();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'admin-desk-updates-ja.png') });
    await page.getByRole('button', { name: 'stable 1.4.0: 配信を再開' }).click();
    await releases.getByText('配信中').waitFor();
    expect(await offered()).toMatchObject({ version: '1.4.0' });
  });

  it('sets a center’s minimum version, refuses a malformed one in place, and marks the desks below it', async () => {
    // Another desk of a center, an agent's on 1.3.0, asks for its policy (and so reports itself).
    const agent = DEMO_USERS.find((u) => u.role === 'agent')!;
    const agentSignIn = await fetch(`${retailerUrl}/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: agent.email, password: DEMO_PASSWORD }),
    });
    const agentToken = ((await agentSignIn.json()) as { accessToken: string }).accessToken;
    const policy = await fetch(`${retailerUrl}/v1/updates/policy`, {
      headers: {
        authorization: `Bearer ${agentToken}`,
        [DESK_ID_HEADER]: 'desk-00000000-0000-4000-8000-000000000001',
        [APP_VERSION_HEADER]: '1.3.0',
      },
    });
    expect(policy.status).toBe(200);
    const overview = await koe(page, 'admin:deskUpdates', {});
    const center = overview.centers.find((c) => c.centerId === agent.centerId)!;
    const row = page.getByTestId(`center-updates-${center.centerId}`);
    const minimum = row.getByRole('textbox', { name: `${center.centerName}: 最低バージョン` });
    await minimum.fill('1.4');
    await row.getByText('1.4.2 の形で入力するか、空欄にしてください').waitFor();
    expect(await row.getByRole('button', { name: `${center.centerName}: 保存` }).isDisabled()).toBe(
      true,
    );
    await minimum.fill('1.4.0');
    await row.getByRole('button', { name: `${center.centerName}: 保存` }).click();
    await row.getByText('保存しました').waitFor();
    const saved = await koe(page, 'admin:deskUpdates', {});
    expect(saved.centers.find((c) => c.centerId === center.centerId)?.minimumVersion).toBe('1.4.0');

    // Reopened, the desk list marks the agent's desk (1.3.0) as below its center's minimum.
    await page.getByTestId('admin-tab-thresholds').click();
    await page.getByTestId('admin-tab-updates').click();
    await page.getByTestId('update-desks').getByText('最低バージョン未満').first().waitFor();
    await page.screenshot({
      path: join(SCREENSHOT_DIR, 'admin-desk-updates-minimum-ja.png'),
      fullPage: true,
    });
    // Put back, so the center's desks are not refused customer data.
    await minimum.fill('');
    await row.getByRole('button', { name: `${center.centerName}: 保存` }).click();
    await row.getByText('保存しました').waitFor();
  });
});
