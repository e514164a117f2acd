import { describe, expect, it } from 'vitest';
import type { CardPredictions, DeliveryEstimate } from '../../../../src/shared/domain';
import {
  buildScriptContext,
  lintScriptText,
  renderScriptText,
  SCRIPT_VARIABLES,
  scriptTextToPlain,
} from '../../../../src/shared/guidance';
import { card, NOW, order, shipment } from '../../../fixtures/guidance-fixtures';

/** Koe's delivery estimate in scripts: the day and its 90% range, or a visible placeholder. */
const options = { agentName: '高橋', retailerName: 'こえマート', locale: 'ja' as const, now: NOW };
const TEXT =
  '{{shipment.estimatedDeliveryDate | date}}（遅くとも {{shipment.estimatedDeliveryLatest | date}}）';

const estimate: DeliveryEstimate = {
  shipmentId: 's-late',
  date: '2026-11-25',
  low: '2026-11-24',
  high: '2026-11-26',
  coverage: 0.9,
  basis: { samples: 40, level: 'route', typicalDays: 2, delayReported: true, elapsedDays: 4 },
};

function predictions(estimates: DeliveryEstimate[]): CardPredictions {
  return { deliveryEstimates: estimates, reasons: [], reasonModel: null, deliveryModel: null };
}

const lateCard = (p?: CardPredictions) =>
  card({
    orders: [order({ id: 'ord-late' })],
    shipments: [
      shipment({
        id: 's-late',
        orderId: 'ord-late',
        promisedDate: '2026-11-20',
        status: 'delayed',
      }),
    ],
    ...(p ? { predictions: p } : {}),
  });

describe('the delivery estimate as script variables', () => {
  it('fills the estimated day and the end of its 90% range, formatted by the date filter', () => {
    const ctx = buildScriptContext(lateCard(predictions([estimate])), options);
    expect(scriptTextToPlain(renderScriptText(TEXT, ctx).lines)).toBe(
      '11月25日（遅くとも 11月26日）',
    );
    const en = buildScriptContext(lateCard(predictions([estimate])), { ...options, locale: 'en' });
    expect(
      scriptTextToPlain(
        renderScriptText('{{shipment.estimatedDeliveryEarliest | date}}', en).lines,
      ),
    ).toBe('Nov 24');
  });

  it('shows the placeholder while no model is fitted, or for another shipment', () => {
    for (const c of [lateCard(), lateCard(predictions([{ ...estimate, shipmentId: 'other' }]))]) {
      const r = renderScriptText(TEXT, buildScriptContext(c, options));
      expect(r.missing).toEqual([
        'shipment.estimatedDeliveryDate',
        'shipment.estimatedDeliveryLatest',
      ]);
      expect(JSON.stringify(r)).not.toMatch(/undefined|null|NaN/);
    }
  });

  it('are known to the script lint', () => {
    expect(lintScriptText(TEXT, SCRIPT_VARIABLES)).toEqual([]);
  });
});
