import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { readRiskExamples } from '../../../src/main/core/predictions/evaluation-data';
import { fitRiskFromCache } from '../../../src/main/core/predictions/risk-fit';
import {
  DEFAULT_DEMO_NOW,
  generateDemoRecords,
} from '../../../src/shared/demo/generate-demo-records';
import { demoPolicies } from '../../../src/shared/demo/policies';
import { jstDayOf } from '../../../src/shared/guidance/calendar';
import { riskThresholdsFrom } from '../../../src/shared/guidance/risk-thresholds';
import {
  fitLogistic,
  logisticScore,
  sigmoid,
} from '../../../src/shared/guidance/logistic-regression';
import {
  CLAIM_RISK_FEATURES,
  claimRiskFeatures,
  fitRiskModel,
  riskReasons,
} from '../../../src/shared/guidance/risk-model';
import { Random } from '../../../src/shared/demo/random';

/**
 * The reference fit: Newton–Raphson (iteratively reweighted least squares) on the same penalized
 * likelihood, solved exactly by Gaussian elimination at each step — the textbook method, written
 * independently of the learner under test.
 */
function referenceFit(rows: number[][], labels: boolean[], l2: number): number[] {
  const X = rows.map((r) => [1, ...r]);
  const k = X[0]!.length;
  const n = X.length;
  let w = new Array<number>(k).fill(0);
  for (let iter = 0; iter < 50; iter++) {
    const grad = w.map((wj, j) => (j === 0 ? 0 : l2 * wj));
    const H = Array.from({ length: k }, (_, a) =>
      Array.from({ length: k }, (_, b) => (a === b && a > 0 ? l2 : 0)),
    );
    X.forEach((x, i) => {
      const p = sigmoid(x.reduce((z, xj, j) => z + xj * w[j]!, 0));
      for (let a = 0; a < k; a++) {
        grad[a]! += ((p - (labels[i] ? 1 : 0)) * x[a]!) / n;
        for (let b = 0; b < k; b++) H[a]![b]! += (p * (1 - p) * x[a]! * x[b]!) / n;
      }
    });
    // Solve H · step = grad.
    const M = H.map((row, a) => [...row, grad[a]!]);
    for (let c = 0; c < k; c++) {
      const pivot = M[c]![c]!;
      for (let r = 0; r < k; r++) {
        if (r === c) continue;
        const f = M[r]![c]! / pivot;
        for (let j = c; j <= k; j++) M[r]![j]! -= f * M[c]![j]!;
      }
    }
    w = w.map((wj, j) => wj - M[j]![k]! / M[j]![j]!);
  }
  return w;
}

describe('the risk scores’ logistic regression', () => {
  // Known answer: outcomes drawn from bias −2, weights 2.5, 1.5 and −1 on three 0–1 factors.
  const random = new Random(11);
  const truth = [-2, 2.5, 1.5, -1];
  const rows: number[][] = [];
  const labels: boolean[] = [];
  for (let i = 0; i < 6_000; i++) {
    const row = [random.chance(0.3) ? 1 : 0, random.int(0, 3) / 3, random.chance(0.5) ? 1 : 0];
    rows.push(row);
    labels.push(random.chance(logisticScore(truth, row)));
  }

  it('matches a Newton–Raphson reference fit of the same data', () => {
    const fit = fitLogistic(rows, labels, { l2: 1e-4, steps: 4_000 });
    const reference = referenceFit(rows, labels, 1e-4);
    fit.weights.forEach((w, j) => expect(w).toBeCloseTo(reference[j]!, 2));
    // And the reference recovers the weights the outcomes were drawn with, within noise.
    reference.forEach((w, j) => expect(Math.abs(w - truth[j]!)).toBeLessThan(0.3));
  });

  it('names as reasons only the factors that raised this case, strongest first', () => {
    const model = fitRiskModel(['flag', 'rate', 'locker'] as const, rows, labels);
    expect(riskReasons(model, [1, 1 / 3, 1])).toEqual(['flag', 'rate']);
    expect(riskReasons(model, [0, 0, 1])).toEqual([]);
  });
});

/**
 * The fixture: the demo data set's settled claims (2,000 customers, generated with a fixed seed),
 * each with the factors the card showed a minute after it was opened and the retailer's outcome.
 * The app's fit (risk-fit.ts, what the admin view runs) must give the weights the reference fit
 * finds on the same older 80 % of cases.
 */
describe('the claim-risk fit on the demo’s settled claims', () => {
  let database: LocalDatabase;
  beforeAll(async () => {
    database = await openDatabase({ filename: ':memory:' });
    const writer = createRecordWriter(database.sqlite);
    for (const batch of generateDemoRecords({ size: 'demo' })) writer.apply(batch);
  }, 120_000);
  afterAll(() => database?.close());

  it('matches the reference fit, and ranks held-out claims better than chance', () => {
    const now = DEFAULT_DEMO_NOW.getTime();
    const thresholds = riskThresholdsFrom(demoPolicies(now));
    const claims = readRiskExamples(database.sqlite, thresholds).filter((r) => r.kind === 'claim');
    const train = claims.slice(0, Math.floor(claims.length * 0.8));
    expect(train.length).toBeGreaterThan(100);
    const rows = train.map((r) =>
      claimRiskFeatures(r.card, jstDayOf(Date.parse(r.at) + 60_000)!, thresholds),
    );
    const reference = referenceFit(
      rows,
      train.map((r) => r.label),
      1e-4,
    );
    const fit = fitRiskFromCache(database.sqlite, thresholds, now);
    expect(fit.claim).not.toBeNull();
    const weights = [
      fit.claim!.weights.bias,
      ...CLAIM_RISK_FEATURES.map((f) => fit.claim!.weights.weights[f]),
    ];
    // Factors that never vary on this data have no defined weight: only the others are compared.
    const varies = CLAIM_RISK_FEATURES.map((_, j) => new Set(rows.map((r) => r[j])).size > 1);
    weights.forEach((w, j) => {
      if (j === 0 || varies[j - 1]) expect(w, `weight ${j}`).toBeCloseTo(reference[j]!, 1);
    });
    expect(fit.claim!.auc).toBeGreaterThan(0.55);
    expect(fit.claim!.curve[0]).toMatchObject({ threshold: 0, recall: 1 });
  });
});
