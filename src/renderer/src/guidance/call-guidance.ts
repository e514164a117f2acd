import type { CustomerCard, Language } from '../../../shared/domain';
import type { Policy, ScriptVersion } from '../../../shared/domain/guidance';
import {
  buildScriptContext,
  DEFAULT_RISK_THRESHOLD,
  likelyReasons,
  nextBestActions,
  nowDayOf,
  rankLikelyReasons,
  riskAlerts,
  riskSignals,
  ScriptRunner,
  selectScript,
  topReasonCode,
  type EvidenceItem,
  type NextBestAction,
  type RankedReason,
  type RiskSignals,
  type ScriptContext,
  type ScriptSelection,
} from '../../../shared/guidance';
import type { OutreachCallTarget } from '../../../shared/calls/call-session';
import type { GuidanceReference } from '../../../shared/ipc';

/**
 * Everything the call workspace shows beside the customer card, computed once per card,
 * reference and language from the shared guidance functions (which hold the rules; this only
 * wires them together for a call).
 */
export interface CallGuidance {
  /**
   * The one ranked list the banner shows: the rules and the learned model combined
   * (rankLikelyReasons), most likely first.
   */
  reasons: RankedReason[];
  /** The top of `reasons` (preselected in the wrap-up), or the proactive call's reason. */
  predictedReason: string | null;
  /** Flags the agent must see before talking (past harassment, claim risk). */
  alerts: EvidenceItem[];
  /** The fraud and VIP signals against the retailer's thresholds; null for a stranger. */
  signals: RiskSignals | null;
  /** The language the agent speaks on this call: the customer's, or the agent's for a stranger. */
  callLanguage: Language;
  selection: ScriptSelection | null;
  context: ScriptContext;
  /** Relevant actions first. */
  actions: NextBestAction[];
  harassmentPolicy: Policy | null;
}

export interface CallGuidanceOptions {
  now: Date | number | string;
  /** The agent's UI language: the fallback for scripts, and the call's language for a stranger. */
  uiLanguage: Language;
  agentName: string;
  retailerName: string;
  /** The agent's center: scripts published to other centers only are not shown. */
  centerId?: string | null;
  /**
   * A proactive call from the outreach list: the agent called about this order's delay, so the
   * outbound script for it (trigger `outreach.delay`) leads, not the inbound rules' guess.
   */
  outreach?: OutreachCallTarget | null;
}

/** The taxonomy code of a proactive delay call; the outbound scripts trigger on it. */
export const PROACTIVE_DELAY_REASON = 'outreach.delay';

function activePolicy(policies: readonly Policy[], kind: Policy['kind']): Policy | null {
  return policies.find((p) => p.active && p.kind === kind) ?? null;
}

function riskThreshold(policies: readonly Policy[]): number {
  const value = activePolicy(policies, 'claim_verification')?.params['riskThreshold'];
  return typeof value === 'number' && Number.isFinite(value) ? value : DEFAULT_RISK_THRESHOLD;
}

/** The facts a script can use for a caller Koe does not know: only who is answering, for whom. */
function strangerContext(options: CallGuidanceOptions): ScriptContext {
  const values = new Map<string, { type: 'text'; value: string }>();
  if (options.agentName.trim())
    values.set('agent.name', { type: 'text', value: options.agentName });
  if (options.retailerName.trim()) {
    values.set('retailer.name', { type: 'text', value: options.retailerName });
  }
  return {
    locale: options.uiLanguage,
    nowDay: nowDayOf(options.now),
    values,
    orderId: null,
  };
}

export function callGuidance(
  card: CustomerCard | null,
  reference: GuidanceReference,
  options: CallGuidanceOptions,
): CallGuidance {
  const harassmentPolicy = activePolicy(reference.policies, 'harassment_protocol');
  if (!card) {
    const callLanguage = options.uiLanguage;
    return {
      reasons: [],
      predictedReason: null,
      alerts: [],
      signals: null,
      callLanguage,
      selection: selectScript(reference.scripts, {
        likelyReason: null,
        tier: 'standard',
        language: callLanguage,
        centerId: options.centerId ?? null,
      }),
      context: strangerContext(options),
      actions: [],
      harassmentPolicy,
    };
  }

  const reasons = rankLikelyReasons(
    likelyReasons(card, options.now),
    card.predictions?.reasons ?? null,
    card.predictions?.reasonModel?.heldOutTop1,
  );
  const predicted = options.outreach ? PROACTIVE_DELAY_REASON : topReasonCode(reasons);
  const callLanguage = card.customer.language;
  const selection = selectScript(reference.scripts, {
    likelyReason: predicted,
    tier: card.customer.tier,
    language: callLanguage,
    fallbackLanguage: options.uiLanguage,
    centerId: options.centerId ?? null,
  });
  // The script's own language decides how its facts are worded (a fallback script is read in
  // the agent's language, so its dates and carriers are too).
  const scriptLanguage = selection?.script.language ?? callLanguage;
  const orderId = options.outreach ? options.outreach.orderId : (reasons[0]?.orderId ?? null);
  return {
    reasons,
    predictedReason: predicted,
    alerts: riskAlerts(card, options.now, riskThreshold(reference.policies)),
    signals: riskSignals(card, reference.policies, options.now),
    callLanguage: scriptLanguage,
    selection,
    context: buildScriptContext(card, {
      agentName: options.agentName,
      retailerName: options.retailerName,
      locale: scriptLanguage,
      now: options.now,
      orderId,
    }),
    actions: nextBestActions(reference.policies, card, {
      now: options.now,
      likelyReason: predicted,
      orderId,
    }),
    harassmentPolicy,
  };
}

/**
 * The script runner at the step the agent reached, replaying the saved path (the workspace may
 * have been left and reopened). A path that no longer fits the script (a new version) stops
 * where it stops fitting.
 */
export function runnerFromPath(
  script: ScriptVersion,
  path: readonly string[],
): ScriptRunner | null {
  const started = ScriptRunner.start(script);
  if (!started.ok) return null;
  let runner = started.runner;
  if (path[0] !== runner.current.id) return runner;
  for (const stepId of path.slice(1)) {
    const moved = runner.goTo(stepId);
    if (!moved.ok) break;
    runner = moved.runner;
  }
  return runner;
}
