import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLocale } from './koe-bridge';
import { SCREENSHOT_DIR } from './harness-fixture';
import { startTwoDesks, type Desk, type TwoDesks } from './two-desks-fixture';

/**
 * The access audit as a supervisor reads it: the agent's desk searches, opens a customer outside
 * a call and reveals a masked field; the rows reach the retailer through the desk's audit outbox,
 * and the supervisor's "Access audit" tab next to the floor lists them from the retailer.
 */
let world: TwoDesks;
let agent: Desk;
let supervisorPage: Page;

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
beforeAll(async () => {
  world = await startTwoDesks({
    agent: 'agent@demo.koe.example',
    supervisor: 'supervisor@demo.koe.example',
    admin: 'admin@demo.koe.example',
  });
  agent = world.desks.agent!;
  supervisorPage = (await world.desks.supervisor!.openPage()).page;
}, 120_000);
afterAll(async () => {
  await world?.close();
});

/** A customer's number as the desk's cache holds it (what the phone system would send). */
function phoneOf(customerId: string): string {
  const row = agent.core.database.sqlite
    .prepare('select e164 from customer_phones where customer_id = ? limit 1')
    .get(customerId) as { e164: string } | undefined;
  if (!row) throw new Error(`no phone for ${customerId}`);
  return row.e164;
}

