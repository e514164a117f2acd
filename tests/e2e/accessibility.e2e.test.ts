import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FEATURED_CUSTOMERS } from '../../src/shared/demo/featured-customers';
import { axeProblems, describeAxeProblems, expectAccessible } from './axe';
import { SCREENSHOT_DIR, startE2eApp, type E2eApp } from './harness-fixture';

/** 佐藤 花子: her Yamato parcel is late, so the call shows a likely reason. */
const HANAKO = DEMO_FEATURED_CUSTOMERS.lateDelivery;
/** The household line two customers share: the call asks which of them is calling. */
const SHARED_LINE = DEMO_FEATURED_CUSTOMERS.household.phone;

/**
 * axe-core on the screen as it is, in Japanese and then in English (the whole UI switches), and
 * back to Japanese. `settle` waits for what the English screen must show before it is checked.
 */
async function checkInBothLanguages(
  page: Page,
  screen: string,
  settle?: (page: Page) => Promise<unknown>,
): Promise<void> {
  const shot = (language: string) =>
    page.screenshot({
      path: join(SCREENSHOT_DIR, `a11y-${screen.replace(/\W+/g, '-')}-${language}.png`),
    });
  await expectAccessible(page, `${screen} (ja)`);
  await shot('ja');
  await page.getByText('English', { exact: true }).first().click();
  await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
  await settle?.(page);
  await expectAccessible(page, `${screen} (en)`);
  await shot('en');
  await page.getByText('日本語', { exact: true }).first().click();
  await page.locator('html[lang="ja"]').waitFor({ state: 'attached' });
}

