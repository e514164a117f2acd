import {
  fitCallReasonModel,
  rankReasons,
  type CallReasonModel,
  type FitOptions,
} from './call-reason-model';
import {
  fitDeliveryModel,
  promiseErrorDays,
  summarize,
  transitDistribution,
  type TransitSample,
} from './delivery-estimate';
import type { CallExample } from './prediction-data';
import { jstDayOf } from '../../../shared/guidance/calendar';

/**
 * Honest figures for both models: fitted on the older part of the data, scored on the newer
 * part they never saw (a time split, as a model meets the future), each against its baseline.
 */
export interface DeliveryEvaluation {
  trainShipments: number;
  testShipments: number;
  /** Mean absolute error in days of the estimate made when the parcel shipped. */
  maeDays: number;
  /** The same for the carrier's promised date (the baseline). */
  promiseMaeDays: number;
  /** Share of deliveries inside the estimate's 90% range. */
  coverage: number;
  /** Mean width of the range in days (1 = a single day). */
  meanRangeDays: number;
  /** Share of estimates on the exact day, and of promises. */
  exactShare: number;
  promiseExactShare: number;
}

/** Splits time-ordered items: the first `trainShare` for fitting, the rest for scoring. */
function timeSplit<T>(items: readonly T[], at: (t: T) => string, trainShare: number) {
  const sorted = [...items].sort((a, b) => at(a).localeCompare(at(b)));
  const cut = Math.floor(sorted.length * trainShare);
  return { train: sorted.slice(0, cut), test: sorted.slice(cut) };
}

export function evaluateDeliveryModel(
  samples: readonly TransitSample[],
  trainShare = 0.8,
): DeliveryEvaluation {
  const { train, test } = timeSplit(samples, (s) => s.shippedAt, trainShare);
  const model = fitDeliveryModel(train, new Date(train[train.length - 1]?.shippedAt ?? 0));
  let error = 0;
  let promiseError = 0;
  let covered = 0;
  let width = 0;
  let exact = 0;
  let promiseExact = 0;
  let n = 0;
  for (const s of test) {
    const delivered = jstDayOf(s.deliveredAt);
    const promise = promiseErrorDays(s);
    // Estimated the moment the parcel shipped: no delay is known yet.
    const d = transitDistribution(model, { ...s, delayReported: false }, Date.parse(s.shippedAt));
    if (delivered === null || promise === null || !d) continue;
    const sum = summarize(d);
    const estimate = d.shipDay + sum.days;
    error += Math.abs(estimate - delivered);
    promiseError += Math.abs(promise);
    if (d.shipDay + sum.lowDays <= delivered && delivered <= d.shipDay + sum.highDays) covered++;
    width += sum.highDays - sum.lowDays + 1;
    if (estimate === delivered) exact++;
    if (promise === 0) promiseExact++;
    n++;
  }
  const per = (x: number) => (n === 0 ? 0 : x / n);
  return {
    trainShipments: train.length,
    testShipments: n,
    maeDays: per(error),
    promiseMaeDays: per(promiseError),
    coverage: per(covered),
    meanRangeDays: per(width),
    exactShare: per(exact),
    promiseExactShare: per(promiseExact),
  };
}

export interface ReliabilityBin {
  /** The bin's lower edge: it holds top probabilities in [from, from + 0.1). */
  from: number;
  /** Mean predicted probability of the top reason in the bin. */
  predicted: number;
  /** How often the top reason was the confirmed one. */
  observed: number;
  calls: number;
}

export interface ReasonEvaluation {
  trainCalls: number;
  testCalls: number;
  labels: number;
  top1: number;
  top3: number;
  /** The rules alone (likely-reason.ts): their first and first three candidates. */
  rulesTop1: number;
  rulesTop3: number;
  /** Calls the rules had no candidate for at all. */
  rulesSilent: number;
  /** Always the most frequent training reason: the floor any model must clear. */
  majorityTop1: number;
  /**
   * Expected calibration error of the top probability (10 bins) and the multi-class Brier, at
   * the model's fitted temperature.
   */
  ece: number;
  brier: number;
  /** The same error for the rules' confidence, read as if it were a probability. */
  rulesEce: number;
  reliability: ReliabilityBin[];
  /** The temperature fitted on the training span's latest calls (1 when too few). */
  temperature: number;
  /**
   * The same model before calibration (temperature 1): its ECE, Brier, reliability bins and
   * top-1, which the temperature must not change (it divides every score alike).
   */
  uncalibrated: { ece: number; brier: number; top1: number; reliability: ReliabilityBin[] };
}

