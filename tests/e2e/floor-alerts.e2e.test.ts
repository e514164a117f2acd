import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './axe';
import { setLocale } from './koe-bridge';
import { SCREENSHOT_DIR } from './harness-fixture';
import { startTwoDesks, type Desk, type TwoDesks } from './two-desks-fixture';

/**
 * The floor with two desks on one demo retailer: the agent (山田 美咲, Tokyo) runs the
 * harassment protocol; the supervisor (加藤 直樹, Tokyo) sees the alert on the live floor and
 * takes it; the agent's panel says who took it and when. The retailer's live stream is the only
 * way anything crosses from one desk to the other.
 */
const HANAKO_PHONE = '090-1234-5678';
let world: TwoDesks;
let agent: Desk;
let supervisor: Desk;
let agentPage: Page;
let supervisorPage: Page;
const errors: string[] = [];

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
beforeAll(async () => {
  world = await startTwoDesks({
    agent: 'agent@demo.koe.example',
    supervisor: 'supervisor@demo.koe.example',
  });
  agent = world.desks.agent!;
  supervisor = world.desks.supervisor!;
  const a = await agent.openPage();
  const s = await supervisor.openPage();
  agentPage = a.page;
  supervisorPage = s.page;
  errors.push(...a.errors, ...s.errors);
});
afterAll(async () => {
  await world?.close();
});

describe('alerts that reach a person', () => {
  it('harassment protocol → the supervisor sees it live and takes it → the agent sees who and when', async () => {
    // The supervisor opens the floor (the agent's desk has already reported its state).
    await supervisorPage.getByTestId('floor-button').click();
    await supervisorPage.getByTestId('floor-view').waitFor();
    await supervisorPage
      .locator('[data-testid="floor-agent"]')
      .filter({ hasText: '山田 美咲' })
      .waitFor();

    const callId = await agent.ring(HANAKO_PHONE);
    await agentPage.getByTestId('call-workspace').waitFor();
    await agent.answer(callId);
    await agentPage.locator('[data-testid="call-state"][data-state="in_call"]').waitFor();
    // The floor follows the agent's call live.
    await supervisorPage
      .locator('[data-testid="floor-agent"][data-status="on_call"]')
      .filter({ hasText: '山田 美咲' })
      .waitFor();

    const flaggedAt = Date.now();
    await agentPage.getByTestId('flag-harassment').click();
    await agentPage.getByTestId('harassment-panel').waitFor();
    await agentPage.getByTestId('harassment-note').fill('大声で威圧。カード 4111 1111 1111 1111');
    // Told: the retailer has it (the core's record, not the screen's wish).
    await agentPage.locator('[data-testid="alert-status"][data-status="told"]').waitFor();

    const card = supervisorPage.locator('[data-testid="floor-alert"][data-open="true"]').filter({
      hasText: '山田 美咲',
    });
    await card.waitFor();
    const seenMs = Date.now() - flaggedAt;
    console.log(`[floor e2e] harassment flagged → on the supervisor's floor: ${seenMs} ms`);
    expect(await card.textContent()).toContain('カスハラ');
    await shot(supervisorPage, 'floor-alert-ja');

    await card.getByTestId('floor-take').click();
    await supervisorPage
      .locator('[data-testid="floor-alert"][data-open="false"]')
      .filter({ hasText: '加藤 直樹' })
      .waitFor();

    const taken = agentPage.locator('[data-testid="alert-status"][data-status="acknowledged"]');
    await taken.waitFor();
    const text = (await taken.textContent()) ?? '';
    expect(text).toContain('加藤 直樹');
    expect(text).toMatch(/\d{1,2}:\d{2}/);
    await shot(agentPage, 'harassment-taken-ja');

    // Recorded on the retailer as an incident: raised, then acknowledged by the supervisor.
    const alerts = await supervisor.core.router.handle('floor:alerts', {});
    if (!alerts.ok) throw new Error(alerts.error.message);
    const incident = (
      alerts.value as { alerts: { callId: string | null; stages: { stage: string }[] }[] }
    ).alerts.find((a) => a.callId === callId)!;
    expect(incident.stages.map((s) => s.stage)).toEqual(['raised', 'acknowledged']);
  });

  it('the agent raises a hand with Ctrl+Shift+Y; the floor shows it, in Japanese and English', async () => {
    await agentPage.keyboard.press('Control+Shift+Y');
    await agentPage.getByTestId('raise-hand-status').waitFor();
    // On a call, the status opens below the call bar: the caller, the call's timer and its
    // buttons stay in sight.
    await agentPage.getByTestId('call-timer').waitFor();
    const bar = await agentPage.getByTestId('call-bar').boundingBox();
    // The popover settles after it opens: its box is read once it stopped moving.
    await expect
      .poll(async () => {
        const status = await agentPage.getByTestId('raise-hand-status').boundingBox();
        return status && bar ? status.y - (bar.y + bar.height) : null;
      })
      .toBeGreaterThanOrEqual(0);
    await supervisorPage
      .locator('[data-testid="floor-alert"][data-open="true"]')
      .filter({ hasText: 'ヘルプ' })
      .waitFor();
    await shot(supervisorPage, 'floor-ja');
    await shot(agentPage, 'raise-hand-ja');
    await expectAccessible(supervisorPage, 'floor (ja)');
    await expectAccessible(agentPage, 'raised hand (ja)');
    await setLocale(supervisorPage, 'en');
    await supervisorPage.getByRole('heading', { name: 'Floor' }).waitFor();
    await supervisorPage
      .getByText('Needs help')
      .or(supervisorPage.getByText('Help ·'))
      .first()
      .waitFor();
    await shot(supervisorPage, 'floor-en');
    await expectAccessible(supervisorPage, 'floor (en)');
    await setLocale(supervisorPage, 'ja');

    // The agent puts the status away; it comes back when a supervisor takes the request.
    await agentPage
      .getByTestId('raise-hand-status')
      .getByRole('button', { name: '閉じる' })
      .click();
    await agentPage.getByTestId('raise-hand-status').waitFor({ state: 'hidden' });
    await supervisorPage
      .locator('[data-testid="floor-alert"][data-open="true"]')
      .filter({ hasText: 'ヘルプ' })
      .getByTestId('floor-take')
      .click();
    await agentPage
      .getByTestId('raise-hand-status')
      .locator('[data-testid="alert-status"][data-status="acknowledged"]')
      .filter({ hasText: '加藤 直樹' })
      .waitFor();
    expect(errors).toEqual([]);
  });
});
