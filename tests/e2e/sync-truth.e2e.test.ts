import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ingestVocRecords } from '../../server/src/data/voc-ingest';
import { openServerStore } from '../../server/src/db/connect';
import { DEMO_TENANT_ID } from '../../server/src/seed';
import { DEMO_FEATURED_CUSTOMERS } from '../../src/shared/demo/featured-customers';
import type { VocRecord } from '../../src/shared/domain';
import { customerRecord } from '../fixtures/retailer-records';
import { SCREENSHOT_DIR, startE2eApp, type E2eApp } from './harness-fixture';
import { eventually, koe } from './koe-bridge';

const HANAKO = DEMO_FEATURED_CUSTOMERS.lateDelivery;
const PASSWORD = 'koe-demo';

async function signIn(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in ${email}: ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/**
 * What the desk says about sync is what happened: not connected while the retailer is gone,
 * synced again once its stream is back (and a change made then arrives through it), and a
 * wrap-up the retailer refused shows as refused — in the popover and in "my calls today" — with
 * the reason in the agent's language, until the agent corrects it and it is delivered.
 */
describe('truthful sync in the browser harness', () => {
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
  afterEach(async () => {
    // The retailer going down is not an error of the page; anything else is.
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    await page?.close();
  });

  const open = async () => {
    ({ page, errors } = await app.openPage());
    retailerUrl = (await koe(page, 'app:info', {})).retailerUrl ?? '';
  };
  const indicatorIn = (state: string) =>
    page.locator(`[data-testid="sync-indicator"][data-state="${state}"]`).waitFor();
  const popover = () => page.getByTestId('sync-popover');
  const openPopover = async () => {
    await page.getByTestId('sync-indicator').click();
    await popover().waitFor();
  };
  /** A screenshot at 1280×720 once the popover's fade-in is over (as the agent sees it). */
  const shoot = async (name: string) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.mouse.move(0, 0);
    if (await popover().isVisible()) {
      await popover().evaluate(
        (element) =>
          new Promise<void>((resolve) => {
            const check = () =>
              (
                globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } }
              ).getComputedStyle(element).opacity === '1'
                ? resolve()
                : setTimeout(check, 50);
            check();
          }),
      );
    }
    await page.screenshot({ path: join(SCREENSHOT_DIR, name) });
  };
  const closePopover = async () => {
    await page.keyboard.press('Escape');
    await popover().waitFor({ state: 'hidden' });
  };

  it('says not connected while the retailer is gone, and synced once its stream is back', async () => {
    await open();
    await indicatorIn('synced');
    await app.stopRetailer();
    await indicatorIn('offline');
    expect(await page.getByTestId('sync-indicator').textContent()).toContain('未接続');
    await openPopover();
    // The agent's language first; the technical words stay, second.
    expect(await popover().getByTestId('sync-error-message').textContent()).toBe(
      '販売店に接続できません。',
    );
    expect(await popover().getByTestId('sync-error').textContent()).toContain('技術的な詳細');
    await popover().getByTestId('sync-next-attempt').waitFor();
    await shoot('sync-not-connected-ja.png');
    await closePopover();
    await page.getByText('English', { exact: true }).click();
    await page.getByTestId('sync-indicator').getByText('Not connected').waitFor();
    await openPopover();
    expect(await popover().getByTestId('sync-error-message').textContent()).toBe(
      'The retailer cannot be reached.',
    );
    await shoot('sync-not-connected-en.png');
    await closePopover();
    await page.getByText('日本語', { exact: true }).click();
    await page.getByTestId('sync-indicator').getByText('未接続').waitFor();

    await app.startRetailer();
    await indicatorIn('synced');

    // A change the retailer makes now reaches the desk through the new stream (the safety-net
    // pull is a minute away; this waits 20 s at most).
    const before = (await koe(page, 'app:info', {})).customerCount;
    const admin = await signIn(retailerUrl, 'admin@demo.koe.example');
    const answer = await fetch(`${retailerUrl}/v1/data/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        records: [
          customerRecord({
            id: 'after-restart',
            familyName: '再接続',
            // Not 佐藤 花子's number (the fixture's default): her calls must still pop her.
            phones: [{ number: '090-5555-0101', kind: 'mobile' }],
          }),
        ],
      }),
    });
    expect(answer.status).toBe(200);
    await eventually(
      'the new customer on the desk',
      async () => ((await koe(page, 'app:info', {})).customerCount === before + 1 ? true : null),
      20_000,
    );
  }, 120_000);

  it('shows a refused wrap-up as refused with its reason until the agent corrects it', async () => {
    await open();
    await indicatorIn('synced');
    // The retailer is away while the agent saves: the record waits in the outbox.
    await app.stopRetailer();
    const callId = await app.ring(HANAKO.phone);
    await page.getByTestId('customer-card').waitFor();
    await app.answer(callId);
    await page.locator('[data-testid="call-state"][data-state="in_call"]').waitFor();
    await app.hangUp(callId);
    await page.getByTestId('wrap-up-panel').waitFor();
    await page.locator('[data-testid="chosen-reasons"] [data-code="delivery.late"]').waitFor();
    await page.keyboard.press('Alt+2');
    await page.keyboard.press('Alt+4');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('wrap-up-saved').waitFor();
    const row = page.locator(`[data-testid="today-call"][data-call-id="${callId}"]`);
    await page.locator(`[data-testid="today-call"][data-status="pending"]`).waitFor();
    expect(await row.textContent()).toContain('未送信');

    // Meanwhile the retailer received other content under the same id and revision (another
    // desk restored from a copy of this one): it will refuse this record as a conflict.
    const record = (await koe(page, 'wrapUp:get', { callId })) as VocRecord;
    const store = await openServerStore({
      sqliteFile: join(app.dataDir, 'demo-retailer.sqlite'),
    });
    const agent = { userId: record.agentId, centerId: record.centerId, tenantId: DEMO_TENANT_ID };
    const [stored] = await store.db
      .transaction()
      .execute((trx) =>
        ingestVocRecords(trx, { ...agent, role: 'agent' }, [
          { ...record, customerWords: 'another desk wrote this' },
        ]),
      );
    await store.close();
    expect(stored?.status).toBe('accepted');

    await app.startRetailer();
    await page.locator(`[data-testid="today-call"][data-status="refused"]`).waitFor();
    expect(await row.getByTestId('today-call-refusal').textContent()).toContain(
      '同じ番号で内容の違う記録',
    );
    await indicatorIn('refused');
    await openPopover();
    expect(await popover().getByTestId('sync-quarantined-count').textContent()).toBe('1 件');
    const refused = popover().getByTestId('sync-refused-record');
    expect(await refused.getAttribute('data-voc-id')).toBe(record.id);
    expect(await refused.getByTestId('sync-refused-reason').textContent()).toContain(
      '同じ番号で内容の違う記録',
    );
    // Never "everything reached the retailer" while one is refused.
    expect(await popover().textContent()).not.toContain('すべての応対記録が販売店に届いています');
    await shoot('sync-refused-ja.png');
    await closePopover();
    await row.scrollIntoViewIfNeeded();
    await shoot('today-refused-ja.png');

    await page.getByText('English', { exact: true }).click();
    await row.getByText('Refused', { exact: true }).waitFor();
    await openPopover();
    expect(await refused.getByTestId('sync-refused-reason').textContent()).toContain(
      'already holds a different record',
    );
    await shoot('sync-refused-en.png');
    await closePopover();
    await row.scrollIntoViewIfNeeded();
    await shoot('today-refused-en.png');
    await page.getByText('日本語', { exact: true }).click();
    await row.getByText('送信不可', { exact: true }).waitFor();

    // The agent corrects it (Edit, callback with its promised time, save): it goes out again
    // and is delivered.
    await row.getByTestId('today-call-edit').click();
    await page.locator('[data-testid="wrap-up-panel"][data-mode="edit"]').waitFor();
    await page.keyboard.press('Alt+6');
    const tomorrow = new Date(Date.now() + 86_400_000);
    const when = new Intl.DateTimeFormat('en-US', {
      timeZone: 'Asia/Tokyo',
      month: 'numeric',
      day: 'numeric',
    }).format(tomorrow);
    await page.getByTestId('callback-at').fill(`${when} 14:00`);
    await page.keyboard.press('Control+Enter');
    await page.locator(`[data-testid="today-call"][data-status="delivered"]`).waitFor();
    await indicatorIn('synced');
    const status = await koe(page, 'sync:status', {});
    expect(status).toMatchObject({ quarantined: 0, pendingOutbox: 0, refused: [] });
    const voc = await fetch(`${retailerUrl}/v1/voc?limit=1000`, {
      headers: {
        authorization: `Bearer ${await signIn(retailerUrl, 'agent@demo.koe.example')}`,
      },
    });
    const atRetailer = ((await voc.json()) as { records: VocRecord[] }).records.find(
      (r) => r.id === record.id,
    );
    expect(atRetailer).toMatchObject({ revision: 2, resolution: 'callback' });
  }, 180_000);
});
