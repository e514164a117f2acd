/**
 * Temperature scaling (Guo et al., "On Calibration of Modern Neural Networks", 2017): one scalar
 * T divides every logit, so the ranking of reasons never changes, only how sure the model says
 * it is. T is fitted by minimizing the negative log likelihood of calls the weights were not
 * fitted on. The likelihood is convex in 1/T, so a golden-section search over 1/T finds the
 * minimum without a gradient.
 */
export interface ScoredCall {
  /** The model's raw scores (logits), one per label. */
  logits: readonly number[];
  /** Index of the confirmed reason among the labels, or -1 when the model cannot name it. */
  label: number;
}

export interface TemperatureFit {
  temperature: number;
  calls: number;
  /** Mean negative log likelihood per call at T = 1 and at the fitted T. */
  nllBefore: number;
  nllAfter: number;
}

/** Searched between these: softer than 1/20 or sharper than 20× means something else is wrong. */
const MIN_INVERSE = 1 / 20;
const MAX_INVERSE = 20;

/** Mean negative log likelihood of the confirmed reasons with the logits divided by T. */
export function meanNegativeLogLikelihood(
  calls: readonly ScoredCall[],
  temperature: number,
): number {
  let total = 0;
  let n = 0;
  for (const { logits, label } of calls) {
    if (label < 0) continue;
    let max = -Infinity;
    for (const z of logits) if (z > max) max = z;
    let sum = 0;
    for (const z of logits) sum += Math.exp((z - max) / temperature);
    total += Math.log(sum) - ((logits[label] as number) - max) / temperature;
    n++;
  }
  return n === 0 ? 0 : total / n;
}

export function fitTemperature(calls: readonly ScoredCall[]): TemperatureFit {
  const loss = (inverse: number) => meanNegativeLogLikelihood(calls, 1 / inverse);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let [a, b] = [MIN_INVERSE, MAX_INVERSE];
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let [fc, fd] = [loss(c), loss(d)];
  // 60 steps shrink the interval by 0.618^60: far below the precision that matters.
  for (let i = 0; i < 60; i++) {
    if (fc < fd) {
      [b, d, fd] = [d, c, fc];
      c = b - ratio * (b - a);
      fc = loss(c);
    } else {
      [a, c, fc] = [c, d, fd];
      d = a + ratio * (b - a);
      fd = loss(d);
    }
  }
  const temperature = Math.round((2 / (a + b)) * 1e4) / 1e4;
  return {
    temperature,
    calls: calls.filter((c) => c.label >= 0).length,
    nllBefore: meanNegativeLogLikelihood(calls, 1),
    nllAfter: meanNegativeLogLikelihood(calls, temperature),
  };
}
