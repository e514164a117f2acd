import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FEATURED_CUSTOMERS } from '../../src/shared/demo/featured-customers';
import { startE2eApp, type E2eApp } from './harness-fixture';
import { eventually, koe } from './koe-bridge';
import { retailerVoc } from './retailer-voc';

const CALLERS = [
  DEMO_FEATURED_CUSTOMERS.lateDelivery.phone,
  DEMO_FEATURED_CUSTOMERS.notReceivedClaim.phone,
  DEMO_FEATURED_CUSTOMERS.refundPending.phone,
  DEMO_FEATURED_CUSTOMERS.lateUntold.phone,
  DEMO_FEATURED_CUSTOMERS.highRiskClaim.phone,
];
const SENTIMENT_KEYS = { positive: 'Alt+1', neutral: 'Alt+2', negative: 'Alt+3' } as const;
const SENTIMENTS = Object.keys(SENTIMENT_KEYS) as (keyof typeof SENTIMENT_KEYS)[];
const CALLS = 20;

/** What the agent entered for a call, read off the form just before saving. */
interface Entered {
  callId: string;
  reasonCodes: string[];
  sentiment: keyof typeof SENTIMENT_KEYS;
  customerWords: string;
}

/**
 * An agent's shift: 20 calls back to back, some ringing while the last one is still being
 * wrapped up, the window reloaded in the middle of wrap-ups, and the retailer API down and back
 * while records are saved. At the end the retailer has exactly one record per call, with the
 * reasons, words and sentiment the agent entered.
 */
describe('an agent’s shift', () => {
  let app: E2eApp;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    app = await startE2eApp({ outages: true });
  });
  afterAll(async () => {
    await page?.close();
    await app?.close();
  });

  const workspaceOf = (callId: string) =>
    page.locator(`[data-testid="call-workspace"][data-call-id="${callId}"]`);
  const wrapUpOf = (callId: string) =>
    workspaceOf(callId).locator('[data-testid="wrap-up-panel"][data-mode="new"]');
  const chosenCodes = async () =>
    (await Promise.all(
      (await page.getByTestId('chosen-reasons').locator('[data-code]').all()).map((c) =>
        c.getAttribute('data-code'),
      ),
    )) as string[];

  const ringUntilWrapUp = async (n: number) => {
    const callId = await app.ring(CALLERS[n % CALLERS.length] as string, `shift-${n}`);
    await workspaceOf(callId).waitFor();
    await app.answer(callId);
    await workspaceOf(callId).locator('[data-testid="call-state"][data-state="in_call"]').waitFor();
    await app.hangUp(callId);
    await wrapUpOf(callId).waitFor();
    return callId;
  };

  /** Part of the form: a reason (the predicted one, or one picked), the words. */
  const beginWrapUp = async (n: number): Promise<Omit<Entered, 'callId'>> => {
    await page.getByTestId('reason-filter').waitFor();
    if ((await chosenCodes()).length === 0) {
      await page.keyboard.press('Alt+0');
      await page.keyboard.type('wismo');
      await page.keyboard.press('1');
    }
    const sentiment = SENTIMENTS[n % SENTIMENTS.length] as Entered['sentiment'];
    await page.keyboard.press(SENTIMENT_KEYS[sentiment]);
    const customerWords = `通話 ${n}：お客さまの言葉（${sentiment}）`;
    await page.getByTestId('customer-words').fill(customerWords);
    return { reasonCodes: await chosenCodes(), sentiment, customerWords };
  };

  /** The rest (resolution), checked against what was entered before, then saved. */
  const finishWrapUp = async (callId: string, begun: Omit<Entered, 'callId'>) => {
    await wrapUpOf(callId).waitFor();
    await page.getByTestId('customer-words').waitFor();
    expect(await page.getByTestId('customer-words').inputValue()).toBe(begun.customerWords);
    expect(await chosenCodes()).toEqual(begun.reasonCodes);
    await page.getByTestId('customer-words').focus();
    await page.keyboard.press('Alt+4');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('wrap-up-saved').waitFor();
    entered.push({ callId, ...begun });
  };

  const draftKept = (callId: string, words: string) =>
    eventually(`the draft of ${callId}`, async () => {
      const state = await koe(page, 'calls:state', {});
      return state.drafts[callId]?.wrapUp?.form.customerWords === words ? state : null;
    });

  const resume = async (callId: string) => {
    const line = page.locator(`[data-testid="waiting-wrap-ups"] [data-call-id="${callId}"]`);
    await line.getByRole('button').click();
  };

  const entered: Entered[] = [];

  it('20 calls with overlaps, reloads and a retailer outage: one record per call, as entered', async () => {
    ({ page, errors } = await app.openPage());
    const retailerUrl = (await koe(page, 'app:info', {})).retailerUrl ?? '';

    for (let n = 0; n < CALLS; n++) {
      if (n === 7) await app.stopRetailer();
      if (n === 13) await app.startRetailer();
      const callId = await ringUntilWrapUp(n);
      const begun = await beginWrapUp(n);
      await draftKept(callId, begun.customerWords);

      if (n % 4 === 1 && n + 1 < CALLS) {
        // The next call rings before this wrap-up is saved; it is wrapped up first.
        const next = await ringUntilWrapUp(n + 1);
        const nextBegun = await beginWrapUp(n + 1);
        await finishWrapUp(next, nextBegun);
        await resume(callId);
        await finishWrapUp(callId, begun);
        n++;
      } else if (n % 5 === 3) {
        // The window reloads in the middle of the wrap-up.
        await page.reload();
        await page.getByRole('combobox').first().waitFor();
        await finishWrapUp(callId, begun);
      } else {
        await finishWrapUp(callId, begun);
      }
    }
    expect(entered).toHaveLength(CALLS);

    const received = await eventually(
      'every record at the retailer',
      async () => {
        const records = (await retailerVoc(retailerUrl)).filter((r) =>
          r.callId?.startsWith('shift-'),
        );
        return records.length >= CALLS ? records : null;
      },
      120_000,
      () => koe(page, 'sync:now', {}),
    );
    // Exactly one per call, with what the agent entered.
    expect(received.map((r) => r.callId).sort()).toEqual(entered.map((e) => e.callId).sort());
    for (const e of entered) {
      const record = received.find((r) => r.callId === e.callId);
      expect(
        record && {
          callId: record.callId,
          reasonCodes: record.reasonCodes,
          sentiment: record.sentiment,
          customerWords: record.customerWords,
        },
      ).toEqual(e);
    }
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  }, 600_000);
});
