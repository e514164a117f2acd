import type { ReasonNode, VocRecord } from '../../../shared/domain';
import {
  avoidableDefault,
  leafReasonCodes,
  MAX_REASONS,
  validateWrapUp,
  type HarassmentIncident,
  type WrapUpError,
  type WrapUpField,
  type WrapUpForm,
} from '../../../shared/guidance';
import type { WrapUpInput } from '../../../shared/ipc';

/**
 * The wrap-up form as a reducer: what the agent chose, and whether the errors are on screen yet
 * (only after the first attempt to save, then live as the agent fixes them — a calm form does
 * not shout "required" at someone who has not finished).
 */
export type Sentiment = VocRecord['sentiment'];
export type Resolution = VocRecord['resolution'];

export const SENTIMENTS: readonly Sentiment[] = ['positive', 'neutral', 'negative'];
export const RESOLUTIONS: readonly Resolution[] = ['resolved', 'escalated', 'callback'];

export interface WrapUpFormState {
  /** The first is the primary reason. */
  reasonCodes: string[];
  sentiment: Sentiment | null;
  resolution: Resolution | null;
  /** The agent's own answer; null while it follows the primary reason's taxonomy default. */
  avoidableChoice: boolean | null;
  customerWords: string;
  orderId: string | null;
  /** The promised callback as an instant (resolution callback); null until the agent sets it. */
  callbackAt: string | null;
  showErrors: boolean;
}

export type WrapUpAction =
  | { type: 'toggleReason'; code: string }
  /** A number key: the reason becomes primary (added at the front, or moved there). */
  | { type: 'pickPrimary'; code: string }
  | { type: 'removeReason'; code: string }
  | { type: 'makePrimary'; code: string }
  | { type: 'setSentiment'; value: Sentiment }
  | { type: 'setResolution'; value: Resolution }
  | { type: 'setAvoidable'; value: boolean }
  | { type: 'setWords'; value: string }
  | { type: 'setOrder'; orderId: string | null }
  | { type: 'setCallback'; at: string | null }
  | { type: 'attemptSave' }
  | { type: 'load'; state: WrapUpFormState };

export function initialWrapUpState(options: {
  taxonomy: readonly ReasonNode[];
  predictedReason: string | null;
  orderId: string | null;
}): WrapUpFormState {
  const { taxonomy, predictedReason, orderId } = options;
  // The prediction is preselected only if the agent could pick it: an active leaf.
  const preselect = predictedReason !== null && leafReasonCodes(taxonomy).has(predictedReason);
  return {
    reasonCodes: preselect ? [predictedReason] : [],
    sentiment: null,
    resolution: null,
    avoidableChoice: null,
    customerWords: '',
    orderId,
    callbackAt: null,
    showErrors: false,
  };
}

/** A saved wrap-up, back in the form to be corrected: every answer is the agent's own. */
export function stateFromRecord(record: VocRecord): WrapUpFormState {
  return {
    reasonCodes: [...record.reasonCodes],
    sentiment: record.sentiment,
    resolution: record.resolution,
    avoidableChoice: record.avoidable,
    customerWords: record.customerWords,
    orderId: record.orderId,
    callbackAt: record.callbackAt ?? null,
    showErrors: false,
  };
}

export function wrapUpReducer(state: WrapUpFormState, action: WrapUpAction): WrapUpFormState {
  switch (action.type) {
    case 'toggleReason': {
      if (state.reasonCodes.includes(action.code)) {
        return { ...state, reasonCodes: state.reasonCodes.filter((c) => c !== action.code) };
      }
      if (state.reasonCodes.length >= MAX_REASONS) return state;
      return { ...state, reasonCodes: [...state.reasonCodes, action.code] };
    }
    case 'pickPrimary': {
      const rest = state.reasonCodes.filter((c) => c !== action.code);
      if (rest.length === state.reasonCodes.length && rest.length >= MAX_REASONS) return state;
      return { ...state, reasonCodes: [action.code, ...rest] };
    }
    case 'removeReason':
      return { ...state, reasonCodes: state.reasonCodes.filter((c) => c !== action.code) };
    case 'makePrimary':
      if (!state.reasonCodes.includes(action.code)) return state;
      return {
        ...state,
        reasonCodes: [action.code, ...state.reasonCodes.filter((c) => c !== action.code)],
      };
    case 'setSentiment':
      return { ...state, sentiment: action.value };
    case 'setResolution':
      return { ...state, resolution: action.value };
    case 'setAvoidable':
      return { ...state, avoidableChoice: action.value };
    case 'setWords':
      return { ...state, customerWords: action.value };
    case 'setOrder':
      return { ...state, orderId: action.orderId };
    case 'setCallback':
      return { ...state, callbackAt: action.at };
    case 'attemptSave':
      return { ...state, showErrors: true };
    case 'load':
      return action.state;
  }
}

/** Avoidable as the form shows and saves it: the agent's answer, else the primary's default. */
export function effectiveAvoidable(
  state: WrapUpFormState,
  taxonomy: readonly ReasonNode[],
): boolean {
  if (state.avoidableChoice !== null) return state.avoidableChoice;
  const primary = state.reasonCodes[0];
  return primary === undefined ? false : avoidableDefault(primary, taxonomy);
}

export function formOf(state: WrapUpFormState, taxonomy: readonly ReasonNode[]): WrapUpForm {
  return {
    reasonCodes: state.reasonCodes,
    sentiment: state.sentiment,
    resolution: state.resolution,
    avoidable: effectiveAvoidable(state, taxonomy),
    customerWords: state.customerWords,
    callbackAt: state.callbackAt,
  };
}

