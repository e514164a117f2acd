import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FEATURED_CUSTOMERS } from '../../src/shared/demo/featured-customers';
import { SCREENSHOT_DIR, startE2eApp, type E2eApp } from './harness-fixture';
import { koe } from './koe-bridge';

/** 伊藤 翔太: a second not-received claim in a year, photo + GPS proof, a recent move. */
const ITO = DEMO_FEATURED_CUSTOMERS.highRiskClaim;

describe('fraud signals in the browser harness', () => {
  let app: E2eApp;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    app = await startE2eApp();
    ({ page, errors } = await app.openPage());
  });
  afterAll(async () => {
    await page?.close();
    await app?.close();
  });
  afterEach(() => {
    expect(errors).toEqual([]);
  });

  it('a high-risk claim shows the verification path', async () => {
    const callId = await app.ring(ITO.phone);
    await page.getByTestId('customer-card').waitFor();
    await app.answer(callId);
    await page.locator('[data-testid="call-state"][data-state="in_call"]').waitFor();

    // The signal, with its reasons in plain words.
    const signal = page.locator('[data-testid="risk-signal"][data-signal="claim_risk"]');
    await signal.waitFor();
    const words = await signal.textContent();
    expect(words).toContain('配送クレームのリスク 1.00（基準 0.70）');
    expect(words).toContain('過去1年に未着の申告が2件あります');
    expect(words).toContain('配達写真・GPS位置記録');
    expect(words).toContain('39,800円');
    expect(words).toContain('最近ご住所が変更されています');

    // Verification comes first among the actions; reship and refund wait for it.
    const actions = page.getByTestId('next-best-action');
    expect(await actions.first().getAttribute('data-kind')).toBe('claim_verification');
    const verification = await actions.first().textContent();
    expect(verification).toContain('高リスクの申告のため、再発送・返金の前に確認手順が必要です');
    expect(verification).toContain('お届け時の状況');
    const reship = page.locator('[data-testid="next-best-action"][data-kind="reship"]');
    expect(await reship.getAttribute('data-allowed')).toBe('false');
    await page.getByTestId('risk-signals').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'risk-signals-ja.png') });

    await page.getByText('English', { exact: true }).click();
    await page.getByText('Delivery-claim risk 1.00 (threshold 0.70)').waitFor();
    expect(await signal.textContent()).toContain(
      'The carrier recorded proof of delivery (photo, GPS location).',
    );
    await page.getByTestId('risk-signals').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'risk-signals-en.png') });
    await page.getByText('日本語', { exact: true }).click();
    await signal.getByText('配送クレームのリスク', { exact: false }).waitFor();

    // The wrap-up records the signal and its reasons on the VoC record.
    await app.hangUp(callId);
    await page.getByTestId('wrap-up-panel').waitFor();
    await page.keyboard.press('Alt+2');
    await page.keyboard.press('Alt+5');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('wrap-up-saved').waitFor();
    const record = await koe(page, 'wrapUp:get', { callId });
    expect(record?.contactType).toBeUndefined();
    expect(record?.riskSignals).toMatchObject([
      { signal: 'claim_risk', score: 1, threshold: 0.7, action: 'verification_required' },
    ]);
    expect(record?.riskSignals?.[0]?.reasons.map((r) => r.code)).toEqual([
      'repeated_not_received_claims',
      'delivery_evidence',
      'claim_value_high',
      'address_changed',
    ]);
  });
});