describe('accessibility: axe-core on every screen, in Japanese and English', () => {
  let agent: E2eApp;
  let admin: E2eApp;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    // A retailer admin sees the trainer's studio, the supervisor's insights and the admin view.
    [agent, admin] = await Promise.all([
      startE2eApp(),
      startE2eApp({ demoRole: 'retailer_admin' }),
    ]);
    ({ page, errors } = await agent.openPage());
  }, 240_000);
  afterAll(async () => {
    await agent?.close();
    await admin?.close();
  });

  it('the checker fails on a broken element, naming the rule and the element', async () => {
    const { page: scratch } = await agent.openPage();
    await scratch.locator('body').evaluate((body) => {
      const image = body.ownerDocument.createElement('img');
      image.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      image.id = 'broken-image';
      const button = body.ownerDocument.createElement('button');
      button.id = 'broken-button';
      body.append(image, button);
    });
    const problems = await axeProblems(scratch);
    expect(problems).toContainEqual(
      expect.objectContaining({
        rule: 'image-alt',
        impact: 'critical',
        targets: ['#broken-image'],
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ rule: 'button-name', targets: ['#broken-button'] }),
    );
    const failure = await expectAccessible(scratch, 'broken').catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain('image-alt (critical)');
    expect((failure as Error).message).toContain('at #broken-button');
    expect(describeAxeProblems(problems)).toContain('Images must have alternative text');
    await scratch.close();
  });

  it('the start screen, the outreach list, search results, a customer and Settings', async () => {
    await page.getByText('お客さまを探す').waitFor();
    await checkInBothLanguages(page, 'start screen', (p) =>
      p.getByText('Find a customer').waitFor(),
    );

    await page.getByTestId('open-outreach').click();
    await page.getByTestId('outreach-list').waitFor();
    await page.getByTestId('outreach-row').first().waitFor();
    await checkInBothLanguages(page, 'outreach list', (p) =>
      p.getByText('Proactive outreach').waitFor(),
    );
    expect(errors).toEqual([]);

    // A fresh start screen for the search.
    await page.close();
    ({ page, errors } = await agent.openPage());
    // The header's search.
    const search = page.getByRole('combobox').first();
    await search.fill('佐藤');
    await page.getByRole('option').nth(1).waitFor();
    await checkInBothLanguages(page, 'search results');

    await search.fill(HANAKO.phone);
    await page.getByRole('option').filter({ hasText: '佐藤 花子' }).click();
    await page.getByTestId('customer-card').waitFor();
    await checkInBothLanguages(page, 'customer page', (p) =>
      p.getByTestId('customer-card').getByText('Yamato Transport').first().waitFor(),
    );

    await page.getByRole('button', { name: '設定', exact: true }).click();
    await page.getByTestId('cti-connection').waitFor();
    await checkInBothLanguages(page, 'settings');
    await page.getByRole('button', { name: '戻る' }).click();
    await page.getByTestId('customer-card').waitFor();
    expect(errors).toEqual([]);
  });

  it('a call: ringing, on the line with the script, the wrap-up form, the saved view', async () => {
    const callId = await agent.ring(HANAKO.phone);
    await page.locator('[data-testid="call-state"][data-state="ringing"]').waitFor();
    await page.getByTestId('likely-reason-label').waitFor();
    await page.getByTestId('customer-card').waitFor();
    // The call bar and the likely reason are regions a screen reader names.
    const bar = page.getByRole('region', { name: '通話の状態と操作' });
    expect(await bar.getAttribute('data-testid')).toBe('call-bar');
    const likely = page.getByRole('region', { name: 'ご用件の可能性' });
    expect(await likely.getAttribute('data-testid')).toBe('likely-reason');
    await checkInBothLanguages(page, 'call, ringing', async (p) => {
      await p.getByRole('region', { name: 'Call status and actions' }).waitFor();
      await p.getByRole('region', { name: 'Likely calling about' }).waitFor();
    });

    await agent.answer(callId);
    await page.locator('[data-testid="call-state"][data-state="in_call"]').waitFor();
    await page.locator('[data-testid="script-step"][data-step="greet"]').waitFor();
    await page.getByRole('button', { name: /通話終了/ }).waitFor();
    await checkInBothLanguages(page, 'call, on the line', (p) =>
      p.getByRole('button', { name: /End call/ }).waitFor(),
    );

    await agent.hangUp(callId);
    const form = page.getByRole('region', { name: '応対の後処理' });
    await form.waitFor();
    await page.locator('[data-testid="chosen-reasons"] [data-code="delivery.late"]').waitFor();
    // Every field has the name a screen reader says.
    const filter = form.getByRole('textbox', { name: '理由を絞り込む' });
    expect(await filter.getAttribute('data-testid')).toBe('reason-filter');
    expect(
      await form.getByRole('radiogroup', { name: 'お客さまの感情' }).getAttribute('data-testid'),
    ).toBe('sentiment');
    expect(
      await form.getByRole('radiogroup', { name: '対応結果' }).getAttribute('data-testid'),
    ).toBe('resolution');
    expect(
      await form.getByRole('switch', { name: /防げた問い合わせ/ }).getAttribute('data-testid'),
    ).toBe('avoidable');
    expect(
      await form.getByRole('combobox', { name: '関連する注文' }).getAttribute('data-testid'),
    ).toBe('linked-order');
    expect(
      await form.getByRole('textbox', { name: 'お客さまの言葉' }).getAttribute('data-testid'),
    ).toBe('customer-words');
    expect(await form.getByRole('button', { name: /保存/ }).getAttribute('data-testid')).toBe(
      'wrap-up-save',
    );

    // Tab walks the form in the order of the work: reasons, sentiment, resolution, avoidable,
    // the order, the customer's words, then save.
    await filter.focus();
    const fields = [
      ['reasons', 'reason-picker'],
      ['sentiment', 'sentiment'],
      ['resolution', 'resolution'],
      ['avoidable', 'avoidable'],
      ['order', 'linked-order'],
      ['words', 'customer-words'],
      ['save', 'wrap-up-save'],
    ];
    /** The field the focused element belongs to (the element or one of its ancestors). */
    const fieldOfFocus = () =>
      page.locator('body').evaluate((body, known) => {
        const active = body.ownerDocument.activeElement;
        const field = known.find(([, testId]) => active?.closest(`[data-testid="${testId}"]`));
        return field?.[0] ?? 'elsewhere';
      }, fields);
    const visited: string[] = [await fieldOfFocus()];
    for (let press = 0; press < 30 && visited.at(-1) !== 'save'; press++) {
      await page.keyboard.press('Tab');
      const field = await fieldOfFocus();
      if (field !== visited.at(-1)) visited.push(field);
    }
    expect(visited).toEqual([
      'reasons',
      'sentiment',
      'resolution',
      'avoidable',
      'order',
      'words',
      'save',
    ]);

    await checkInBothLanguages(page, 'wrap-up form', (p) =>
      p.getByRole('region', { name: 'Wrap-up' }).waitFor(),
    );

    await page.keyboard.press('Alt+3');
    await page.keyboard.press('Alt+4');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('wrap-up-saved').waitFor();
    await page.locator(`[data-testid="today-call"][data-call-id="${callId}"]`).waitFor();
    await checkInBothLanguages(page, "wrap-up saved, today's calls");
    expect(errors).toEqual([]);
  });

  it('a typed number on a shared line: the dialog and the caller chooser; a new caller', async () => {
    // The dialog covers the language switch: it is checked in each language on its own.
    const dialog = page.getByRole('dialog');
    await page.getByText('English', { exact: true }).first().click();
    await page.getByRole('button', { name: 'Pop by phone number' }).click();
    await dialog.getByRole('textbox', { name: 'Phone number' }).waitFor();
    await expectAccessible(page, 'typed-number dialog (en)');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('日本語', { exact: true }).first().click();
    await page.getByRole('button', { name: '番号で呼び出し' }).click();
    await dialog.getByRole('textbox', { name: '電話番号' }).waitFor();
    await expectAccessible(page, 'typed-number dialog (ja)');
    await dialog.getByRole('textbox', { name: '電話番号' }).fill(SHARED_LINE);
    await page.getByRole('button', { name: '呼び出す' }).click();
    await page.getByTestId('caller-chooser').waitFor();
    await page.getByRole('option').nth(1).waitFor();
    await checkInBothLanguages(page, 'caller chooser');
    await page.getByRole('option').first().click();
    await page.getByTestId('customer-card').waitFor();
    await page.keyboard.press('Control+Shift+E');
    await page.locator('[data-testid="call-state"][data-state="wrap_up"]').waitFor();

    await agent.ring('03-0000-0000');
    await page.getByTestId('new-caller').waitFor();
    await page.getByRole('combobox', { name: 'お客さまを検索' }).waitFor();
    await checkInBothLanguages(page, 'new caller');
    expect(errors).toEqual([]);
  });

  it('the script studio, the insights and the admin view', { timeout: 180_000 }, async () => {
    const { page: desk, errors: deskErrors } = await admin.openPage();
    await desk.getByTestId('studio-button').waitFor({ timeout: 60_000 });
    await desk.getByTestId('studio-button').click();
    await desk.getByTestId('studio-script-script-wismo-late').click();
    await desk.getByTestId('script-editor').waitFor();
    await desk.getByTestId('lint-clean').waitFor();
    await checkInBothLanguages(desk, 'script studio');

    await desk.getByTestId('insights-button').click();
    await desk.getByTestId('insights-view').waitFor();
    await desk.getByTestId('insights-drivers').locator('.recharts-area').first().waitFor();
    await checkInBothLanguages(desk, 'insights', (p) =>
      p.getByTestId('insights-drivers').locator('.recharts-area').first().waitFor(),
    );

    await desk.getByTestId('admin-button').click();
    await desk.getByTestId('admin-view').waitFor();
    await desk.getByText('Webhook はまだありません。').waitFor();
    await checkInBothLanguages(desk, 'admin');
    expect(deskErrors).toEqual([]);
    await desk.close();
  });
});
