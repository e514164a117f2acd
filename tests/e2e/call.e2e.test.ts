import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FEATURED_CUSTOMERS } from '../../src/shared/demo/featured-customers';
import { ABOVE_THE_FOLD_RENDERED } from './above-the-fold';
import { SCREENSHOT_DIR, startE2eApp, VIEWPORT, type E2eApp } from './harness-fixture';
import { koe } from './koe-bridge';

/** The demo retailer's featured customer: a gold customer whose Yamato parcel is late. */
const HANAKO = {
  phone: DEMO_FEATURED_CUSTOMERS.lateDelivery.phone,
  customerId: DEMO_FEATURED_CUSTOMERS.lateDelivery.customerId,
  orderId: DEMO_FEATURED_CUSTOMERS.lateDelivery.orderId,
  name: '佐藤 花子',
};

/** Her card as the core has it: the facts the script must show come from here, not from us. */
const readCard = (page: Page, customerId: string) => koe(page, 'customers:card', { customerId });
const readCalls = (page: Page) => koe(page, 'calls:state', {});

describe('the call in the browser harness', () => {
  let app: E2eApp;
  let page: Page;
  let errors: string[];
  let hanakoCall = '';

  beforeAll(async () => {
    app = await startE2eApp();
  });
  afterAll(async () => {
    await page?.close();
    await app?.close();
  });

  // A test that opens a page closes the previous one; the last tests go on in the page of the
  // one before (a page opened during a wrap-up has the wrap-up's own search field too).
  const open = async () => {
    await page?.close();
    ({ page, errors } = await app.openPage());
  };
  afterEach(() => {
    expect(errors).toEqual([]);
  });

  const step = () => page.getByTestId('script-step');
  const stepId = () => step().getAttribute('data-step');
  const callState = () => page.getByTestId('call-state').getAttribute('data-state');
  const waitForState = async (state: string) => {
    await page.locator(`[data-testid="call-state"][data-state="${state}"]`).waitFor();
  };
  const waitForStep = async (id: string) => {
    await page.locator(`[data-testid="script-step"][data-step="${id}"]`).waitFor();
  };

  it('a ringing call pops 佐藤 花子, and her script walks through her late parcel', async () => {
    await open();
    hanakoCall = await app.ring(HANAKO.phone);

    const workspace = page.getByTestId('call-workspace');
    await workspace.waitFor();
    await waitForState('ringing');
    expect(await page.getByTestId('call-number').textContent()).toBe('090-1234-5678');
    const card = page.getByTestId('customer-card');
    await card.waitFor();
    expect(await card.getByRole('heading', { level: 2 }).textContent()).toBe(HANAKO.name);
    expect(await page.getByTestId('call-bar').textContent()).toContain(HANAKO.name);
    // Her phone arrives masked; on her call the reveal asks the core, which logs and answers.
    const identity = card.getByRole('region', { name: 'お客さま情報' });
    expect(await identity.textContent()).toContain('***-****-5678');
    await identity.getByRole('button', { name: '電話番号を表示' }).click();
    await identity.getByText('090-1234-5678').waitFor();
    await identity.getByRole('button', { name: '電話番号を隠す' }).click();
    await identity.getByText('***-****-5678').waitFor();

    // The likely reason, in words, with her late order.
    const facts = await readCard(page, HANAKO.customerId);
    const order = facts.orders.find((o) => o.id === HANAKO.orderId);
    const shipment = facts.shipments.find((s) => s.orderId === HANAKO.orderId);
    if (!order || !shipment) throw new Error('the demo lost her late order');
    const likely = page.getByTestId('likely-reason');
    await likely.waitFor();
    expect(await page.getByTestId('likely-reason-label').textContent()).toBe('配送遅延');
    expect(await page.getByTestId('likely-reason-evidence').textContent()).toContain(
      order.orderNumber,
    );

    await app.answer(hanakoCall);
    await waitForState('in_call');
    await page.getByTestId('call-timer').waitFor();

    // Step 1 greets; → moves on to identity verification, a compliance step naming her order.
    await waitForStep('greet');
    await page.keyboard.press('ArrowRight');
    await waitForStep('verify');
    expect(await step().getAttribute('data-compliance')).toBe('true');
    expect(await step().textContent()).toContain('コンプライアンス');
    expect(await step().textContent()).toContain(order.orderNumber);

    // 1 picks the first answer ("verified"): her parcel, carrier and tracking number.
    await page.keyboard.press('1');
    await waitForStep('status');
    const status = await step().textContent();
    expect(status).toContain(order.orderNumber);
    expect(status).toContain('ヤマト運輸');
    expect(status).toContain(shipment.trackingNumber);

    // A click on "late" shows how late, from her data; nothing is missing.
    await page.getByTestId('script-branch').filter({ hasText: 'お約束の日より遅れている' }).click();
    await waitForStep('late');
    const daysLateBadge = await card.getByTestId('days-late').first().textContent();
    const daysLate = /(\d+)/.exec(daysLateBadge ?? '')?.[1];
    expect(daysLate).toBeDefined();
    expect(await step().locator('[data-variable="shipment.daysLate"]').first().textContent()).toBe(
      daysLate,
    );
    expect(await step().getByTestId('script-missing').count()).toBe(0);
    // The next-best actions put the delay coupon first among offers, allowed.
    const coupon = page.locator('[data-testid="next-best-action"][data-kind="delay_coupon"]');
    expect(await coupon.getAttribute('data-allowed')).toBe('true');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'call-ja.png') });

    // ← goes back one step.
    await page.keyboard.press('ArrowLeft');
    await waitForStep('status');

    // The whole workspace follows the language switch (her script stays Japanese: she is).
    await page.getByText('English', { exact: true }).click();
    await page.getByText('Likely calling about').waitFor();
    expect(await page.getByTestId('call-state').textContent()).toBe('On call');
    await page.getByRole('button', { name: /End call/ }).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'call-en.png') });
    await page.getByText('日本語', { exact: true }).click();
    await page.getByText('ご用件の可能性').waitFor();
  });

  it('reopens the call in progress, and searches approved answers with Ctrl+J', async () => {
    await open();
    // A reload mid-call comes back to the call, at the script step the agent had reached (the
    // core keeps the call's work: ← had gone back from "late" to "status").
    await page.getByTestId('call-workspace').waitFor();
    await waitForState('in_call');
    await waitForStep('status');

    await page.keyboard.press('Control+J');
    const query = page.getByTestId('knowledge-query');
    await query.waitFor();
    expect(await query.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await query.fill('返品');
    await page.getByTestId('knowledge-answer').first().waitFor();
    expect(await page.getByTestId('knowledge-answer').first().textContent()).toContain('返品');
    // Digits typed in a field stay text: the script does not move.
    await query.press('1');
    expect(await query.inputValue()).toBe('返品1');
    await page.keyboard.press('Escape');
    await query.waitFor({ state: 'detached' });
    expect(await stepId()).toBe('status');
  });

  it('runs the harassment protocol: warn, repeat, terminate, supervisor alerted', async () => {
    await open();
    await waitForState('in_call');
    const flag = page.getByTestId('flag-harassment');
    expect(await flag.textContent()).toContain('Shift');

    await page.keyboard.press('Control+Shift+H');
    const panel = page.getByTestId('harassment-panel');
    await panel.waitFor();
    expect(await panel.getAttribute('data-stage')).toBe('warn');
    expect(await page.getByTestId('harassment-script').getAttribute('data-kind')).toBe('warning');
    await page.getByTestId('supervisor-alerted').waitFor();

    // The next action has the focus: Enter says the warning was given.
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="harassment-panel"][data-stage="monitor"]').waitFor();
    await page.getByRole('button', { name: '同じ要求が繰り返された' }).click();
    await page.locator('[data-testid="harassment-panel"][data-stage="terminate"]').waitFor();
    expect(await page.getByTestId('harassment-script').getAttribute('data-kind')).toBe(
      'termination',
    );
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'harassment-ja.png') });

    await page.getByRole('button', { name: '規定により通話を終了' }).click();
    await waitForState('wrap_up');
    const calls = await readCalls(page);
    expect(calls.current).toMatchObject({ callId: hanakoCall, state: 'wrap_up' });
  });

  it('a typed number starts a call: a shared line pops a chooser, Ctrl+Shift+E ends it', async () => {
    // Still in the wrap-up of the last call: the header starts another.
    await page.getByTestId('call-workspace').waitFor();
    await page.getByRole('button', { name: '番号で呼び出し' }).click();
    await page.getByRole('textbox', { name: '電話番号' }).fill('06-6123-4567');
    await page.getByRole('button', { name: '呼び出す' }).click();

    await page.getByTestId('caller-chooser').waitFor();
    await waitForState('in_call');
    expect(await page.getByRole('option').count()).toBe(2);
    const second = await page.getByRole('option').nth(1).getByTestId('customer-name').textContent();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('customer-card').waitFor();
    expect(
      await page.getByTestId('customer-card').getByRole('heading', { level: 2 }).textContent(),
    ).toBe(second);

    expect(await page.getByTestId('end-call').textContent()).toContain('Ctrl');
    await page.keyboard.press('Control+Shift+E');
    await waitForState('wrap_up');
    expect(await callState()).toBe('wrap_up');
  });

  it('a ring from an unknown number shows the new-caller view with a search', async () => {
    await app.ring('03-0000-0000');
    await page.getByTestId('new-caller').waitFor();
    await waitForState('ringing');
    const search = page.getByRole('combobox', { name: 'お客さまを検索' });
    await search.fill(HANAKO.phone);
    await page.getByRole('option').filter({ hasText: HANAKO.name }).waitFor();
    await search.press('Enter');
    await page.getByTestId('customer-card').waitFor();
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe(HANAKO.name);
  });

  it('a ring that lands while the page reads the calls keeps the screen (the older read is read again)', async () => {
    // The unknown caller of the test before still rings: the agent has one line.
    const leftover = page && (await readCalls(page)).current;
    if (leftover) await app.hangUp(leftover.callId);
    await open();
    const first = await app.ring(HANAKO.phone);
    await page.locator(`[data-testid="call-workspace"][data-call-id="${first}"]`).waitFor();
    await app.answer(first);
    await waitForState('in_call');

    // The read the hang-up starts is held in the page's network until the next ring is on
    // screen: its answer, made by the core before that ring, then lands after it.
    let readInHand!: () => void;
    const staleReadMade = new Promise<void>((resolve) => (readInHand = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let delivered!: Promise<void>;
    let held = false;
    await page.route('**/ipc/calls%3Astate', async (route) => {
      if (held) return route.continue();
      held = true;
      delivered = (async () => {
        const response = await route.fetch();
        readInHand();
        await released;
        await route.fulfill({ response });
      })();
      await delivered;
    });
    await app.hangUp(first);
    await staleReadMade;

    const next = await app.ring(DEMO_FEATURED_CUSTOMERS.refundPending.phone);
    const nextWorkspace = page.locator(`[data-testid="call-workspace"][data-call-id="${next}"]`);
    await nextWorkspace.waitFor();
    release();
    await delivered;
    // A fence: a later answer from the core, and two frames for React to render what landed.
    await koe(page, 'app:info', {});
    await page.evaluate(() => {
      const frame = (globalThis as unknown as { requestAnimationFrame(f: () => void): void })
        .requestAnimationFrame;
      return new Promise<void>((done) => frame(() => frame(done)));
    });
    expect(await nextWorkspace.isVisible()).toBe(true);
    expect(await callState()).toBe('ringing');
    await page.unroute('**/ipc/calls%3Astate');
  });
  it('marks the workspace rendered above the fold only once the guidance is on screen too', async () => {
    const leftover = page && (await readCalls(page)).current;
    if (leftover) await app.hangUp(leftover.callId);
    // A page of its own, whose read of the guidance reference is held from the start (the
    // start screen reads it already): the card can render whole, the guidance cannot.
    await page?.close();
    page = await app.browser.newPage({
      viewport: VIEWPORT,
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
    });
    errors = [];
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/ipc/guidance%3Areference', async (route) => {
      const response = await route.fetch();
      await released;
      await route.fulfill({ response });
    });
    await page.goto(app.url);
    await page.getByRole('combobox').first().waitFor();

    const callId = await app.ring(HANAKO.phone);
    const workspace = page.locator(`[data-testid="call-workspace"][data-call-id="${callId}"]`);
    await workspace.locator('[data-testid="customer-card"][data-complete="true"]').waitFor();
    // The card is whole, the guidance is not there: not yet rendered above the fold.
    expect(await workspace.getAttribute('data-guidance-ready')).toBe('false');
    expect(await page.locator(ABOVE_THE_FOLD_RENDERED).count()).toBe(0);
    expect(await page.getByTestId('guidance-panel').count()).toBe(0);

    release();
    await page.locator(ABOVE_THE_FOLD_RENDERED).waitFor();
    // Marked in the commit that renders the guidance: the script and the banner are there.
    expect(await page.getByTestId('guidance-panel').count()).toBe(1);
    expect(await page.getByTestId('script-step').count()).toBe(1);
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe(HANAKO.name);
    await page.unroute('**/ipc/guidance%3Areference');
    await app.hangUp(callId);
  });
  it('marks the card complete only once every order is rendered, in any window', async () => {
    const leftover = page && (await readCalls(page)).current;
    if (leftover) await app.hangUp(leftover.callId);
    await open();
    // A featured customer with older orders: they render in a pass after the card's first
    // frame, and the mark waits for them.
    const featured = Object.values(DEMO_FEATURED_CUSTOMERS).filter((c) => 'customerId' in c);
    const cards = await Promise.all(featured.map((c) => readCard(page, c.customerId)));
    const at = cards.findIndex((c) => (c?.orders.length ?? 0) >= 2);
    if (at < 0) throw new Error('no featured customer has older orders');
    const caller = featured[at]!;
    const orders = cards[at]!.orders.length;

    // What the page holds at the instant the mark is set (the observer runs in that task,
    // before any later pass can render).
    const markedWith = async (viewport: { width: number; height: number }) => {
      await page.setViewportSize(viewport);
      // In the page's own terms (this file is typed for Node, not the DOM).
      await page.evaluate(`
        window.koeMarked = undefined;
        new MutationObserver((records, observer) => {
          const card = records.map((r) => r.target).find((el) => el.dataset.complete === 'true');
          if (!card) return;
          observer.disconnect();
          const articles = [...card.querySelectorAll('section[aria-label="最近の注文"] article')];
          window.koeMarked = {
            rendered: articles.length,
            latestBottom: articles[0]?.getBoundingClientRect().bottom ?? 0,
            windowHeight: innerHeight,
          };
        }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-complete'] });
      `);
      const callId = await app.ring(caller.phone);
      await page.locator(ABOVE_THE_FOLD_RENDERED).waitFor();
      const marked = (await page.evaluate('koeMarked')) as {
        rendered: number;
        latestBottom: number;
        windowHeight: number;
      };
      // Every order renders in the end.
      await expect
        .poll(() => page.locator('section[aria-label="最近の注文"] article').count())
        .toBe(orders);
      await app.hangUp(callId);
      return marked;
    };

    // At 1366×768 the older orders are below the fold, and in a window tall enough to show
    // them they are not: either way the mark comes with every order rendered.
    expect(await markedWith(VIEWPORT)).toMatchObject({ rendered: orders });
    const tall = await markedWith({ width: VIEWPORT.width, height: 3000 });
    expect(tall).toMatchObject({ rendered: orders, windowHeight: 3000 });
    expect(tall.latestBottom).toBeLessThan(3000);
    await page.setViewportSize(VIEWPORT);
  });
});