export function expectedCalibrationError(points: { p: number; hit: boolean }[]): {
  ece: number;
  bins: ReliabilityBin[];
} {
  const bins = Array.from({ length: 10 }, () => ({ p: 0, hits: 0, n: 0 }));
  for (const { p, hit } of points) {
    const bin = bins[Math.min(9, Math.floor(p * 10))]!;
    bin.p += p;
    bin.hits += hit ? 1 : 0;
    bin.n++;
  }
  const total = points.length || 1;
  let ece = 0;
  const out: ReliabilityBin[] = [];
  for (const [i, b] of bins.entries()) {
    if (b.n === 0) continue;
    const predicted = b.p / b.n;
    const observed = b.hits / b.n;
    ece += (b.n / total) * Math.abs(predicted - observed);
    out.push({ from: i / 10, predicted, observed, calls: b.n });
  }
  return { ece, bins: out };
}

export function evaluateCallReasonModel(
  examples: readonly CallExample[],
  trainShare = 0.8,
  options: FitOptions = {},
): ReasonEvaluation | null {
  const { train, test } = timeSplit(examples, (e) => e.at, trainShare);
  const model = fitCallReasonModel(train, options);
  if (!model || test.length === 0) return null;
  const counts = new Map<string, number>();
  for (const e of train) counts.set(e.reasonCode, (counts.get(e.reasonCode) ?? 0) + 1);
  const majority = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];

  const scored = scoreReasons(model, test, model.temperature);
  const raw = scoreReasons(model, test, 1);
  let rulesTop1 = 0;
  let rulesTop3 = 0;
  let rulesSilent = 0;
  let majorityTop1 = 0;
  const rulePoints: { p: number; hit: boolean }[] = [];
  for (const e of test) {
    if (e.rules.length === 0) rulesSilent++;
    if (e.rules[0]?.reasonCode === e.reasonCode) rulesTop1++;
    if (e.rules.slice(0, 3).some((r) => r.reasonCode === e.reasonCode)) rulesTop3++;
    if (e.rules[0]) {
      rulePoints.push({ p: e.rules[0].confidence, hit: e.rules[0].reasonCode === e.reasonCode });
    }
    if (majority === e.reasonCode) majorityTop1++;
  }
  const n = test.length;
  return {
    trainCalls: train.length,
    testCalls: n,
    labels: model.labels.length,
    top1: scored.top1,
    top3: scored.top3,
    rulesTop1: rulesTop1 / n,
    rulesTop3: rulesTop3 / n,
    rulesSilent: rulesSilent / n,
    majorityTop1: majorityTop1 / n,
    ece: scored.ece,
    brier: scored.brier,
    rulesEce: expectedCalibrationError(rulePoints).ece,
    reliability: scored.reliability,
    temperature: model.temperature,
    uncalibrated: {
      ece: raw.ece,
      brier: raw.brier,
      top1: raw.top1,
      reliability: raw.reliability,
    },
  };
}

/** Top-1, top-3, ECE with its bins and Brier of the model on calls, at a temperature. */
function scoreReasons(
  model: CallReasonModel,
  calls: readonly CallExample[],
  temperature: number,
): { top1: number; top3: number; ece: number; brier: number; reliability: ReliabilityBin[] } {
  let top1 = 0;
  let top3 = 0;
  let brier = 0;
  const points: { p: number; hit: boolean }[] = [];
  for (const e of calls) {
    const ranked = rankReasons(model, e.facts, temperature);
    const hit = ranked[0]?.reasonCode === e.reasonCode;
    if (hit) top1++;
    if (ranked.slice(0, 3).some((r) => r.reasonCode === e.reasonCode)) top3++;
    points.push({ p: ranked[0]?.probability ?? 0, hit });
    for (const r of ranked) brier += (r.probability - (r.reasonCode === e.reasonCode ? 1 : 0)) ** 2;
    // A reason the model cannot name counts in full against it.
    if (!model.labels.includes(e.reasonCode)) brier += 1;
  }
  const n = calls.length || 1;
  const { ece, bins } = expectedCalibrationError(points);
  return { top1: top1 / n, top3: top3 / n, ece, brier: brier / n, reliability: bins };
}
