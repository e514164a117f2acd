import type { LocalDatabase } from '../src/main/core/db/connection';
import { createRecordWriter } from '../src/main/core/db/apply-records';
import { openDatabase } from '../src/main/core/db/connection';
import {
  evaluateDeliveryBaselines,
  evaluateReasonBaselines,
  type ReasonBaselineEvaluation,
  type ReasonMethodScore,
} from '../src/main/core/guidance/baseline-evaluation';
import { readRiskExamples, readShipmentOutcomes } from '../src/main/core/guidance/evaluation-data';
import { DEFAULT_MAX_CALL_CUSTOMERS } from '../src/main/core/guidance/prediction-fit';
import { readCallExamples } from '../src/main/core/guidance/prediction-data';
import { DEFAULT_DEMO_NOW, generateDemoRecords } from '../src/shared/demo/generate-demo-records';
import { demoPolicies } from '../src/shared/demo/policies';
import { riskThresholdsFrom } from '../src/shared/guidance/risk-thresholds';
import {
  areaUnderRoc,
  precisionRecallAt,
  type LabelledScore,
} from '../src/shared/guidance/score-evaluation';
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
  const edd = evaluateDeliveryBaselines(outcomes, now);
  note(
    `${size}: delivery, ${edd.trainShipments} delivered parcels to fit, ${edd.pending} in the test span still within their promise (not scored)`,
  );
  for (const g of edd.groups) {
    const name = `edd_${size}_${g.group.replace(':', '_')}`;
    note(`${name}: ${JSON.stringify(g)}`);
    out.push(
      figure(`${name}_mae_vs_carrier`, g.model.mae, 'days', g.carrierAtShip.mae),
      figure(`${name}_mae_vs_promise`, g.model.mae, 'days', g.promise.mae),
      figure(`${name}_range90_coverage`, g.model.coverage90, 'share', 0.9),
    );
  }

  const calls = readCallExamples(database.sqlite, { maxCustomers: DEFAULT_MAX_CALL_CUSTOMERS });
  note(`${size}: ${calls.length} confirmed calls`);
  for (const split of ['time', 'new_customers'] as const) {
    const e = evaluateReasonBaselines(calls, split);
    if (e) out.push(...reasonFigures(size, e));
  }

  const thresholds = riskThresholdsFrom(demoPolicies(now));
  const risk = readRiskExamples(database.sqlite, thresholds, { maxCustomers: 50_000 });
  const claims: LabelledScore[] = risk
    .filter((r) => r.kind === 'claim')
    .map((r) => ({ score: r.signals.claim.score, label: r.label }));
  const returns: LabelledScore[] = risk
    .filter((r) => r.kind === 'return')
    .map((r) => ({ score: r.signals.returns.score, label: r.label }));
  for (const [signal, points, threshold] of [
    ['claim_risk', claims, thresholds.claimRiskThreshold],
    ['return_abuse', returns, thresholds.returnAbuseThreshold],
  ] as const) {
    const positives = points.filter((p) => p.label).length;
    const at = precisionRecallAt(points, threshold);
    note(
      `${size}: ${signal} on ${points.length} settled cases (${positives} denied/rejected), threshold ${threshold}: ${JSON.stringify(at)}`,
    );
    out.push(
      figure(`risk_${size}_${signal}_auc`, areaUnderRoc(points), 'auc', 0.5),
      figure(
        `risk_${size}_${signal}_precision_at_threshold`,
        at.precision,
        'share',
        positives / points.length,
      ),
      figure(`risk_${size}_${signal}_recall_at_threshold`, at.recall, 'share', 1),
    );
  }
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