describe('access audit', () => {
  it("lists the agent's search, the customer opened outside a call and the reveal (ja, en)", async () => {
    const handle = async (channel: string, input: unknown) => {
      const result = await agent.core.router.handle(channel as never, input);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value as never;
    };
    const found: { customers: { id: string }[] } = await handle('customers:search', {
      query: '山田',
    });
    const customerId = found.customers[0]!.id;
    await handle('customers:card', { customerId });
    // A reveal is allowed only on a call with the customer: the phone system rings with her
    // number, the agent answers and reveals.
    const callId = await agent.ring(phoneOf(customerId));
    await agent.answer(callId);
    await handle('customers:revealPii', { customerId, field: 'phone', callId });
    await agent.hangUp(callId);

    await supervisorPage.getByTestId('floor-button').click();
    await supervisorPage.getByTestId('floor-view').waitFor();
    await supervisorPage.getByTestId('audit-tab').click();
    await supervisorPage.getByTestId('audit-customer').fill(customerId);
    // The rows leave the agent's desk on their own; each click reads the retailer again.
    const revealRow = supervisorPage.locator('[data-testid="audit-row"][data-kind="pii_revealed"]');
    for (let i = 0; i < 30; i++) {
      await supervisorPage.getByTestId('audit-apply').click();
      if ((await revealRow.count()) > 0) break;
      await revealRow.waitFor({ timeout: 1_000 }).catch(() => undefined);
    }
    await revealRow.waitFor();
    await supervisorPage
      .locator('[data-testid="audit-row"][data-kind="customer_opened"]')
      .waitFor();
    // Filtered by the customer: the search (which names no one customer) is not among them.
    await supervisorPage.locator('[data-testid="audit-row"][data-kind="search"]').waitFor({
      state: 'detached',
    });
    expect(await supervisorPage.getByTestId('audit-row').count()).toBe(2);
    await expect
      .poll(() => supervisorPage.getByTestId('audit-table').textContent())
      .toContain('マスク解除');
    await shot(supervisorPage, 'access-audit-ja');
    await setLocale(supervisorPage, 'en');
    await supervisorPage.getByText('Access audit', { exact: true }).first().waitFor();
    await shot(supervisorPage, 'access-audit-en');
    await setLocale(supervisorPage, 'ja');
  }, 120_000);

  it("a retailer's lock_desk policy locks the agent's desk (no PIN opens it) until the supervisor takes its alert (ja, en)", async () => {
    const signIn = await fetch(`${world.retailerUrl}/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.koe.example', password: 'koe-demo' }),
    });
    const { accessToken } = (await signIn.json()) as { accessToken: string };
    const set = await fetch(`${world.retailerUrl}/v1/data/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({
        records: [
          {
            type: 'policy',
            data: {
              id: 'policy-e2e-reveals',
              kind: 'bulk_access',
              labelJa: '開示の上限',
              labelEn: 'Reveal limit',
              params: { metric: 'reveals', threshold: 2, windowMinutes: 60, action: 'lock_desk' },
              active: true,
              updatedAt: new Date().toISOString(),
            },
          },
        ],
      }),
    });
    expect(set.status).toBe(200);
    const agentPage = (await agent.openPage()).page;
    // One reveal was made above; these pass the threshold of two (on the desk once it pulled the
    // policy, and on the retailer from the synced audit, whichever comes first).
    const callId = await agent.ring(phoneOf('cus-0000001'));
    await agent.answer(callId);
    for (let i = 0; i < 3; i++)
      await agent.core.router.handle('customers:revealPii', {
        customerId: 'cus-0000001',
        field: 'phone',
        callId,
      });
    await agentPage.getByTestId('lock-screen').waitFor({ timeout: 20_000 });
    expect(await agentPage.getByTestId('lock-pin').count()).toBe(0);
    expect(await agentPage.getByText('デスクPINを入力', { exact: false }).count()).toBe(0);
    await shot(agentPage, 'access-policy-lock-ja');
    await setLocale(agentPage, 'en');
    await agentPage.getByText('Locked by the retailer', { exact: false }).waitFor();
    await shot(agentPage, 'access-policy-lock-en');
    await setLocale(agentPage, 'ja');

    await supervisorPage.getByTestId('floor-tab').click();
    const card = supervisorPage
      .locator('[data-testid="floor-alert"][data-open="true"]')
      .filter({ hasText: '大量アクセス' });
    await card.waitFor({ timeout: 20_000 });
    // The floor shows the agent locked (the retailer's own record of the policy's lock).
    const lockedRow = supervisorPage.locator('[data-testid="floor-agent"][data-presence="locked"]');
    await lockedRow.waitFor({ timeout: 20_000 });
    expect(await lockedRow.textContent()).toContain('ロック中');
    await shot(supervisorPage, 'floor-presence-locked-ja');
    await setLocale(supervisorPage, 'en');
    await lockedRow.filter({ hasText: 'Locked' }).waitFor();
    await shot(supervisorPage, 'floor-presence-locked-en');
    await setLocale(supervisorPage, 'ja');
    await card.getByTestId('floor-take').click();
    await agentPage.getByTestId('lock-screen').waitFor({ state: 'detached', timeout: 20_000 });
    // Taken: the lock ends on the floor too, live.
    await lockedRow.waitFor({ state: 'detached', timeout: 20_000 });
  }, 120_000);

  it("a notify_admin policy reaches the retailer admin's view (ja, en)", async () => {
    const signIn = await fetch(`${world.retailerUrl}/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.koe.example', password: 'koe-demo' }),
    });
    const { accessToken } = (await signIn.json()) as { accessToken: string };
    const set = await fetch(`${world.retailerUrl}/v1/admin/bulk-access-policies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({
        labelJa: '通話外の閲覧',
        labelEn: 'Out-of-call lookups',
        metric: 'opened_outside_call',
        threshold: 0,
        windowMinutes: 60,
        action: 'notify_admin',
        active: true,
      }),
    });
    expect(set.status).toBe(200);
    const adminPage = (await world.desks.admin!.openPage()).page;
    await adminPage.getByTestId('admin-button').click();
    await adminPage.getByTestId('admin-tab-bulk-access').click();
    await adminPage.getByTestId('admin-escalations').waitFor();
    // The agent's next access is evaluated with the ones before it (a customer opened outside a
    // call, above): past the limit of none, the admin is told at once, live.
    const searched = await agent.core.router.handle('customers:search', { query: '佐藤' });
    expect(searched.ok).toBe(true);
    // It names the policy as the admin wrote it, and what was counted, in the reader's language.
    const escalation = adminPage
      .getByTestId('admin-escalation')
      .filter({ hasText: '大量アクセス' })
      .filter({ hasText: '「通話外の閲覧」: 通話外で開いたお客さまが 60 分間に' });
    await escalation.first().waitFor({ timeout: 20_000 });
    expect(await escalation.first().textContent()).toContain('山田 美咲');
    expect(await escalation.first().textContent()).toContain('（上限 0 件）');
    await shot(adminPage, 'admin-escalations-ja');
    await setLocale(adminPage, 'en');
    await adminPage.getByText('Escalated to the admin', { exact: true }).waitFor();
    await adminPage
      .getByTestId('admin-escalation')
      .filter({ hasText: '“Out-of-call lookups”: Customers opened outside a call, ' })
      .filter({ hasText: '(limit 0)' })
      .first()
      .waitFor();
    await shot(adminPage, 'admin-escalations-en');
    await setLocale(adminPage, 'ja');
  }, 120_000);
});
