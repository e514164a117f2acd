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
import { byOpening, visitRiskExamples, type RiskExample } from './evaluation-data';

/**
 * The risk scores fitted to the retailer's settled outcomes on this desk's cache, for the admin
 * view: the claims and returns the retailer settled (a claim denied, a return rejected are the
 * labels; they reach the desk through sync with every claim and return), each with the card as
 * it popped a minute after it was opened. A logistic regression on the older 80 % gives the
 * weights; the newer 20 % (held out) gives the AUC and the precision/recall curve the admin picks
 * a threshold from. The weights saved are exactly the ones the curve describes.
 *
 * Runs on the prediction worker's thread (prediction-worker.ts), never on the core's: the admin's
 * request waits for it while rings keep popping. It reads at most `maxCustomers` customers'
 * histories, a batch at a time, and keeps a few numbers per case (the factors, the label, the
 * hand-set score), not the cards: the worker's heap is capped (FIT_HEAP_MB).
 */
export const RISK_FIT_MAX_CUSTOMERS = 20_000;
const TRAIN_SHARE = 0.8;

/** One settled case as the fit keeps it. */
interface RiskCase extends Pick<RiskExample, 'at' | 'customerId' | 'kind' | 'label'> {
  /** The score's factors on the card then (CLAIM_RISK_FEATURES or RETURN_ABUSE_FEATURES). */
  row: number[];
  /** The hand-set score the desk showed then. */
  handSet: number;
}

export function fitRiskFromCache(
  sqlite: Sqlite.Database,
  thresholds: RiskThresholds,
  now: number,
  options: { maxCustomers?: number } = {},
): RiskFit {
  // The factors are read as the hand-set score defines them, whatever weights are in use now.
  const handSet = { ...thresholds, claimRiskWeights: null, returnAbuseWeights: null };
  const claims: RiskCase[] = [];
  const returns: RiskCase[] = [];
  visitRiskExamples(
    sqlite,
    handSet,
    { maxCustomers: options.maxCustomers ?? RISK_FIT_MAX_CUSTOMERS },
    ({ kind, at, customerId, label, card, signals }) => {
      const day = jstDayOf(Date.parse(at) + 60_000) as number;
      const kept = { kind, at, customerId, label };
      if (kind === 'claim') {
        const row = claimRiskFeatures(card, day, handSet);
        claims.push({ ...kept, row, handSet: signals.claim.score });
      } else {
        const row = returnAbuseFeatures(card, day);
        returns.push({ ...kept, row, handSet: signals.returns.score });
      }
    },
  );
  return {
    fittedAt: new Date(now).toISOString(),
    claim: fitSignal(CLAIM_RISK_FEATURES, claims.sort(byOpening)),
    returns: fitSignal(RETURN_ABUSE_FEATURES, returns.sort(byOpening)),
  };
}

/** Fewer settled cases than this, or no positive among them, and nothing is fitted. */
const MIN_CASES = 40;

function fitSignal<F extends string>(
  features: readonly F[],
  cases: readonly RiskCase[],
): RiskSignalFit<F> | null {
  const cut = Math.floor(cases.length * TRAIN_SHARE);
  const train = cases.slice(0, cut);
  const test = cases.slice(cut);
  if (train.length < MIN_CASES || !train.some((r) => r.label) || test.length === 0) return null;
  const model = fitRiskModel(
    features,
    train.map((r) => r.row),
    train.map((r) => r.label),
  );
  const fitted: LabelledScore[] = test.map((r) => ({
    score: riskScore(model, r.row),
    label: r.label,
  }));
  const handSet: LabelledScore[] = test.map((r) => ({ score: r.handSet, label: r.label }));
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
