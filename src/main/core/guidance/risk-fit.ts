import type Sqlite from 'better-sqlite3';
import type { RiskFit, RiskSignalFit } from '../../../shared/admin-ipc';
import { jstDayOf } from '../../../shared/guidance/calendar';
import {
  CLAIM_RISK_FEATURES,
  RETURN_ABUSE_FEATURES,
  claimRiskFeatures,
  fitRiskModel,
  returnAbuseFeatures,
  riskScore,
  weightsOfModel,
} from '../../../shared/guidance/risk-model';
import type { RiskThresholds } from '../../../shared/guidance/risk-thresholds';
import {
  areaUnderRoc,
  precisionRecallCurve,
  type LabelledScore,
} from '../../../shared/guidance/score-evaluation';
import { readRiskExamples, type RiskExample } from './evaluation-data';

/**
 * The risk scores fitted to the retailer's settled outcomes on this desk's cache, for the admin
 * view: the claims and returns the retailer settled (a claim denied, a return rejected are the
 * labels; they reach the desk through sync with every claim and return), each with the card as
 * it popped a minute after it was opened. A logistic regression on the older 80 % gives the
 * weights; the newer 20 % (held out) gives the AUC and the precision/recall curve the admin picks
 * a threshold from. The weights saved are exactly the ones the curve describes.
 *
 * Runs on the thread that calls it (the admin's request), reading at most `maxCustomers`
 * customers' histories: about a second on the demo data, bounded at bench size.
 */
export const RISK_FIT_MAX_CUSTOMERS = 20_000;
const TRAIN_SHARE = 0.8;

export function fitRiskFromCache(
  sqlite: Sqlite.Database,
  thresholds: RiskThresholds,
  now: number,
  options: { maxCustomers?: number } = {},
): RiskFit {
  // The factors are read as the hand-set score defines them, whatever weights are in use now.
  const handSet = { ...thresholds, claimRiskWeights: null, returnAbuseWeights: null };
  const examples = readRiskExamples(sqlite, handSet, {
    maxCustomers: options.maxCustomers ?? RISK_FIT_MAX_CUSTOMERS,
  });
  const day = (r: RiskExample) => jstDayOf(Date.parse(r.at) + 60_000) as number;
  const claims = examples.filter((r) => r.kind === 'claim');
  const returns = examples.filter((r) => r.kind === 'return');
  return {
    fittedAt: new Date(now).toISOString(),
    claim: fitSignal(
      CLAIM_RISK_FEATURES,
      claims,
      (r) => claimRiskFeatures(r.card, day(r), handSet),
      (r) => r.signals.claim.score,
    ),
    returns: fitSignal(
      RETURN_ABUSE_FEATURES,
      returns,
      (r) => returnAbuseFeatures(r.card, day(r)),
      (r) => r.signals.returns.score,
    ),
  };
}

/** Fewer settled cases than this, or no positive among them, and nothing is fitted. */
const MIN_CASES = 40;

function fitSignal<F extends string>(
  features: readonly F[],
  cases: readonly RiskExample[],
  rowOf: (r: RiskExample) => number[],
  handSetScore: (r: RiskExample) => number,
): RiskSignalFit<F> | null {
  const cut = Math.floor(cases.length * TRAIN_SHARE);
  const train = cases.slice(0, cut);
  const test = cases.slice(cut);
  if (train.length < MIN_CASES || !train.some((r) => r.label) || test.length === 0) return null;
  const model = fitRiskModel(
    features,
    train.map(rowOf),
    train.map((r) => r.label),
  );
  const fitted: LabelledScore[] = test.map((r) => ({
    score: riskScore(model, rowOf(r)),
    label: r.label,
  }));
  const handSet: LabelledScore[] = test.map((r) => ({ score: handSetScore(r), label: r.label }));
  const positives = test.filter((r) => r.label).length;
  const both = positives > 0 && positives < test.length;
  return {
    trainCases: train.length,
    testCases: test.length,
    testPositives: positives,
    auc: both ? round(areaUnderRoc(fitted)) : null,
    aucHandSet: both ? round(areaUnderRoc(handSet)) : null,
    weights: weightsOfModel(model),
    curve: precisionRecallCurve(fitted, 0.05).map((p) => ({
      threshold: p.threshold,
      flagged: p.flagged,
      precision: p.flagged === 0 ? null : round(p.precision),
      recall: round(p.recall),
    })),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
