import type { Policy } from '../domain/guidance';
import type { Language } from '../domain/primitives';
import type { VocRecord } from '../domain/voc';

/**
 * The customer-harassment (カスハラ) protocol, staged as Tokyo's 2025 guideline describes:
 * the agent flags abuse → gives the warning(s) the retailer's policy asks for
 * (`warningsBeforeTermination`) → if the same demand is repeated after them, reads the
 * termination script and ends the call. A pure state machine: events in, new state out; an
 * event that does not fit the stage is an error result with the state unchanged.
 */
export type HarassmentStage =
  /** Nothing flagged. */
  | 'idle'
  /** Flagged: read the warning script. */
  | 'warn'
  /** Warned; watching whether the demand is repeated. */
  | 'monitor'
  /** Warnings exhausted and the demand repeated: read the termination script. */
  | 'terminate'
  /** The call was ended under the protocol. */
  | 'terminated';

export interface HarassmentState {
  stage: HarassmentStage;
  warningsRequired: number;
  warningsGiven: number;
  demandRepeats: number;
  flaggedAt: string | null;
  terminatedAt: string | null;
  /** Ended before the required warnings and a repeated demand (a threat, say). */
  terminatedEarly: boolean;
}

export type HarassmentEvent =
  | { type: 'flag'; at: string }
  | { type: 'warningGiven'; at: string }
  | { type: 'demandRepeated'; at: string }
  | { type: 'terminate'; at: string };

export type HarassmentError = 'not_flagged' | 'call_ended';

export type HarassmentResult =
  | { ok: true; state: HarassmentState }
  | { ok: false; state: HarassmentState; error: HarassmentError };

export const DEFAULT_WARNINGS_BEFORE_TERMINATION = 1;

/** How many warnings the policy asks for (at least 1, at most 10). */
export function warningsRequired(policy: Policy | null | undefined): number {
  const v = policy?.params['warningsBeforeTermination'];
  const n =
    typeof v === 'number' && Number.isFinite(v)
      ? Math.round(v)
      : DEFAULT_WARNINGS_BEFORE_TERMINATION;
  return Math.min(10, Math.max(1, n));
}

export function initialHarassmentState(policy?: Policy | null): HarassmentState {
  return {
    stage: 'idle',
    warningsRequired: warningsRequired(policy),
    warningsGiven: 0,
    demandRepeats: 0,
    flaggedAt: null,
    terminatedAt: null,
    terminatedEarly: false,
  };
}

export function harassmentTransition(
  state: HarassmentState,
  event: HarassmentEvent,
): HarassmentResult {
  if (state.stage === 'terminated') return { ok: false, state, error: 'call_ended' };
  const ok = (next: Partial<HarassmentState>): HarassmentResult => ({
    ok: true,
    state: { ...state, ...next },
  });
  switch (event.type) {
    case 'flag':
      return state.stage === 'idle' ? ok({ stage: 'warn', flaggedAt: event.at }) : ok({});
    case 'warningGiven': {
      if (state.stage === 'idle') return { ok: false, state, error: 'not_flagged' };
      const warningsGiven = Math.min(10, state.warningsGiven + 1);
      return ok({ warningsGiven, stage: state.stage === 'terminate' ? 'terminate' : 'monitor' });
    }
    case 'demandRepeated': {
      if (state.stage === 'idle') return { ok: false, state, error: 'not_flagged' };
      const demandRepeats = state.demandRepeats + 1;
      if (state.stage === 'monitor') {
        const exhausted = state.warningsGiven >= state.warningsRequired;
        return ok({ demandRepeats, stage: exhausted ? 'terminate' : 'warn' });
      }
      return ok({ demandRepeats });
    }
    case 'terminate':
      return ok({
        stage: 'terminated',
        flaggedAt: state.flaggedAt ?? event.at,
        terminatedAt: event.at,
        terminatedEarly: state.stage !== 'terminate',
      });
  }
}

/** Once flagged, the supervisor is alerted (and stays alerted for the rest of the call). */
export function needsSupervisorAlert(state: HarassmentState): boolean {
  return state.flaggedAt !== null;
}

const DEFAULT_TEXT: Record<'warning' | 'termination', Record<Language, string>> = {
  warning: {
    ja: '大変恐れ入りますが、そのようなご発言が続く場合は、これ以上のご対応ができず、お電話を終了させていただくことがございます。',
    en: 'I’m sorry, but if this language continues I will not be able to continue and may have to end this call.',
  },
  termination: {
    ja: '先ほどお伝えしたとおり、これ以上のご対応はいたしかねますので、お電話を終了させていただきます。失礼いたします。',
    en: 'As I mentioned, I am unable to continue this conversation, so I will now end the call. Goodbye.',
  },
};

const PARAM_KEY: Record<'warning' | 'termination', Record<Language, string>> = {
  warning: { ja: 'warningTextJa', en: 'warningTextEn' },
  termination: { ja: 'terminationTextJa', en: 'terminationTextEn' },
};

/** The words to read: the policy's own (`warningTextJa`, `terminationTextEn`, …) or Koe's. */
export function harassmentScriptText(
  kind: 'warning' | 'termination',
  locale: Language,
  policy?: Policy | null,
): string {
  const custom = policy?.params[PARAM_KEY[kind][locale]];
  return typeof custom === 'string' && custom.trim() !== '' ? custom : DEFAULT_TEXT[kind][locale];
}

/** What to show for the current stage: the warning (which one of how many) or the termination. */
export function currentHarassmentScript(
  state: HarassmentState,
  locale: Language,
  policy?: Policy | null,
):
  | { kind: 'warning'; warningNumber: number; of: number; text: string }
  | { kind: 'termination'; text: string }
  | null {
  if (state.stage === 'warn' || state.stage === 'monitor') {
    return {
      kind: 'warning',
      warningNumber: Math.min(state.warningsGiven + 1, state.warningsRequired),
      of: state.warningsRequired,
      text: harassmentScriptText('warning', locale, policy),
    };
  }
  if (state.stage === 'terminate') {
    return { kind: 'termination', text: harassmentScriptText('termination', locale, policy) };
  }
  return null;
}

export type HarassmentIncident = NonNullable<VocRecord['harassment']>;

export const INCIDENT_NOTE_MAX = 2000;

/** The incident for the VoC record, or null when nothing was flagged. */
export function harassmentIncident(
  state: HarassmentState,
  note: string,
): HarassmentIncident | null {
  if (state.flaggedAt === null) return null;
  return {
    flaggedAt: state.flaggedAt,
    warningsGiven: Math.min(10, state.warningsGiven),
    callTerminated: state.stage === 'terminated',
    note: note.trim().slice(0, INCIDENT_NOTE_MAX),
  };
}
