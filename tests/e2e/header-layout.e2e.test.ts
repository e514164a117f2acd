import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../src/shared/domain';
import { SCREENSHOT_DIR, startE2eApp, type E2eApp } from './harness-fixture';
import { koe } from './koe-bridge';

/**
 * The header keeps the search field usable on the centers' small screens: at 1280 and 1366 px,
 * in Japanese and English, for an agent and for a retailer admin (the role with the most views
 * to reach), the field is at least 280 px wide and nothing in the header overflows.
 */
const WIDTHS = [1280, 1366];
const MIN_SEARCH_WIDTH = 280;
const PLACEHOLDER: Record<Language, string> = {
  ja: '電話番号・注文番号・伝票番号・メール・お名前で検索',
  en: 'Phone, order or tracking number, email or name',
};

describe('the header on small screens', () => {
  let agent: E2eApp;
  let admin: E2eApp;

  beforeAll(async () => {
    [agent, admin] = await Promise.all([
      startE2eApp(),
      startE2eApp({ demoRole: 'retailer_admin' }),
    ]);
  }, 240_000);
  afterAll(async () => {
    await agent?.close();
    await admin?.close();
  });

  /** The search field's width, and whether any of the header's controls spill out of it. */
  const measure = (page: Page) =>
    page.locator('header input[role="combobox"]').evaluate((input) => {
      const header = input.closest('header')!;
      const bounds = header.getBoundingClientRect();
      const outside = [...header.querySelectorAll('button, input, [role="radiogroup"]')]
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && (box.left < bounds.left || box.right > bounds.right))
        .map(({ el }) => el.getAttribute('aria-label') ?? el.textContent);
      return { search: input.getBoundingClientRect().width, outside };
    });

  for (const role of ['agent', 'retailer_admin'] as const) {
    it(
      `keeps the search field ≥ ${MIN_SEARCH_WIDTH} px for a ${role}`,
      { timeout: 120_000 },
      async () => {
        const app = role === 'agent' ? agent : admin;
        const { page, errors } = await app.openPage();
        // Signed in and synced: every button the role has is in the header.
        await page.getByTestId('settings-button').waitFor({ timeout: 60_000 });
        if (role === 'retailer_admin') await page.getByTestId('admin-button').waitFor();
        const measured: { at: string; search: number; outside: (string | null)[] }[] = [];
        for (const locale of ['ja', 'en'] as const) {
          await koe(page, 'app:setLocale', { locale });
          await page.getByPlaceholder(PLACEHOLDER[locale]).waitFor();
          for (const width of WIDTHS) {
            await page.setViewportSize({ width, height: 768 });
            await page.screenshot({
              path: join(SCREENSHOT_DIR, `header-${role}-${locale}-${width}.png`),
              clip: { x: 0, y: 0, width, height: 72 },
              animations: 'disabled',
            });
            measured.push({ at: `${locale} ${width}`, ...(await measure(page)) });
          }
        }
        // All eight figures in the report, not only the first that fails.
        console.log(role, JSON.stringify(measured));
        for (const { at, search, outside } of measured) {
          expect(outside, at).toEqual([]);
          expect(search, at).toBeGreaterThanOrEqual(MIN_SEARCH_WIDTH);
        }
        expect(errors).toEqual([]);
      },
    );
  }
});
