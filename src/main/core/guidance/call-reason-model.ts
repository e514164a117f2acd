import type { CallFeature, PredictedReason, ReasonFactor } from '../../../shared/domain';
import { BASE_COLUMNS, featureRow, type CallFacts } from './call-features';

/**
 * The learned call-reason model: multinomial logistic regression over the facts of the
 * customer's situation at call time, fitted on the contacts whose reasons agents confirmed. Its
 * probabilities are sharpened or softened by a power fitted on the latest calls of the training
 * span, so that "60%" means about six in ten.
 *
 * Why not a library: mljs `ml-logistic-regression` (one-vs-rest, unregularized, ml-matrix
 * full-batch descent) was tried first and measured at 126 s to fit 1,900 demo calls; nothing
 * else on npm fits softmax regression with sample counts. This descent fits the same data in
 * well under a second (see bench/prediction.bench.ts).
 */
export interface CallReasonModel {
  fittedAt: string;
  trainingCalls: number;
  /** The reasons the model can predict (those with enough confirmed calls). */
  labels: string[];
  /** One row per label: the weight of each column (BASE_COLUMNS, then `previous:<label>`). */
  weights: number[][];
  /** Power applied to the normalized scores (1: none), fitted on held-back calls. */
  sharpness: number;
}

export interface LabelledCall {
  facts: CallFacts;
  reasonCode: string;
}

export interface FitOptions {
  /** A reason needs at least this many confirmed calls to be learned. */
  minCallsPerReason?: number;
  /** Gradient steps of the full-batch descent. */
  steps?: number;
  now?: Date;
}

/** Reasons never predicted: harassment is flagged by the agent, not a topic the customer raises. */
const NOT_PREDICTED = new Set(['conduct.harassment']);

export function fitCallReasonModel(
  calls: readonly LabelledCall[],
  options: FitOptions = {},
): CallReasonModel | null {
  const minCalls = options.minCallsPerReason ?? 10;
  const counts = new Map<string, number>();
  for (const c of calls) counts.set(c.reasonCode, (counts.get(c.reasonCode) ?? 0) + 1);
  const labels = [...counts.entries()]
    .filter(([code, n]) => n >= minCalls && !NOT_PREDICTED.has(code))
    .map(([code]) => code)
    .sort();
  if (labels.length < 2) return null;
  const index = new Map(labels.map((l, i) => [l, i]));
  const usable = calls.filter((c) => index.has(c.reasonCode));

  // The latest tenth of the training span (calls come in time order) tunes the sharpness.
  const tuneFrom = Math.floor(usable.length * 0.9);
  const weights = trainWeights(usable.slice(0, tuneFrom), labels, options.steps);
  const draft: CallReasonModel = {
    fittedAt: (options.now ?? new Date()).toISOString(),
    trainingCalls: usable.length,
    labels,
    weights,
    sharpness: 1,
  };
  draft.sharpness = fitSharpness(draft, usable.slice(tuneFrom));
  // Then refit on everything, keeping the sharpness found.
  draft.weights = trainWeights(usable, labels, options.steps);
  return draft;
}

/**
 * Softmax regression with a light L2 penalty, by full-batch gradient descent with momentum.
 * Every column is a yes/no fact or a small bounded number, so calls collapse into a few hundred
 * distinct rows: the descent runs over those with their counts, and its cost hardly grows with
 * the number of calls (what makes a fit at a million customers take seconds, not hours).
 */
