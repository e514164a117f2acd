import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FEATURED_CUSTOMERS } from '../../src/shared/demo/featured-customers';
import type { CustomerCard } from '../../src/shared/domain';
import type { IpcResult } from '../../src/shared/ipc';
import { SCREENSHOT_DIR, startE2eApp, type E2eApp } from './harness-fixture';

/** The demo retailer's featured late-shipment customer: 佐藤 花子, whose Yamato parcel is late. */
const HANAKO = DEMO_FEATURED_CUSTOMERS.lateDelivery;

/** The models are fitted on the prediction worker a little after the first sync. */
async function waitForPredictions(app: E2eApp, timeoutMs = 150_000): Promise<CustomerCard> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = (await app.core().router.handle('customers:card', {
      customerId: HANAKO.customerId,
    })) as IpcResult<CustomerCard | null>;
    const card = result.ok ? result.value : null;
    if (card?.predictions?.deliveryEstimates.length && card.predictions.reasons.length) {
      return card;
    }
    if (Date.now() > deadline) throw new Error('No predictions on her card in time');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

describe('predictions at screen pop', () => {
  let app: E2eApp;
  let page: Page;
  let errors: string[];
  let card: CustomerCard;

  beforeAll(async () => {
    app = await startE2eApp();
    card = await waitForPredictions(app);
  }, 400_000);
  afterAll(async () => {
    await page?.close();
    await app?.close();
  });

  it('a late-shipment caller rings: her card shows the estimate and the predicted reason', async () => {
    ({ page, errors } = await app.openPage());
    const callId = await app.ring(HANAKO.phone);
    await page.getByTestId('customer-card').waitFor();

    // The estimate of her late parcel: the likeliest day and the end of its 90% range.
    const late = card.shipments.find((s) => s.orderId === HANAKO.orderId);
    const estimate = card.predictions!.deliveryEstimates.find((e) => e.shipmentId === late?.id);
    if (!estimate) throw new Error('her late parcel has no estimate');
    const field = page.getByTestId('delivery-estimate').first();
    await field.waitFor();
    const jaDate = (iso: string) =>
      new Intl.DateTimeFormat('ja', { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${iso}T00:00:00Z`),
      );
    const text = await field.textContent();
    expect(text).toContain('90%');
    expect(text).toContain(jaDate(estimate.date));
    expect(text).toContain(jaDate(estimate.high));
    expect(await page.getByTestId('delivery-estimate-basis').first().textContent()).toMatch(
      /件|日/,
    );

    // The learned model's reason beside the rules', with the facts that raised it.
    await page.getByTestId('predicted-reasons').waitFor();
    expect(await page.getByTestId('predicted-reason-label').textContent()).toBe('配送遅延');
    const evidence = await page.getByTestId('predicted-reason-evidence').textContent();
    expect(evidence).toMatch(/お約束日を\d+日過ぎた配送がある/);

    await page.screenshot({ path: join(SCREENSHOT_DIR, 'prediction-ja.png') });
    // Her parcel with Koe's estimate beside the carrier's dates.
    await field.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'prediction-estimate-ja.png') });
    await app.answer(callId);
    await app.hangUp(callId);
    expect(errors).toEqual([]);
  });
});
