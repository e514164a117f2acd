import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_THRESHOLDS } from '../../../src/shared/guidance/risk-thresholds';
import { checkDraft, draftFrom } from '../../../src/renderer/src/admin/threshold-form';

describe('the risk threshold form', () => {
  const saved = DEFAULT_RISK_THRESHOLDS;
  const draft = draftFrom(saved);

  it('sends nothing when nothing changed, and only what changed otherwise', () => {
    expect(checkDraft(draft, saved)).toEqual({ problems: {}, update: null });
    expect(checkDraft({ ...draft, claimRiskThreshold: '0.55' }, saved).update).toEqual({
      claimRiskThreshold: 0.55,
    });
    expect(checkDraft({ ...draft, vipTier: 'gold' }, saved).update).toEqual({ vipTier: 'gold' });
  });

  it('reads what an admin types in Japanese: full-width digits, yen signs and commas', () => {
    expect(
      checkDraft(
        { ...draft, highValueClaimJpy: '￥５０，０００円', returnAbuseThreshold: '０．５' },
        saved,
      ).update,
    ).toEqual({ highValueClaimJpy: 50_000, returnAbuseThreshold: 0.5 });
  });

  it('refuses scores outside 0–1 and amounts that are not whole yen', () => {
    for (const value of ['1.5', '-0.1', '', 'abc']) {
      const checked = checkDraft({ ...draft, claimRiskThreshold: value }, saved);
      expect(checked.problems, value).toEqual({ claimRiskThreshold: 'unitRange' });
      expect(checked.update).toBeNull();
    }
    for (const value of ['1000.5', '-1', '']) {
      expect(checkDraft({ ...draft, highValueClaimJpy: value }, saved).problems).toEqual({
        highValueClaimJpy: 'yenRange',
      });
    }
  });
});
