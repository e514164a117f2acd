import {
  centerUpdateSettings,
  type CenterUpdateSettings,
} from '../../../shared/protocol/update-feed';

/** A center's update settings as typed in the row (text fields, not yet checked). */
export interface CenterUpdateDraft {
  channel: string;
  rollout: string;
  minimum: string;
}

export type CenterUpdateProblem = 'channel' | 'rollout' | 'minimum';

export function centerDraftFrom(settings: CenterUpdateSettings): CenterUpdateDraft {
  return {
    channel: settings.channel,
    rollout: String(settings.rolloutPercent),
    minimum: settings.minimumVersion ?? '',
  };
}

/**
 * The settings the draft would save, checked with the same schema the retailer checks (so the
 * row says what is wrong before a round trip), or the fields that are wrong.
 */
export function checkCenterDraft(
  draft: CenterUpdateDraft,
):
  | { settings: CenterUpdateSettings; problems: [] }
  | { settings: null; problems: CenterUpdateProblem[] } {
  const rollout = /^\d{1,3}$/.test(draft.rollout.trim()) ? Number(draft.rollout.trim()) : NaN;
  const parsed = centerUpdateSettings.safeParse({
    channel: draft.channel.trim(),
    rolloutPercent: rollout,
    minimumVersion: draft.minimum.trim() === '' ? null : draft.minimum.trim(),
  });
  if (parsed.success) return { settings: parsed.data, problems: [] };
  const problems = new Set<CenterUpdateProblem>();
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === 'channel') problems.add('channel');
    if (field === 'rolloutPercent') problems.add('rollout');
    if (field === 'minimumVersion') problems.add('minimum');
  }
  return { settings: null, problems: [...problems] };
}
