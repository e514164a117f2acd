import type { LocalDatabase } from '../src/main/core/platform/connection';
import { createRecordWriter } from '../src/main/core/sync/apply-records';
import { openDatabase } from '../src/main/core/platform/connection';
import {
  evaluateDeliveryBaselines,
  evaluateReasonBaselines,
  type ReasonBaselineEvaluation,
  type ReasonMethodScore,
} from '../src/main/core/predictions/baseline-evaluation';
import {
  readRiskExamples,
  readShipmentOutcomes,
} from '../src/main/core/predictions/evaluation-data';
import { fitCallReasonModel } from '../src/main/core/predictions/call-reason-model';
import { DEFAULT_MAX_CALL_CUSTOMERS } from '../src/main/core/predictions/prediction-fit';
import { readCallExamples } from '../src/main/core/predictions/prediction-data';
import { DEFAULT_DEMO_NOW, generateDemoRecords } from '../src/shared/demo/generate-demo-records';
import { demoPolicies } from '../src/shared/demo/policies';
import { announcedClosures } from '../src/shared/demo/region-closures';
import { riskThresholdsFrom } from '../src/shared/guidance/risk-thresholds';
import {
  areaUnderRoc,
  precisionRecallAt,
  precisionRecallCurve,
  type LabelledScore,
} from '../src/shared/guidance/score-evaluation';
import { jstDayOf } from '../src/shared/guidance/calendar';
import {
  CLAIM_RISK_FEATURES,
  RETURN_ABUSE_FEATURES,
  claimRiskFeatures,
  fitRiskModel,
  returnAbuseFeatures,
  riskScore,
} from '../src/shared/guidance/risk-model';
import { figure, note, type Figure } from './lib/figures';
import { openPopulationSample } from './lib/population-sample';

/**
 * The models' quality against the baselines a reviewer would ask for (baseline-evaluation.ts),
 * on the demo data set and on an even sample of the bench-size population (every 20th of its
 * 1,000,000 customers): fitted on the older 80 %, scored on the newer 20 % (and, for the reasons,
 * on customers the fit never saw). Each figure's baseline is named in it: `…_vs_carrier` is the
 * carrier's estimate at ship time, `…_vs_promise` the retailer's order-time promise.
 */
export const POPULATION_SAMPLE_EVERY = 20;

export async function benchPredictionQuality(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const demo = await openDatabase({ filename: ':memory:' });
  const writer = createRecordWriter(demo.sqlite);
  for (const batch of generateDemoRecords({ size: 'demo' })) writer.apply(batch);
  figures.push(...quality('demo', demo));
  await demo.close();
  let started = performance.now();
  const sample = await openPopulationSample(POPULATION_SAMPLE_EVERY);
  note(`sample: generated in ${Math.round(performance.now() - started)} ms`);
  started = performance.now();
  figures.push(...quality('sample', sample));
  note(`sample: evaluated in ${Math.round(performance.now() - started)} ms`);
  await sample.close();
  return figures;
}

function quality(size: string, database: LocalDatabase): Figure[] {
  const now = DEFAULT_DEMO_NOW.getTime();
  const out: Figure[] = [];
  const outcomes = readShipmentOutcomes(database.sqlite, { maxSamples: 400_000 });
  // The weather closures the retailer announced over the data's span (its region events).
  const shipDays = outcomes.map((o) => jstDayOf(o.shippedAt) as number);
  const closures = announcedClosures(
    shipDays.reduce((a, b) => Math.min(a, b), Infinity),
    jstDayOf(now) as number,
  );
  const edd = evaluateDeliveryBaselines(outcomes, now, 0.8, closures);
  note(
    `${size}: delivery, ${edd.trainShipments} delivered parcels to fit, ${edd.pending} in the test span still within their promise (not scored); ${closures.length} region closures announced`,
  );
  for (const [moment, groups] of [
    ['', edd.groups],
    ['call_', edd.atCall],
  ] as const) {
    for (const g of groups) {
      const name = `edd_${size}_${moment}${g.group.replace(':', '_')}`;
      note(`${name}: ${JSON.stringify(g)}`);
      out.push(
        figure(`${name}_mae_vs_carrier`, g.model.mae, 'days', g.carrierAtShip.mae),
        figure(`${name}_mae_vs_promise`, g.model.mae, 'days', g.promise.mae),
        figure(`${name}_range90_coverage`, g.model.coverage90, 'share', 0.9),
      );
    }
  }

  const calls = readCallExamples(database.sqlite, { maxCustomers: DEFAULT_MAX_CALL_CUSTOMERS });
  note(`${size}: ${calls.length} confirmed calls`);
  for (const split of ['time', 'new_customers'] as const) {
    const e = evaluateReasonBaselines(calls, split);
    if (e) out.push(...reasonFigures(size, e));
  }
  // What decides the wrap-up's preselection: the fit's own held-back calls, model vs rules.
  const held = fitCallReasonModel(calls)?.heldOutTop1;
  if (held) {
    note(
      `${size}: preselection measured on the fit's ${held.calls} held-back calls: ${JSON.stringify(held)}`,
    );
    out.push(
      figure(`reason_${size}_preselect_top1_model_vs_rules`, held.model, 'share', held.rules),
    );
  }

  out.push(...riskFigures(size, database, now));
  return out;
}

