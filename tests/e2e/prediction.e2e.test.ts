import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FEATURED_CUSTOMERS } from '../../src/shared/demo/featured-customers';
import { reasonTaxonomy } from '../../src/shared/demo/taxonomy';
import { reasonLabel } from '../../src/shared/guidance';
import type { CustomerCard } from '../../src/shared/domain';
import type { IpcResult } from '../../src/shared/ipc';
import { SCREENSHOT_DIR, startE2eApp, type E2eApp } from './harness-fixture';
import { eventually, koe } from './koe-bridge';
import { pushAsDemoAdmin } from './retailer-voc';

/** The demo retailer's featured late-shipment customer: 佐藤 花子, whose Yamato parcel is late. */
const HANAKO = DEMO_FEATURED_CUSTOMERS.lateDelivery;
/** 鈴木 一郎: an open not-received claim, where the rules and the model used to disagree. */
const SUZUKI = DEMO_FEATURED_CUSTOMERS.notReceivedClaim;
/** 高橋 誠: late and untold, first on the outreach list. */
const TAKAHASHI = DEMO_FEATURED_CUSTOMERS.lateUntold;

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

  /** Finishes the wrap-up with the fewest clicks (neutral, resolved), so the next call can ring. */
  async function saveWrapUp(callId: string) {
    await page.getByTestId('wrap-up-panel').waitFor();
    await page.getByTestId('sentiment').locator('[data-value="neutral"]').click();
    await page.getByTestId('resolution').locator('[data-value="resolved"]').click();
    await page.getByTestId('wrap-up-save').click();
    await page.getByTestId('wrap-up-saved').waitFor();
    return koe(page, 'wrapUp:get', { callId });
  }

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
    // What it is based on: in its tooltip, reached with the keyboard too.
    await field.focus();
    expect(await page.getByTestId('delivery-estimate-basis').textContent()).toMatch(/件|日/);
    await field.blur();

    // One likely reason: the model's and the rules' answers combined, with one confidence.
    expect(await page.getByTestId('likely-reason-label').textContent()).toBe('配送遅延');
    expect(await page.getByTestId('likely-reason-confidence').count()).toBe(1);
    expect(await page.getByTestId('predicted-reasons').count()).toBe(0);

    await page.screenshot({ path: join(SCREENSHOT_DIR, 'prediction-ja.png') });
    // Her parcel with Koe's estimate beside the carrier's dates.
    await field.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'prediction-estimate-ja.png') });
    await app.answer(callId);
    await app.hangUp(callId);
    await saveWrapUp(callId);
    expect(errors).toEqual([]);
  });

  /** The runners-up's percentages (smaller chips after the top reason). */
  const runnerUpPercents = async () =>
    Promise.all(
      (await page.getByTestId('likely-reason-other').all()).map(async (chip) =>
        Number.parseInt(((await chip.textContent()) ?? '').match(/(\d+)%/)?.[1] ?? '0', 10),
      ),
    );

  /** Ring, wait for the banner, and return the top reason's code and its one confidence. */
  const ringAndReadBanner = async (phone: string) => {
    const callId = await app.ring(phone);
    await page.getByTestId('customer-card').waitFor();
    const label = page.getByTestId('likely-reason-label');
    await label.waitFor();
    // Exactly one confidence for the top reason, and no second panel with the model's own.
    expect(await page.getByTestId('likely-reason-confidence').count()).toBe(1);
    expect(await page.getByTestId('predicted-reasons').count()).toBe(0);
    return {
      callId,
      code: (await label.getAttribute('data-reason-code')) as string,
      label: await label.textContent(),
      confidence: await page.getByTestId('likely-reason-confidence').textContent(),
    };
  };

  /** Answer, hang up, and read which reasons the wrap-up form preselected. */
  const wrapUpPreselection = async (callId: string) => {
    await app.answer(callId);
    await page.locator('[data-testid="call-state"][data-state="in_call"]').waitFor();
    await app.hangUp(callId);
    await page.getByTestId('wrap-up-panel').waitFor();
    const chosen = page.getByTestId('chosen-reasons').locator('[data-code]');
    await chosen.first().waitFor();
    return Promise.all((await chosen.all()).map((c) => c.getAttribute('data-code')));
  };

  it('鈴木 一郎: one reason — the open claim — with one confidence, and the wrap-up preselects it', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const suzuki = (await app.core().router.handle('customers:card', {
      customerId: SUZUKI.customerId,
    })) as IpcResult<CustomerCard | null>;
    const model = suzuki.ok ? suzuki.value?.predictions?.reasons : undefined;
    expect(model?.length).toBeGreaterThan(0);

    const top = await ringAndReadBanner(SUZUKI.phone);
    if ((model?.[0]?.probability ?? 0) < 0.5) {
      // The model is unsure: the open claim leads, said to be under 50% — not "93%".
      expect(top.code).toBe('delivery.not_received');
      expect(top.label).toBe(reasonLabel('delivery.not_received', 'ja', reasonTaxonomy()));
      expect(top.confidence).toBe('確度 50%未満');
      // Its evidence is the claim, not another reason's fact.
      expect(await page.getByTestId('likely-reason-evidence').textContent()).toContain('未着');
    } else {
      expect(top.code).toBe(model?.[0]?.reasonCode);
    }
    // The runners-up carry the model's calibrated numbers, all under the top's 50%: the rules'
    // 93% is nowhere.
    for (const p of await runnerUpPercents()) expect(p).toBeLessThan(50);
    expect(await page.getByTestId('likely-reason').textContent()).not.toContain('93%');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'one-likely-reason-suzuki-ja.png') });
    await page.getByText('English', { exact: true }).click();
    await page.getByText('Likely calling about').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'one-likely-reason-suzuki-en.png') });
    await page.getByText('日本語', { exact: true }).click();
    await page.getByText('ご用件の可能性').waitFor();

    expect(await wrapUpPreselection(top.callId)).toEqual([top.code]);
    expect((await saveWrapUp(top.callId))?.predictedReason).toBe(top.code);
    expect(errors).toEqual([]);
  });

  it('佐藤 花子: one reason with one confidence (the model’s when it is sure), and the wrap-up preselects it', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const top = await ringAndReadBanner(HANAKO.phone);
    const modelTop = card.predictions!.reasons[0]!;
    if (modelTop.probability >= 0.5) {
      expect(top.code).toBe(modelTop.reasonCode);
      expect(top.confidence).toBe(`確度 ${Math.round(modelTop.probability * 100)}%`);
    } else {
      // On data where the model splits late and "where is it" (she is gold: see
      // models-on-demo-data.test.ts), the rules' late parcel leads, said to be under 50%.
      expect(top.code).toBe('delivery.late');
      expect(top.confidence).toBe('確度 50%未満');
    }
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'one-likely-reason-sato-ja.png') });
    await page.getByText('English', { exact: true }).click();
    await page.getByText('Likely calling about').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'one-likely-reason-sato-en.png') });
    await page.getByText('日本語', { exact: true }).click();
    await page.getByText('ご用件の可能性').waitFor();
    expect(await wrapUpPreselection(top.callId)).toEqual([top.code]);
    expect((await saveWrapUp(top.callId))?.predictedReason).toBe(top.code);
    expect(errors).toEqual([]);
  });

  it("高橋 誠: the outreach list shows the card's dates for his parcel", async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('open-outreach').click();
    await page.getByTestId('outreach-list').waitFor();
    const row = page.locator(
      `[data-testid="outreach-row"][data-customer-id="${TAKAHASHI.customerId}"]`,
    );
    const rowText = (await row.textContent()) ?? '';
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'one-date-outreach-ja.png') });

    // His card, rung from the phone: the carrier's date and Koe's estimate.
    const callId = await app.ring(TAKAHASHI.phone);
    await page.getByTestId('customer-card').waitFor();
    const estimate = page.getByTestId('delivery-estimate').first();
    await estimate.waitFor();
    const koeDate = ((await estimate.textContent()) ?? '').split('（')[0]!.trim();
    const carrierDate = (
      (await page.getByTestId('shipment-carrier-estimate').first().textContent()) ?? ''
    ).trim();
    expect(koeDate).toMatch(/\d/);
    expect(carrierDate).toMatch(/\d/);
    // The list's carrier date is the card's; Koe's is the card's whenever the list shows it.
    expect(rowText).toContain(`配達予定 ${carrierDate}`);
    if (koeDate !== carrierDate) expect(rowText).toContain(`Koeの予測 ${koeDate}`);
    else expect(rowText).not.toContain('Koeの予測');
    await estimate.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'one-date-card-ja.png') });
    await page.getByText('English', { exact: true }).click();
    await page.getByText('Koe estimate').first().waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'one-date-card-en.png') });
    await page.getByText('日本語', { exact: true }).click();
    await app.answer(callId);
    await app.hangUp(callId);
    await saveWrapUp(callId);
    expect(errors).toEqual([]);
  });

  it("the carrier moves 高橋 誠's date past Koe's range: the card says why, in both languages", async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const read = async () => {
      const r = (await app.core().router.handle('customers:card', {
        customerId: TAKAHASHI.customerId,
      })) as IpcResult<CustomerCard | null>;
      return r.ok ? r.value : null;
    };
    const before = await read();
    const shipment = before?.shipments.find((s) => s.id === TAKAHASHI.shipmentId);
    const estimate = before?.predictions?.deliveryEstimates.find(
      (e) => e.shipmentId === TAKAHASHI.shipmentId,
    );
    if (!shipment || !estimate) throw new Error('his parcel has no estimate');
    // Two days after the end of Koe's range: the carrier now says later than any similar parcel.
    const later = new Date(Date.parse(`${estimate.high}T00:00:00Z`) + 2 * 86_400_000)
      .toISOString()
      .slice(0, 10);

    // The carrier's new date reaches the retailer, and the desk through its sync.
    const retailerUrl = (await koe(page, 'app:info', {})).retailerUrl ?? '';
    const status = await pushAsDemoAdmin(retailerUrl, [
      {
        type: 'shipment',
        data: { ...shipment, estimatedDate: later, updatedAt: new Date().toISOString() },
      },
    ]);
    expect(status).toBe(200);
    await eventually(
      'the new carrier date on the desk',
      async () =>
        (await read())?.shipments.find((s) => s.id === shipment.id)?.estimatedDate === later
          ? true
          : null,
      30_000,
    );

    const callId = await app.ring(TAKAHASHI.phone);
    const outside = page.getByTestId('delivery-estimate-carrier-outside').first();
    await outside.waitFor();
    const jaDate = new Intl.DateTimeFormat('ja', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${later}T00:00:00Z`),
    );
    expect(await outside.textContent()).toBe(
      `配送会社の予定日 ${jaDate} は過去の同様の配達の実績より遅いため範囲外です`,
    );
    await outside.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'range-outside-ja.png') });
    await page.getByText('English', { exact: true }).click();
    await page
      .getByText(/The carrier's date, .* is later than similar past deliveries took/)
      .waitFor();
    await outside.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'range-outside-en.png') });
    await page.getByText('日本語', { exact: true }).click();
    await app.answer(callId);
    await app.hangUp(callId);
    await saveWrapUp(callId);
    expect(errors).toEqual([]);
  });
});
