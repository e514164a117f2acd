import {
  bulkAccessPolicySave,
  type BulkAccessAction,
  type BulkAccessMetric,
  type BulkAccessPolicySave,
  type BulkAccessPolicyView,
} from '../../../shared/access-audit/bulk-access-policies';

/** A policy as the admin types it: numbers stay text until they are checked. */
export interface BulkAccessDraft {
  id: string | null;
  labelJa: string;
  labelEn: string;
  metric: BulkAccessMetric;
  threshold: string;
  windowMinutes: string;
  action: BulkAccessAction;
  active: boolean;
}

export type BulkAccessProblemField = 'labelJa' | 'labelEn' | 'threshold' | 'windowMinutes';

export function newDraft(): BulkAccessDraft {
  return {
    id: null,
    labelJa: '',
    labelEn: '',
    metric: 'opened_outside_call',
    threshold: '30',
    windowMinutes: '60',
    action: 'notify_supervisor',
    active: true,
  };
}

export function draftOf(policy: BulkAccessPolicyView): BulkAccessDraft {
  return {
    id: policy.id,
    labelJa: policy.labelJa,
    labelEn: policy.labelEn,
    metric: policy.metric,
    threshold: String(policy.threshold),
    windowMinutes: String(policy.windowMinutes),
    action: policy.action,
    active: policy.active,
  };
}

/** A whole number as typed (full-width digits from the IME and thousands commas count too). */
function whole(text: string): number {
  const cleaned = text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[,，\s]/g, '');
  return /^\d+$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

/**
 * Checks the draft with the protocol's own schema (the one the server applies): the fields
 * that are wrong, and what to send when none is.
 */
export function checkBulkAccessDraft(draft: BulkAccessDraft): {
  problems: Partial<Record<BulkAccessProblemField, true>>;
  save: BulkAccessPolicySave | null;
} {
  const parsed = bulkAccessPolicySave.safeParse({
    ...(draft.id ? { id: draft.id } : {}),
    labelJa: draft.labelJa,
    labelEn: draft.labelEn,
    metric: draft.metric,
    threshold: whole(draft.threshold),
    windowMinutes: whole(draft.windowMinutes),
    action: draft.action,
    active: draft.active,
  });
  if (parsed.success) return { problems: {}, save: parsed.data };
  const problems: Partial<Record<BulkAccessProblemField, true>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (
      field === 'labelJa' ||
      field === 'labelEn' ||
      field === 'threshold' ||
      field === 'windowMinutes'
    )
      problems[field] = true;
  }
  return { problems, save: null };
}