function reasonFigures(size: string, e: ReasonBaselineEvaluation): Figure[] {
  note(`${size} reasons (${e.split} split): ${JSON.stringify(e)}`);
  const out: Figure[] = [];
  const methods = [
    ['majority', e.majority],
    ['rules_fill', e.rulesFill],
    ['open_issue_fill', e.openIssueFill],
  ] as const;
  const metric = (key: keyof ReasonMethodScore, unit: string) =>
    methods.map(([name, score]) =>
      figure(`reason_${size}_${e.split}_${key}_vs_${name}`, e.model[key], unit, score[key]),
    );
  out.push(
    ...metric('top1', 'share'),
    ...metric('top3', 'share'),
    ...metric('logLoss', 'nats'),
    ...metric('ece', 'abs'),
  );
  return out;
}

/**
 * The risk scores against the retailer's settled outcomes (a claim denied, a return rejected):
 * the hand-set score on every settled case's newer 20 %, and the same factors fitted by
 * logistic regression on the older 80 %, scored on that newer 20 % (held out).
 */
function riskFigures(size: string, database: LocalDatabase, now: number): Figure[] {
  const out: Figure[] = [];
  const thresholds = riskThresholdsFrom(demoPolicies(now));
  const risk = readRiskExamples(database.sqlite, thresholds, { maxCustomers: 50_000 });
  const day = (r: { at: string }) => jstDayOf(Date.parse(r.at) + 60_000) as number;
  for (const signal of ['claim_risk', 'return_abuse'] as const) {
    const cases = risk.filter((r) => r.kind === (signal === 'claim_risk' ? 'claim' : 'return'));
    const cut = Math.floor(cases.length * 0.8);
    const rows = cases.map((r) =>
      signal === 'claim_risk'
        ? claimRiskFeatures(r.card, day(r), thresholds)
        : returnAbuseFeatures(r.card, day(r)),
    );
    const labels = cases.map((r) => r.label);
    const model = fitRiskModel(
      signal === 'claim_risk' ? CLAIM_RISK_FEATURES : RETURN_ABUSE_FEATURES,
      rows.slice(0, cut),
      labels.slice(0, cut),
    );
    const test = cases.slice(cut);
    const handSet: LabelledScore[] = test.map((r) => ({
      score: signal === 'claim_risk' ? r.signals.claim.score : r.signals.returns.score,
      label: r.label,
    }));
    const fitted: LabelledScore[] = test.map((r, i) => ({
      score: riskScore(model, rows[cut + i] as number[]),
      label: r.label,
    }));
    const threshold =
      signal === 'claim_risk' ? thresholds.claimRiskThreshold : thresholds.returnAbuseThreshold;
    const positives = handSet.filter((p) => p.label).length;
    const atHand = precisionRecallAt(handSet, threshold);
    const atFitted = precisionRecallAt(fitted, threshold);
    note(
      `${size}: ${signal}, ${cut} settled cases to fit, ${test.length} held out (${positives} denied/rejected); fitted ${JSON.stringify(Object.fromEntries(model.features.map((f, j) => [f, model.weights[j + 1]])))} bias ${model.weights[0]}`,
    );
    note(
      `${size}: ${signal} at the retailer's threshold ${threshold}: hand-set ${JSON.stringify(atHand)}, fitted ${JSON.stringify(atFitted)}`,
    );
    note(
      `${size}: ${signal} fitted precision/recall curve: ${precisionRecallCurve(fitted, 0.1)
        .map((c) => `${c.threshold}: ${c.precision.toFixed(2)}/${c.recall.toFixed(2)}`)
        .join(', ')}`,
    );
    out.push(
      figure(
        `risk_${size}_${signal}_auc_fitted_vs_hand_set`,
        areaUnderRoc(fitted),
        'auc',
        areaUnderRoc(handSet),
      ),
      figure(`risk_${size}_${signal}_auc_hand_set_vs_chance`, areaUnderRoc(handSet), 'auc', 0.5),
      figure(
        `risk_${size}_${signal}_precision_at_threshold_hand_set`,
        atHand.precision,
        'share',
        positives / test.length,
      ),
      figure(`risk_${size}_${signal}_recall_at_threshold_hand_set`, atHand.recall, 'share', 1),
      figure(
        `risk_${size}_${signal}_precision_at_threshold_fitted`,
        atFitted.precision,
        'share',
        positives / test.length,
      ),
      figure(`risk_${size}_${signal}_recall_at_threshold_fitted`, atFitted.recall, 'share', 1),
    );
  }
  return out;
}
