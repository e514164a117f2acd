import type { CustomerTier } from '../../../shared/domain/customer';
import type {
  RiskThresholds,
  RiskThresholdsUpdate,
} from '../../../shared/protocol/risk-thresholds';

/** The thresholds as the admin types them: numbers stay text until they are checked. */
export interface ThresholdDraft {
  claimRiskThreshold: string;
  highValueClaimJpy: string;
  returnAbuseThreshold: string;
  vipTier: CustomerTier;
}

export type ThresholdProblem = 'unitRange' | 'yenRange';

export function draftFrom(values: RiskThresholds): ThresholdDraft {
  return {
    claimRiskThreshold: String(values.claimRiskThreshold),
    highValueClaimJpy: String(values.highValueClaimJpy),
    returnAbuseThreshold: String(values.returnAbuseThreshold),
    vipTier: values.vipTier,
  };
}

/** A score from 0 to 1 (a full-width "０．５" typed with the IME counts too). */
function unit(text: string): number | null {
  const n = Number(halfWidth(text).trim());
  return text.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 1 ? n : null;
}

function yen(text: string): number | null {
  const cleaned = halfWidth(text).replace(/[,，\s¥￥円]/g, '');
  const n = Number(cleaned);
  return cleaned !== '' && Number.isInteger(n) && n >= 0 && n <= 100_000_000 ? n : null;
}

function halfWidth(text: string): string {
  return text.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Checks the draft against the saved values: the problems per field, and the update to send
 * (only what changed; null when nothing did or a field is wrong).
 */
export function checkDraft(
  draft: ThresholdDraft,
  saved: RiskThresholds,
): {
  problems: Partial<Record<keyof RiskThresholds, ThresholdProblem>>;
  update: RiskThresholdsUpdate | null;
} {
  const claim = unit(draft.claimRiskThreshold);
  const amount = yen(draft.highValueClaimJpy);
  const abuse = unit(draft.returnAbuseThreshold);
  const problems: Partial<Record<keyof RiskThresholds, ThresholdProblem>> = {};
  if (claim === null) problems.claimRiskThreshold = 'unitRange';
  if (amount === null) problems.highValueClaimJpy = 'yenRange';
  if (abuse === null) problems.returnAbuseThreshold = 'unitRange';
  if (claim === null || amount === null || abuse === null) return { problems, update: null };
  const update: RiskThresholdsUpdate = {};
  if (claim !== saved.claimRiskThreshold) update.claimRiskThreshold = claim;
  if (amount !== saved.highValueClaimJpy) update.highValueClaimJpy = amount;
  if (abuse !== saved.returnAbuseThreshold) update.returnAbuseThreshold = abuse;
  if (draft.vipTier !== saved.vipTier) update.vipTier = draft.vipTier;
  return { problems, update: Object.keys(update).length > 0 ? update : null };
}
