/**
 * Binary logistic regression with a light L2 penalty (not on the bias), by full-batch gradient
 * descent with momentum: the call-reason model's learner (call-reason-model.ts) for two classes,
 * small enough to fit the risk scores' handful of readable factors on a retailer's settled
 * claims and returns. Rows with the same features are merged with their counts first, so the
 * cost hardly grows with the number of cases.
 */
export interface LogisticFit {
  /** weights[0] is the bias; weights[j] goes with features[j - 1]. */
  weights: number[];
  cases: number;
  positives: number;
}

export interface LogisticOptions {
  steps?: number;
  /** Per case of the mean loss. */
  l2?: number;
  rate?: number;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function logisticScore(weights: readonly number[], features: readonly number[]): number {
  let z = weights[0] ?? 0;
  for (let j = 0; j < features.length; j++) z += (weights[j + 1] ?? 0) * (features[j] as number);
  return sigmoid(z);
}

export function fitLogistic(
  rows: readonly (readonly number[])[],
  labels: readonly boolean[],
  options: LogisticOptions = {},
): LogisticFit {
  const steps = options.steps ?? 3_000;
  const l2 = options.l2 ?? 1e-4;
  const rate = options.rate ?? 0.5;
  const momentum = 0.9;
  const merged = new Map<string, { x: number[]; n: number; pos: number }>();
  rows.forEach((row, i) => {
    const x = [1, ...row];
    const key = x.join(',');
    let m = merged.get(key);
    if (!m) merged.set(key, (m = { x, n: 0, pos: 0 }));
    m.n++;
    if (labels[i]) m.pos++;
  });
  const columns = (rows[0]?.length ?? 0) + 1;
  const w = new Float64Array(columns);
  const v = new Float64Array(columns);
  const g = new Float64Array(columns);
  const n = rows.length || 1;
  const groups = [...merged.values()];
  for (let step = 0; step < steps; step++) {
    for (let j = 0; j < columns; j++) g[j] = j === 0 ? 0 : l2 * w[j]!;
    for (const { x, n: count, pos } of groups) {
      let z = 0;
      for (let j = 0; j < columns; j++) z += w[j]! * x[j]!;
      const residual = count * sigmoid(z) - pos;
      for (let j = 0; j < columns; j++) g[j]! += (residual * x[j]!) / n;
    }
    for (let j = 0; j < columns; j++) {
      v[j] = momentum * v[j]! - rate * g[j]!;
      w[j]! += v[j]!;
    }
  }
  return {
    weights: Array.from(w, (x) => Math.round(x * 1e4) / 1e4),
    cases: rows.length,
    positives: labels.filter(Boolean).length,
  };
}
