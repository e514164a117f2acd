import type { CallFeature, PredictedReason, ReasonFactor } from '../../../shared/domain';
import { BASE_COLUMNS, featureRow, type CallFacts } from './call-features';
import { fitTemperature, type ScoredCall, type TemperatureFit } from './reason-calibration';

/**
 * The learned call-reason model: multinomial logistic regression over the facts of the
 * customer's situation at call time, fitted on the contacts whose reasons agents confirmed. Its
 * scores are divided by a temperature fitted on the latest calls of the training span (held back
 * from the weights' fit), so that "60%" means about six in ten (reason-calibration.ts).
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
  /** The scores are divided by this before the softmax (1: as fitted, >1: less sure). */
  temperature: number;
  /** The held-back calls the temperature was fitted on; null when there were too few. */
  calibration: Omit<TemperatureFit, 'temperature'> | null;
  /**
   * Top-1 on those held-back calls of the model (fitted without them) and of the rules (their
   * first candidate, else the most frequent reason): the desk preselects the rules' reason when
   * they measured better (one-likely-reason.ts). Absent when the calls carried no rules.
   */
  heldOutTop1?: { calls: number; model: number; rules: number };
}

export interface LabelledCall {
  facts: CallFacts;
  reasonCode: string;
  /** What the rules said at the call, most confident first (when known). */
  rules?: readonly { reasonCode: string }[];
}

export interface FitOptions {
  /** A reason needs at least this many confirmed calls to be learned. */
  minCallsPerReason?: number;
  /** Gradient steps of the full-batch descent. */
  steps?: number;
  /**
   * The latest share of the calls (they come in time order) held back to fit the temperature:
   * the weights are fitted on the rest, then refitted on all with the temperature kept.
   */
  validationShare?: number;
  /** The L2 penalty on the weights (not the bias), per call. */
  l2?: number;
  now?: Date;
}

/** Fewer held-back calls than this leave the temperature at 1: too few to fit it on. */
export const MIN_VALIDATION_CALLS = 50;

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

  const model: CallReasonModel = {
    fittedAt: (options.now ?? new Date()).toISOString(),
    trainingCalls: usable.length,
    labels,
    weights: [],
    temperature: 1,
    calibration: null,
  };
  // The latest calls of the span stand in for the calls to come: the temperature is fitted on
  // how sure the weights fitted without them were about them. Calls the model cannot name (a
  // reason too rare to learn) count too: being sure of another reason then was a mistake.
  const validateFrom = Math.floor(calls.length * (1 - (options.validationShare ?? 0.2)));
  const validation = calls.slice(validateFrom);
  if (validation.length >= MIN_VALIDATION_CALLS) {
    model.weights = trainWeights(
      calls.slice(0, validateFrom).filter((c) => index.has(c.reasonCode)),
      labels,
      options.steps ?? STEPS,
      options.l2,
    );
    const { temperature, ...calibration } = fitTemperature(
      validation.map((c) => scoredCall(model, c)),
    );
    model.temperature = temperature;
    model.calibration = calibration;
    const heldOut = heldOutTop1(model, calls.slice(0, validateFrom), validation);
    if (heldOut) model.heldOutTop1 = heldOut;
  }
  // Then the weights on every call, the temperature kept. The descent starts from the weights
  // just fitted (when there are some), which are close: a third of the steps settles it.
  const warm = model.weights.length > 0 ? model.weights : undefined;
  const steps = options.steps ?? STEPS;
  model.weights = trainWeights(
    usable,
    labels,
    warm ? Math.ceil(steps / 3) : steps,
    options.l2,
    warm,
  );
  return model;
}

/** Model vs rules (+ the most frequent reason) on the held-back calls, when they carry rules. */
function heldOutTop1(
  model: CallReasonModel,
  fitted: readonly LabelledCall[],
  validation: readonly LabelledCall[],
): CallReasonModel['heldOutTop1'] | null {
  if (!validation.every((c) => c.rules)) return null;
  const counts = new Map<string, number>();
  for (const c of fitted) counts.set(c.reasonCode, (counts.get(c.reasonCode) ?? 0) + 1);
  const frequent = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  let modelHits = 0;
  let rulesHits = 0;
  for (const c of validation) {
    const { logits } = scoredCall(model, c);
    const best = logits.indexOf(Math.max(...logits));
    if (model.labels[best] === c.reasonCode) modelHits++;
    if ((c.rules?.[0]?.reasonCode ?? frequent) === c.reasonCode) rulesHits++;
  }
  const n = validation.length;
  const round = (x: number) => Math.round((x / n) * 1e4) / 1e4;
  return { calls: n, model: round(modelHits), rules: round(rulesHits) };
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
  steps = STEPS,
  l2 = L2,
  start?: readonly (readonly number[])[],
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
  const w = Array.from({ length: k }, (_, c) =>
    start?.[c] ? Float64Array.from(start[c]) : new Float64Array(columns),
  );
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
      for (let j = 0; j < columns; j++) g[j] = j === 0 ? 0 : l2 * wc[j]!;
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

/**
 * Light: the penalty is per call of the mean loss, and 1e-3 shrank the weights so far that the
 * model was unsure even on the calls it was fitted on (scaling its scores by 1.26 fitted them
 * better), which the temperature then sharpened — and sharpened too much for the calls to come.
 * At 1e-4 (with 1,000 steps, where the descent has settled) the temperature is above 1 on the
 * bench and demo data and lowers the held-out ECE (bench/prediction.bench.ts).
 */
const L2 = 1e-4;
/** Full-batch steps: where the descent has settled on the bench and demo calls. */
const STEPS = 1_000;

/** The model's raw score (logit) of each label for one feature row. */
export function reasonLogits(model: CallReasonModel, row: readonly number[]): number[] {
  return model.weights.map((w) => {
    let z = 0;
    for (let j = 0; j < row.length; j++) z += (w[j] as number) * (row[j] as number);
    return z;
  });
}

/** One call's logits and the index of its confirmed reason (-1: not one of the labels). */
export function scoredCall(model: CallReasonModel, call: LabelledCall): ScoredCall {
  return {
    logits: reasonLogits(model, featureRow(call.facts, model.labels)),
    label: model.labels.indexOf(call.reasonCode),
  };
}

function softmax(logits: readonly number[], temperature: number): number[] {
  const max = Math.max(...logits);
  const exp = logits.map((z) => Math.exp((z - max) / temperature));
  const total = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / total);
}

/**
 * Every label's probability, most probable first, at the model's temperature (or another one:
 * 1 gives the uncalibrated probabilities the evaluation compares with).
 */
export function rankReasons(
  model: CallReasonModel,
  facts: CallFacts,
  temperature = model.temperature,
): { reasonCode: string; probability: number; row: number[] }[] {
  const row = featureRow(facts, model.labels);
  return softmax(reasonLogits(model, row), temperature)
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
