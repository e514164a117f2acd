import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FEATURED_CUSTOMERS } from '../../src/shared/demo/featured-customers';
import { SCREENSHOT_DIR, startE2eApp, type E2eApp } from './harness-fixture';
import { koe } from './koe-bridge';

/** The demo retailer's featured customer: a gold customer whose Yamato parcel is late. */
const HANAKO = {
  phone: DEMO_FEATURED_CUSTOMERS.lateDelivery.phone,
  customerId: DEMO_FEATURED_CUSTOMERS.lateDelivery.customerId,
  orderId: DEMO_FEATURED_CUSTOMERS.lateDelivery.orderId,
  name: '佐藤 花子',
};

describe('search and input at the edges, in the browser harness', () => {
  let app: E2eApp;
  let page: Page;
  let errors: string[];
  /** Another program holding the CTI port the app is told to use. */
  let squatter: Server;
  let squattedPort = 0;

  beforeAll(async () => {
    squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    squattedPort = (squatter.address() as { port: number }).port;
    app = await startE2eApp({ ctiPort: squattedPort });
    ({ page, errors } = await app.openPage());
  });
  afterAll(async () => {
    await page?.close();
    await app?.close();
    await new Promise((resolve) => squatter.close(resolve));
  });
  afterEach(() => {
    expect(errors).toEqual([]);
  });

  const search = () => page.getByRole('combobox');
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });

  it.each([['090ー1234ー5678'], ['０９０−１２３４−５６７８'], ['090–1234–5678']])(
    'finds 佐藤 花子 by her number typed as %s',
    async (typed) => {
      await search().fill(typed);
      await page.getByRole('option').filter({ hasText: HANAKO.name }).waitFor();
      expect(await page.getByText('電話番号として検索').count()).toBe(1);
      await search().fill('');
    },
  );

  it('finds whose parcel a tracking number is, and points the parcel out on the card', async () => {
    const card = await koe(page, 'customers:card', { customerId: HANAKO.customerId });
    const parcel = card.shipments.find((s) => s.orderId === HANAKO.orderId);
    if (!parcel) throw new Error('Hanako has no parcel on her late order');
    // Read off the slip without its hyphens.
    await search().fill(parcel.trackingNumber.replace(/-/g, ''));
    const option = page.getByRole('option').filter({ hasText: HANAKO.name });
    await option.waitFor();
    await page.getByText('配送伝票番号として検索').waitFor();
    expect(await page.getByTestId('tracked-shipment').textContent()).toContain(
      parcel.trackingNumber,
    );
    await shot('search-tracking-ja');
    await page.getByText('English', { exact: true }).click();
    await page.getByText('Searched as tracking number').waitFor();
    await shot('search-tracking-en');
    await page.getByText('日本語', { exact: true }).click();
    await page.getByText('配送伝票番号として検索').waitFor();

    await option.click();
    const highlighted = page.locator('[data-testid="shipment"][data-highlighted="true"]');
    await highlighted.waitFor();
    expect(await highlighted.count()).toBe(1);
    expect(await highlighted.textContent()).toContain(parcel.trackingNumber);
    await shot('search-tracking-card-ja');
    await search().fill('');
  });

  it('the typed-number dialog refuses あいうえお with a clear message, and no call starts', async () => {
    await page.getByRole('button', { name: '番号で呼び出し' }).click();
    const phone = page.getByRole('textbox', { name: '電話番号' });
    await phone.fill('あいうえお');
    await page.getByRole('button', { name: '呼び出す' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '電話番号として読めません' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('通話は開始していません');
    expect((await koe(page, 'calls:state', {})).current).toBeNull();
    expect(await page.getByTestId('call-workspace').count()).toBe(0);
    await shot('typed-number-refused-ja');

    await page.getByRole('button', { name: 'キャンセル' }).click();
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('button', { name: 'Pop by phone number' }).click();
    await page.getByRole('textbox', { name: 'Phone number' }).fill('😀😀');
    await page.getByRole('button', { name: 'Pop', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'That is not a phone number' }).waitFor();
    await shot('typed-number-refused-en');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('日本語', { exact: true }).click();
    expect((await koe(page, 'calls:state', {})).current).toBeNull();
  });

  it('a missed call of a known customer sends the desk home, names her, and calls back', async () => {
    const callId = await app.ring(HANAKO.phone);
    await page.getByTestId('call-workspace').waitFor();
    await app.hangUp(callId);

    // Back on the start screen: the missed call names her, and offers the call back.
    const missed = page.getByTestId('missed-call');
    await missed.waitFor();
    expect(await missed.textContent()).toContain(HANAKO.name);
    expect(await page.getByTestId('call-workspace').count()).toBe(0);
    const line = (await koe(page, 'calls:state', {})).today.find((c) => c.callId === callId);
    expect(line).toMatchObject({
      state: 'missed',
      customerId: HANAKO.customerId,
      customerName: HANAKO.name,
    });
    const row = page.getByRole('row').filter({ hasText: '不在着信' }).first();
    expect(await row.textContent()).toContain(HANAKO.name);
    expect(await row.textContent()).not.toContain('未登録');
    await shot('missed-call-ja');
    await page.getByText('English', { exact: true }).click();
    await missed.getByText('Missed call').waitFor();
    await shot('missed-call-en');
    await page.getByText('日本語', { exact: true }).click();

    await missed.getByRole('button', { name: '折り返し電話' }).click();
    await page.getByTestId('call-workspace').waitFor();
    await page.getByTestId('customer-card').waitFor();
    expect(
      await page.getByTestId('customer-card').getByRole('heading', { level: 2 }).textContent(),
    ).toBe(HANAKO.name);
    const current = (await koe(page, 'calls:state', {})).current;
    expect(current).toMatchObject({ state: 'in_call', e164: '+819012345678' });
    await page.keyboard.press('Control+Shift+E');
    await page.locator('[data-testid="call-state"][data-state="wrap_up"]').waitFor();
  });

  it('Settings shows the CTI port, and says so when another program holds it', async () => {
    const cti = app.core().cti;
    if (!cti) throw new Error('no CTI bridge');
    expect(cti.wantedPort).toBe(squattedPort);
    await page.getByRole('button', { name: '設定', exact: true }).click();
    const connection = page.getByTestId('cti-connection');
    await connection.waitFor();
    expect(await connection.textContent()).toContain(String(cti.port));
    const notice = page.getByTestId('cti-port-taken');
    expect(await notice.textContent()).toContain(
      `ポート ${squattedPort} をほかのプログラムが使っています`,
    );
    expect(await notice.textContent()).toContain(`一時的に ${cti.port} で待ち受けています`);
    await notice.scrollIntoViewIfNeeded();
    await shot('settings-cti-port-ja');
    await page.getByText('English', { exact: true }).first().click();
    await notice.getByText(`Port ${squattedPort} is used by another program`).waitFor();
    await shot('settings-cti-port-en');
    await page.getByText('日本語', { exact: true }).first().click();
  });
});