/** The form's errors grouped by field, in the order validateWrapUp found them. */
export function errorsByField(
  errors: readonly WrapUpError[],
): Partial<Record<WrapUpField, WrapUpError[]>> {
  const out: Partial<Record<WrapUpField, WrapUpError[]>> = {};
  for (const error of errors) (out[error.field] ??= []).push(error);
  return out;
}

/** Where the agent lands after a refused save: the first field that needs an answer. */
export const FIELD_ORDER: readonly WrapUpField[] = [
  'reasonCodes',
  'sentiment',
  'resolution',
  'callbackAt',
  'customerWords',
];

export function firstInvalidField(errors: readonly WrapUpError[]): WrapUpField | null {
  return FIELD_ORDER.find((field) => errors.some((e) => e.field === field)) ?? null;
}

/** The script shown on the call: its version, and the steps the agent went through. */
export interface WrapUpScript {
  scriptId: string;
  version: number;
  steps?: readonly string[];
}

export interface WrapUpContext {
  callId: string;
  customerId: string | null;
  predictedReason: string | null;
  script: WrapUpScript | null;
  /** The next-best-actions offered on the call (policy kinds). */
  nextBestActions?: readonly string[];
  /** The offered actions the agent marked as done during the call. */
  nextBestActionsDone?: readonly string[];
  harassment: HarassmentIncident | null;
  taxonomy: readonly ReasonNode[];
  /** A proactive call's outcome (chosen beside the form); absent on inbound calls. */
  outreachOutcome?: VocRecord['outreachOutcome'];
  /** A proactive call: the save waits for its outcome (the picker says so). */
  outcomeRequired?: boolean;
}

/**
 * What `wrapUp:save` receives, or the errors that refuse it. The customer's words go as typed:
 * main redacts card data definitively (the form only previews it).
 */
export function toWrapUpInput(
  state: WrapUpFormState,
  context: WrapUpContext,
  /** Epoch ms: a callback must be later, and within `MAX_CALLBACK_DAYS`; omit for a kept one. */
  now?: number,
): { ok: true; input: WrapUpInput } | { ok: false; errors: WrapUpError[] } {
  const form = formOf(state, context.taxonomy);
  const errors = validateWrapUp(form, context.taxonomy, now === undefined ? {} : { now });
  if (errors.length > 0 || form.sentiment === null || form.resolution === null) {
    return { ok: false, errors };
  }
  if (context.outcomeRequired && !context.outreachOutcome) return { ok: false, errors: [] };
  return {
    ok: true,
    input: {
      callId: context.callId,
      customerId: context.customerId,
      orderId: state.orderId,
      reasonCodes: [...form.reasonCodes],
      predictedReason: context.predictedReason,
      sentiment: form.sentiment,
      resolution: form.resolution,
      avoidable: form.avoidable ?? false,
      customerWords: form.customerWords,
      scriptId: context.script?.scriptId ?? null,
      scriptVersion: context.script?.version ?? null,
      ...(context.script?.steps ? { scriptSteps: [...context.script.steps] } : {}),
      ...(context.nextBestActions ? { nextBestActions: [...context.nextBestActions] } : {}),
      ...(context.nextBestActionsDone && context.nextBestActionsDone.length > 0
        ? { nextBestActionsDone: [...context.nextBestActionsDone] }
        : {}),
      ...(form.resolution === 'callback' && state.callbackAt
        ? { callbackAt: state.callbackAt }
        : {}),
      harassment: context.harassment,
      ...(context.outreachOutcome ? { outreachOutcome: context.outreachOutcome } : {}),
    },
  };
}

/** A keyboard shortcut of the wrap-up form (see `wrapUpShortcut`). */
export type WrapUpShortcut =
  | { kind: 'sentiment'; value: Sentiment }
  | { kind: 'resolution'; value: Resolution }
  | { kind: 'toggleAvoidable' }
  | { kind: 'focus'; field: 'reasons' | 'words' | 'order' }
  | { kind: 'save' };

/**
 * The form's keys, laid out along the digit row so they work in any field and on any keyboard
 * layout (read from `code`, not `key`: Alt+digit types other characters on a Mac):
 * Alt+1–3 sentiment, Alt+4–6 resolution, Alt+7 avoidable, Alt+8 customer's words, Alt+9 order,
 * Alt+0 the reason filter; Ctrl/⌘+Enter saves. Alt+letters are left alone: on Windows and Linux
 * they open the app menu.
 */
export function wrapUpShortcut(event: {
  code: string;
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}): WrapUpShortcut | null {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey) {
    return { kind: 'save' };
  }
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(event.code)?.[1];
  switch (digit) {
    case '1':
    case '2':
    case '3':
      return { kind: 'sentiment', value: SENTIMENTS[Number(digit) - 1] as Sentiment };
    case '4':
    case '5':
    case '6':
      return { kind: 'resolution', value: RESOLUTIONS[Number(digit) - 4] as Resolution };
    case '7':
      return { kind: 'toggleAvoidable' };
    case '8':
      return { kind: 'focus', field: 'words' };
    case '9':
      return { kind: 'focus', field: 'order' };
    case '0':
      return { kind: 'focus', field: 'reasons' };
    default:
      return null;
  }
}

/** The Alt digit of each choice, for the key caps shown next to it. */
export const SENTIMENT_KEYS: Record<Sentiment, string> = {
  positive: '1',
  neutral: '2',
  negative: '3',
};
export const RESOLUTION_KEYS: Record<Resolution, string> = {
  resolved: '4',
  escalated: '5',
  callback: '6',
};
export const FIELD_KEYS = { avoidable: '7', words: '8', order: '9', reasons: '0' } as const;

/** After-call work as m:ss (and h:mm:ss past an hour), never negative. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
}
