import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { readCustomerCard } from '../../../src/main/core/customers/customer-card';
import {
  evaluateCallReasonModel,
  evaluateDeliveryModel,
} from '../../../src/main/core/predictions/prediction-evaluation';
import {
  readCallExamples,
  readTransitSamples,
  type CallExample,
} from '../../../src/main/core/predictions/prediction-data';
import {
  inProcessFitter,
  startPredictionService,
  withPredictions,
  type PredictionService,
} from '../../../src/main/core/predictions/prediction-service';
import type { TransitSample } from '../../../src/main/core/predictions/delivery-estimate';
import {
  DEFAULT_DEMO_NOW,
  DEMO_FEATURED_CUSTOMERS,
  generateDemoRecords,
} from '../../../src/shared/demo/generate-demo-records';

/**
 * Both models on the fixed demo data set (seeded generator, noise included), fitted on the older
 * 80% and scored on the newer 20%: each must beat its baseline there. These are real, failable
 * comparisons; the figures themselves are printed by `npm run bench -- prediction`.
 */
let database: LocalDatabase;
let samples: TransitSample[];
let calls: CallExample[];
let service: PredictionService;

beforeAll(async () => {
  database = await openDatabase({ filename: ':memory:' });
  const writer = createRecordWriter(database.sqlite);
  for (const batch of generateDemoRecords({ size: 'demo' })) writer.apply(batch);
  samples = readTransitSamples(database.sqlite);
  calls = readCallExamples(database.sqlite);
}, 120_000);

afterAll(async () => {
  service?.close();
  await database?.close();
});

describe('models on the demo data set (time split)', () => {
  it('the delivery estimate beats the promised date, and its 90% range holds about 90%', () => {
    const e = evaluateDeliveryModel(samples);
    expect(e.testShipments).toBeGreaterThan(500);
    expect(e.maeDays).toBeLessThan(e.promiseMaeDays * 0.6);
    expect(e.coverage).toBeGreaterThan(0.85);
    expect(e.coverage).toBeLessThan(0.99);
  });

  it('the call-reason model beats the rules at top-1 and top-3, and is better calibrated', () => {
    const e = evaluateCallReasonModel(calls);
    expect(e).not.toBeNull();
    expect(e!.testCalls).toBeGreaterThan(200);
    expect(e!.top1).toBeGreaterThan(e!.rulesTop1);
    expect(e!.top3).toBeGreaterThan(e!.rulesTop3);
    expect(e!.top1).toBeGreaterThan(e!.majorityTop1);
    expect(e!.ece).toBeLessThan(e!.rulesEce);
  });

  it('the temperature, fitted on the training span only, lowers the held-out ECE and keeps top-1', () => {
    const e = evaluateCallReasonModel(calls)!;
    expect(e.temperature).not.toBe(1);
    // On this (seeded) data it does: 0.059 against 0.063 on 511 held-out calls, a gap of about
    // two calls' worth (one call moves the ECE by at most 1/511). It does not on every data set
    // (issue #13 measured the bench sample slightly worse): see the bench's figures.
    expect(e.ece).toBeLessThan(e.uncalibrated.ece);
    expect(e.top1).toBe(e.uncalibrated.top1);
    // Its bins account for every held-out call, before and after.
    const total = (bins: { calls: number }[]) => bins.reduce((n, b) => n + b.calls, 0);
    expect(total(e.reliability)).toBe(e.testCalls);
    expect(total(e.uncalibrated.reliability)).toBe(e.testCalls);
  });

  it('never trains on what happened after the call: examples come from cards as of the call', () => {
    const claimCall = calls.find(
      (c) => c.reasonCode === 'delivery.not_received' && c.facts.claim_not_received === 0,
    );
    // The claim a call opened is not on the card the call was predicted from.
    expect(claimCall).toBeDefined();
  });

  it('puts the estimate and the predicted reasons on the card of a late-shipment caller', async () => {
    service = startPredictionService({
      db: database.db,
      fitter: inProcessFitter(database.sqlite),
      now: () => DEFAULT_DEMO_NOW.getTime() + 10 * 3_600_000,
    });
    const read = await readCustomerCard(
      database.db,
      DEMO_FEATURED_CUSTOMERS.lateDelivery.customerId,
    );
    // Nothing fitted yet: no predictions.
    expect(withPredictions(service, read!).predictions).toBeUndefined();
    await service.refresh();
    const card = withPredictions(service, read!);
    const p = card!.predictions!;
    const late = card!.shipments.find((s) => s.status === 'delayed' || s.status === 'in_transit');
    expect(late).toBeDefined();
    const estimate = p.deliveryEstimates.find((e) => e.shipmentId === late!.id);
    expect(estimate).toBeDefined();
    expect(estimate!.low <= estimate!.date && estimate!.date <= estimate!.high).toBe(true);
    // Late or "where is it": the demo's callers about an overdue parcel say "late" seven times in
    // ten, but for a gold customer the model splits them evenly (its tier weight is fitted on a
    // few dozen gold callers: 0.47 and 0.46 here), so the order of the two is not a property of
    // the model; that neither reaches 50% is, and it is why the banner leads with the rules'
    // late parcel, "under 50%" (one-likely-reason.ts). Between them they hold over 80%.
    const [first, second] = p.reasons;
    expect([first!.reasonCode, second!.reasonCode].sort()).toEqual([
      'delivery.late',
      'delivery.wismo',
    ]);
    for (const r of [first!, second!]) {
      expect(r.probability, r.reasonCode).toBeLessThan(0.5);
      expect(r.probability, r.reasonCode).toBeGreaterThan(0.4);
    }
    const lateReason = p.reasons.find((r) => r.reasonCode === 'delivery.late')!;
    expect(lateReason.factors.map((f) => f.feature)).toContain('days_late');
    expect(p.reasons.length).toBe(3);
    expect(p.reasonModel?.trainingCalls).toBeGreaterThan(1000);
  });
});
