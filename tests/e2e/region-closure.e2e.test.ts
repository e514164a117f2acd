import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREFECTURES } from '../../src/shared/demo/prefectures';
import type { CustomerCard } from '../../src/shared/domain';
import { deliveryRegion, type RegionClosureRecord } from '../../src/shared/domain/region-closure';
import type { IpcResult } from '../../src/shared/ipc';
import { SCREENSHOT_DIR, startE2eApp, type E2eApp } from './harness-fixture';
import { eventually, koe } from './koe-bridge';
import { pushAsDemoAdmin } from './retailer-voc';

/**
 * The demo retailer announces a closure of one region (demoRegionClosures): a caller whose open
 * parcel goes there sees, on the card's delivery line, the retailer's reason beside the moved
 * estimate, in Japanese and in English. A reason written as markup shows as the text it is.
 */
const OPEN = ['label_created', 'in_transit', 'out_for_delivery', 'delayed'];

describe('a region closure on the demo card', () => {
  let app: E2eApp;
  let page: Page;
  let errors: string[];
  let closure: { id: string; region: string; reason: string; ends_on: string };
  let caller: { customerId: string; e164: string; shipmentId: string };

  const cardOf = async (customerId: string) => {
    const result = (await app.core().router.handle('customers:card', {
      customerId,
    })) as IpcResult<CustomerCard | null>;
    return result.ok ? result.value : null;
  };

  beforeAll(async () => {
    app = await startE2eApp();
    const sqlite = app.core().database.sqlite;
    closure = sqlite
      .prepare('select id, region, reason, ends_on from region_closures')
      .get() as typeof closure;
    const prefectures = PREFECTURES.filter((p) => p.region === closure.region).map((p) => p.name);
    // A caller with an open parcel into the closed region, alone on their phone number.
    caller = sqlite
      .prepare(
        `select o.customer_id as customerId, p.e164, s.id as shipmentId
         from shipments s join orders o on o.id = s.order_id
         join customer_phones p on p.customer_id = o.customer_id
         where s.destination_prefecture in (${prefectures.map(() => '?').join(',')})
           and s.status in (${OPEN.map(() => '?').join(',')})
           and s.delivered_at is null and s.shipped_at is not null
           and (select count(*) from customer_phones q where q.e164 = p.e164) = 1
         order by o.customer_id limit 1`,
      )
      .get(...prefectures, ...OPEN) as typeof caller;
    // The models are fitted on the prediction worker a little after the first sync.
    await eventually(
      'the estimate of the parcel',
      async () =>
        (await cardOf(caller.customerId))?.predictions?.deliveryEstimates.find(
          (e) => e.shipmentId === caller.shipmentId,
        ),
      300_000,
    );
  }, 600_000);
  afterAll(async () => {
    await page?.close();
    await app?.close();
  });

  it("shows the retailer's reason and the closure's end beside the moved estimate, ja and en", async () => {
    const estimate = (await cardOf(caller.customerId))!.predictions!.deliveryEstimates.find(
      (e) => e.shipmentId === caller.shipmentId,
    )!;
    // Nothing is delivered into the region before the day after the closure.
    expect(estimate.low > closure.ends_on).toBe(true);
    expect(estimate.basis.closure).toEqual({ endsOn: closure.ends_on, reason: closure.reason });

    ({ page, errors } = await app.openPage());
    await app.ring(caller.e164);
    const line = page.getByTestId('delivery-estimate-closure').first();
    await line.waitFor();
    expect(await line.textContent()).toContain('販売店の案内');
    expect(await page.getByTestId('delivery-estimate-closure-reason').first().textContent()).toBe(
      closure.reason,
    );
    await line.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'region-closure-card-ja.png') });

    await page.getByText('English', { exact: true }).first().click();
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    expect(await line.textContent()).toContain("The retailer's notice (no deliveries until");
    expect(await line.textContent()).toContain(closure.reason);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'region-closure-card-en.png') });
    await page.getByText('日本語', { exact: true }).first().click();
    await page.locator('html[lang="ja"]').waitFor({ state: 'attached' });
    expect(errors).toEqual([]);
  });

  it('a reason written as markup or as catalog syntax shows as the text it is', async () => {
    const { retailerUrl } = await koe(page, 'app:info', {});
    const hostile = `<img src=x onerror="window.__closurePwned=1"><b>大雪</b> {{date}} $t(prediction.estimateLabel)`;
    const later = new Date(Date.parse(`${closure.ends_on}T00:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10);
    // The closure that lasts longest holds the parcel: this one, a day longer.
    const status = await pushAsDemoAdmin(retailerUrl ?? '', [
      {
        type: 'region_closure',
        data: { ...closureRecord(closure), id: 'rcl-e2e-hostile', endsOn: later, reason: hostile },
      },
    ]);
    expect(status).toBe(200);
    await eventually(
      'the hostile closure on the card',
      async () =>
        (await cardOf(caller.customerId))?.predictions?.deliveryEstimates.find(
          (e) => e.shipmentId === caller.shipmentId && e.basis.closure?.reason === hostile,
        ),
      120_000,
      () => koe(page, 'sync:now', {}),
    );
    // A new page reads the card again (the call is still on).
    ({ page, errors } = await app.openPage());
    const reason = page.getByTestId('delivery-estimate-closure-reason').first();
    await eventually('the reason on the page', async () =>
      (await reason.textContent().catch(() => null)) === hostile ? true : null,
    );
    expect(
      await page
        .locator(
          '[data-testid="delivery-estimate-closure"] img, [data-testid="delivery-estimate-closure"] b',
        )
        .count(),
    ).toBe(0);
    expect(
      await page.evaluate(() => (globalThis as { __closurePwned?: number }).__closurePwned),
    ).toBeUndefined();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'region-closure-hostile-ja.png') });
    expect(errors).toEqual([]);
  });
});

/** The stored closure as the retailer's record (announced last evening, as the demo's). */
function closureRecord(row: {
  id: string;
  region: string;
  reason: string;
  ends_on: string;
}): RegionClosureRecord {
  const announcedAt = new Date(Date.now() - 3_600_000).toISOString();
  return {
    id: row.id,
    region: deliveryRegion.parse(row.region),
    carrier: null,
    startsOn: new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10),
    endsOn: row.ends_on,
    reason: row.reason,
    announcedAt,
    updatedAt: announcedAt,
  };
}
