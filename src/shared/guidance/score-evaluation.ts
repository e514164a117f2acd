/**
 * How well a risk score separates labelled outcomes: the area under the ROC curve (the chance a
 * random positive scores above a random negative, ties counting half) and the precision and
 * recall of flagging every score at or above a threshold. Used by the bench on held-out labels
 * and by the admin's threshold picker (the precision/recall curve).
 */
export interface LabelledScore {
  score: number;
  label: boolean;
}

export function areaUnderRoc(points: readonly LabelledScore[]): number {
  const sorted = [...points].sort((a, b) => a.score - b.score);
  const positives = sorted.filter((p) => p.label).length;
  const negatives = sorted.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  // Mann–Whitney U from average ranks (tied scores share their mean rank).
  let rankSum = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && sorted[j]!.score === sorted[i]!.score) j++;
    const meanRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (sorted[k]!.label) rankSum += meanRank;
    i = j;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export interface PrecisionRecall {
  threshold: number;
  /** Flagged (score ≥ threshold), and of those, labelled positive. */
  flagged: number;
  precision: number;
  recall: number;
}

export function precisionRecallAt(
  points: readonly LabelledScore[],
  threshold: number,
): PrecisionRecall {
  let flagged = 0;
  let hits = 0;
  let positives = 0;
  for (const p of points) {
    if (p.label) positives++;
    if (p.score >= threshold) {
      flagged++;
      if (p.label) hits++;
    }
  }
  return {
    threshold,
    flagged,
    precision: flagged === 0 ? Number.NaN : hits / flagged,
    recall: positives === 0 ? Number.NaN : hits / positives,
  };
}

/** Precision and recall at each threshold of a grid (0.05 steps by default), lowest first. */
export function precisionRecallCurve(
  points: readonly LabelledScore[],
  step = 0.05,
): PrecisionRecall[] {
  const out: PrecisionRecall[] = [];
  for (let i = 0; i * step <= 1 + 1e-9; i++) {
    out.push(precisionRecallAt(points, Math.round(i * step * 1e4) / 1e4));
  }
  return out;
}
