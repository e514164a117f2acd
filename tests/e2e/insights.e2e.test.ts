import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastWeeks } from '../../src/shared/protocol/insights';
import { SCREENSHOT_DIR, startE2eApp, type E2eApp } from './harness-fixture';
import { koeResult } from './koe-bridge';

describe('insights for a supervisor, none for an agent', () => {
  let supervisor: E2eApp;
  let agent: E2eApp;

  beforeAll(async () => {
    [supervisor, agent] = await Promise.all([
      startE2eApp({ demoRole: 'supervisor' }),
      startE2eApp(),
    ]);
  }, 240_000);
  afterAll(async () => {
    await supervisor?.close();
    await agent?.close();
  });

  it(
    'opens the insights of its own center: charts render, and a reason shows the customers words',
    { timeout: 180_000 },
    async () => {
      const { page, errors } = await supervisor.openPage();
      const button = page.getByTestId('insights-button');
      await button.waitFor({ timeout: 60_000 });
      await button.click();
      const view = page.getByTestId('insights-view');
      await view.waitFor();
      await page.getByTestId('insights-drivers').locator('.recharts-area').first().waitFor();

      // The scope is the supervisor's center, with no way to pick another.
      expect(await page.getByTestId('insights-scope').textContent()).toContain(
        '東京パートナーセンター',
      );
      expect(await page.getByTestId('insights-center-filter').count()).toBe(0);
      expect(await page.getByTestId('insights-by-center').count()).toBe(0);

      // The numbers on screen are the server's, for the supervisor's center.
      // The view's default window: the last eight weeks.
      const answer = await koeResult(page, 'insights:query', lastWeeks(8));
      expect(answer.ok).toBe(true);
      if (!answer.ok) return;
      expect(answer.value.centerId).toBe('center-tokyo');
      expect(answer.value.total).toBeGreaterThan(100);
      expect(answer.value.byCenter.map((g) => g.key)).toEqual(['center-tokyo']);
      // Asking for another center is refused, not narrowed.
      const other = await koeResult(page, 'insights:query', { centerId: 'center-osaka' });
      expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } });

      // Every chart draws.
      for (const id of [
        'insights-drivers',
        'insights-avoidable',
        'insights-by-carrier',
        'insights-by-product',
        'insights-harassment',
      ]) {
        await page.getByTestId(id).locator('.recharts-surface').first().waitFor();
      }
      await page.getByTestId('insights-agreement').waitFor();
      expect(await page.getByTestId('insights-script-row').count()).toBeGreaterThan(1);
      expect(Number(await page.getByTestId('insights-harassment-count').textContent())).toBe(
        answer.value.harassment.incidents,
      );
      expect(await view.textContent()).toContain('配送遅延');
      await page.screenshot({
        path: join(SCREENSHOT_DIR, 'insights-supervisor.png'),
        fullPage: true,
      });

      // Drill down: the customers' own words for the largest reason, as text.
      await page.getByTestId('insights-reason-row').first().getByRole('button').click();
      const words = page.getByTestId('insights-words');
      await words.getByTestId('insights-word').first().waitFor();
      const first = await words.getByTestId('insights-word').count();
      expect(first).toBe(20);
      const more = words.getByRole('button', { name: 'さらに表示' });
      if (await more.count()) {
        await more.click();
        await page.waitForFunction(
          (n) =>
            (
              globalThis as unknown as {
                document: { querySelectorAll(s: string): { length: number } };
              }
            ).document.querySelectorAll('[data-testid="insights-word"]').length > n,
          first,
        );
      }
      expect(await words.textContent()).toMatch(/届|荷物|返品|注文|商品/);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'insights-words.png') });
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it('shows no insights entry to an agent, and the core refuses the query', async () => {
    const { page, errors } = await agent.openPage();
    await page.getByTestId('settings-button').waitFor();
    // The header knows the agent before asserting something is absent: the agent's own
    // button (ask for help) is drawn from the same agent, in the same render.
    await page.getByTestId('raise-hand').waitFor();
    expect(await page.getByTestId('insights-button').count()).toBe(0);
    const refused = await koeResult(page, 'insights:query', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(errors).toEqual([]);
    await page.close();
  });
});