function trainWeights(
  calls: readonly LabelledCall[],
  labels: readonly string[],
  steps = 300,
): number[][] {
  const k = labels.length;
  const index = new Map(labels.map((l, i) => [l, i]));
  const distinct = new Map<string, { row: number[]; counts: Float64Array }>();
  for (const c of calls) {
    const row = featureRow(c.facts, labels);
    const key = row.join(',');
    let entry = distinct.get(key);
    if (!entry) distinct.set(key, (entry = { row, counts: new Float64Array(k) }));
    entry.counts[index.get(c.reasonCode) as number]! += 1;
  }
  // Rows are sparse (a handful of facts hold at once): keep each row's nonzero columns only.
  const rows = [...distinct.values()].map(({ row, counts }) => {
    const at = row.flatMap((x, j) => (x === 0 ? [] : [j]));
    return { at, values: at.map((j) => row[j] as number), counts };
  });
  const columns = BASE_COLUMNS.length + k;
  const n = calls.length || 1;
  const w = Array.from({ length: k }, () => new Float64Array(columns));
  const velocity = Array.from({ length: k }, () => new Float64Array(columns));
  const grad = Array.from({ length: k }, () => new Float64Array(columns));
  const scores = new Float64Array(k);
  const rate = 0.5;
  const momentum = 0.9;
  for (let step = 0; step < steps; step++) {
    for (let c = 0; c < k; c++) {
      const g = grad[c]!;
      const wc = w[c]!;
      // The penalty (not on the bias): keeps rare facts from pushing a weight to infinity.
      for (let j = 0; j < columns; j++) g[j] = j === 0 ? 0 : L2 * wc[j]!;
    }
    for (const { at, values, counts } of rows) {
      let total = 0;
      for (let c = 0; c < k; c++) total += counts[c]!;
      let max = -Infinity;
      for (let c = 0; c < k; c++) {
        let z = 0;
        const wc = w[c]!;
        for (let i = 0; i < at.length; i++) z += wc[at[i]!]! * values[i]!;
        scores[c] = z;
        if (z > max) max = z;
      }
      let sum = 0;
      for (let c = 0; c < k; c++) sum += scores[c] = Math.exp(scores[c]! - max);
      for (let c = 0; c < k; c++) {
        const residual = (total * scores[c]!) / sum - counts[c]!;
        if (residual === 0) continue;
        const g = grad[c]!;
        for (let i = 0; i < at.length; i++) g[at[i]!]! += (residual * values[i]!) / n;
      }
    }
    for (let c = 0; c < k; c++) {
      const v = velocity[c]!;
      const wc = w[c]!;
      const g = grad[c]!;
      for (let j = 0; j < columns; j++) {
        v[j] = momentum * v[j]! - rate * g[j]!;
        wc[j]! += v[j]!;
      }
    }
  }
  return w.map((wc) => Array.from(wc, (x) => Math.round(x * 1e4) / 1e4));
}

const L2 = 1e-3;

/** The distribution over the model's labels for one row. */
function distribution(model: CallReasonModel, row: readonly number[], sharpness: number): number[] {
  const scores = model.weights.map((w) => {
    let z = 0;
    for (let j = 0; j < row.length; j++) z += (w[j] as number) * (row[j] as number);
    return z * sharpness;
  });
  const max = Math.max(...scores);
  const exp = scores.map((z) => Math.exp(z - max));
  const total = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / total);
}

function fitSharpness(model: CallReasonModel, tuning: readonly LabelledCall[]): number {
  if (tuning.length < 20) return 1;
  const rows = tuning.map((c) => ({
    row: featureRow(c.facts, model.labels),
    label: model.labels.indexOf(c.reasonCode),
  }));
  let best = 1;
  let bestLoss = Infinity;
  for (let s = 0.5; s <= 2.001; s += 0.05) {
    let loss = 0;
    for (const { row, label } of rows) {
      loss -= Math.log(Math.max(1e-9, distribution(model, row, s)[label] as number));
    }
    if (loss < bestLoss) [best, bestLoss] = [s, loss];
  }
  return Math.round(best * 100) / 100;
}

/** Every label's probability, most probable first. */
export function rankReasons(
  model: CallReasonModel,
  facts: CallFacts,
): { reasonCode: string; probability: number; row: number[] }[] {
  const row = featureRow(facts, model.labels);
  return distribution(model, row, model.sharpness)
    .map((probability, i) => ({ reasonCode: model.labels[i] as string, probability, row }))
    .sort((a, b) => b.probability - a.probability);
}

const FACT_OF_COLUMN: Record<string, CallFeature> = { late: 'days_late', late_days: 'days_late' };

/** The top reasons with the facts that raised each one most (the agent reads these). */
export function predictCallReasons(
  model: CallReasonModel,
  facts: CallFacts,
  top = 3,
): PredictedReason[] {
  return rankReasons(model, facts)
    .slice(0, top)
    .map(({ reasonCode, probability, row }) => ({
      reasonCode,
      probability: Math.round(probability * 100) / 100,
      factors: factorsFor(model, reasonCode, facts, row),
    }));
}

function factorsFor(
  model: CallReasonModel,
  reasonCode: string,
  facts: CallFacts,
  row: readonly number[],
): ReasonFactor[] {
  const w = model.weights[model.labels.indexOf(reasonCode)] ?? [];
  const byFeature = new Map<CallFeature, number>();
  for (let j = 1; j < row.length; j++) {
    const contribution = (w[j] ?? 0) * (row[j] as number);
    if (contribution <= 0.05) continue;
    const column = j < BASE_COLUMNS.length ? (BASE_COLUMNS[j] as string) : 'previous_reason';
    const feature = FACT_OF_COLUMN[column] ?? (column as CallFeature);
    byFeature.set(feature, (byFeature.get(feature) ?? 0) + contribution);
  }
  return [...byFeature.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([feature]): ReasonFactor => {
      if (feature === 'previous_reason') {
        return { feature, value: 1, reasonCode: facts.previous_reason ?? '' };
      }
      return { feature, value: facts[feature] };
    });
}
