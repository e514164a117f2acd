/**
 * Every key of the app, so a new one never takes a key already in use:
 * - anywhere: `/` and Ctrl/⌘+K search, Ctrl/⌘+, Settings, Ctrl/⌘+Shift+A admin, Ctrl/⌘+Shift+N
 *   a call by its number (the typed-number dialog: Enter starts it, Esc closes it), Ctrl/⌘+Shift+Y
 *   ask a supervisor for help (not +U: GTK's input methods take Ctrl+Shift+U for Unicode entry);
 * - on a call: Ctrl/⌘+Shift+E end, +H harassment, +L back to the call, Ctrl/⌘+J answers,
 *   ← → script steps, bare 1–9 script branches (never while typing), Alt+1–4 the harassment
 *   protocol's steps and note, Alt+5–9 mark the offered next-best-actions done;
 * - in the wrap-up: Alt+1–9 and Alt+0 the form's fields (`wrapUpShortcut`), Ctrl/⌘+Enter saves,
 *   Alt+− the outcome of a proactive call (then 1–3 or the arrows), bare 1–9 in the reason filter.
 * Alt+letters are never used (on Windows and Linux they open the app menu), nor Ctrl/⌘+Shift+digits
 * (⌘⇧3–5 are the Mac's screenshot keys).
 *
 * The call workspace's keys, in one place so the buttons show the same keys the handlers use.
 * Hotkeys are in Mantine's `useHotkeys` notation (`mod` is ⌘ on a Mac, Ctrl elsewhere).
 *
 * Combinations with a modifier work even while the focus is in a field (the agent may be typing
 * the customer's words when the call turns abusive); single keys (branch numbers, arrows) never
 * fire while typing, so a digit typed into a search box stays a digit.
 */
export const CALL_SHORTCUTS = {
  endCall: 'mod+shift+E',
  flagHarassment: 'mod+shift+H',
  knowledge: 'mod+J',
  returnToCall: 'mod+shift+L',
  typedNumber: 'mod+shift+N',
  /** Ask a supervisor for help (anywhere, on a call or not): Y for 呼ぶ (yobu, to call someone). */
  raiseHand: 'mod+shift+Y',
  scriptNext: 'ArrowRight',
  scriptBack: 'ArrowLeft',
} as const;

export type CallShortcut = keyof typeof CALL_SHORTCUTS;

const KEY_CAPS: Record<string, { mac: string; other: string }> = {
  mod: { mac: '⌘', other: 'Ctrl' },
  shift: { mac: '⇧', other: 'Shift' },
  alt: { mac: '⌥', other: 'Alt' },
  ctrl: { mac: '⌃', other: 'Ctrl' },
  arrowright: { mac: '→', other: '→' },
  arrowleft: { mac: '←', other: '←' },
  enter: { mac: '↵', other: 'Enter' },
  escape: { mac: 'Esc', other: 'Esc' },
};

/** The key caps to print for a hotkey: `mod+shift+E` → `['Ctrl', 'Shift', 'E']` (⌘ ⇧ E on a Mac). */
export function hotkeyCaps(hotkey: string, mac: boolean): string[] {
  return hotkey.split('+').map((part) => {
    const cap = KEY_CAPS[part.toLowerCase()];
    if (cap) return mac ? cap.mac : cap.other;
    return part.length === 1 ? part.toUpperCase() : part;
  });
}

/** Whether the platform prints ⌘ for `mod` (read once; the renderer has no other use for it). */
export function isMacPlatform(userAgent: string): boolean {
  return /Mac|iPhone|iPad/.test(userAgent);
}

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  /** An IME is composing: the key belongs to it. */
  isComposing: boolean;
  /** The focus is in a text field, a select or an editable element. */
  typing: boolean;
}

/** A key event (the DOM's, or a React event's `nativeEvent`) as a KeyPress. */
export function keyPressOf(event: Omit<KeyPress, 'typing'>, typing: boolean): KeyPress {
  const { key, ctrlKey, metaKey, altKey, shiftKey, isComposing } = event;
  return { key, ctrlKey, metaKey, altKey, shiftKey, isComposing, typing };
}

/** The branch a bare digit key picks (1 → the first), or null when the key is not for us. */
export function branchIndexForKey(press: KeyPress, branchCount: number): number | null {
  if (press.typing || press.isComposing) return null;
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (!/^[1-9]$/.test(press.key)) return null;
  const index = Number(press.key) - 1;
  return index < branchCount ? index : null;
}

const TYPING_INPUT_TYPES = new Set([
  'text',
  'search',
  'tel',
  'email',
  'url',
  'number',
  'password',
  'date',
  'datetime-local',
  'month',
  'time',
  'week',
]);

/** Whether a key pressed with the focus on this element is text being typed. */
export function isTypingTarget(
  target: { tagName?: string; type?: string; isContentEditable?: boolean } | null,
): boolean {
  if (!target?.tagName) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return TYPING_INPUT_TYPES.has((target.type ?? 'text').toLowerCase());
  return false;
}

/** A key press as the Alt+digit handlers read it (`code`: the physical key, any layout). */
export interface PhysicalKeyPress {
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/** The digit of an Alt+digit press (digit row or keypad), or null for any other press. */
function altDigit(press: PhysicalKeyPress): string | null {
  if (!press.altKey || press.ctrlKey || press.metaKey || press.shiftKey) return null;
  return /^(?:Digit|Numpad)(\d)$/.exec(press.code)?.[1] ?? null;
}

/** The harassment protocol's steps on Alt+1–4 (shown while its panel is). */
export const HARASSMENT_KEYS = {
  warningGiven: '1',
  demandRepeated: '2',
  terminate: '3',
  note: '4',
} as const;
export type HarassmentKey = keyof typeof HARASSMENT_KEYS;

/** Alt+5–9 mark the first five offered next-best-actions done (or not done). */
export const ACTION_DONE_KEYS = ['5', '6', '7', '8', '9'] as const;

export type InCallShortcut =
  { kind: 'harassment'; step: HarassmentKey } | { kind: 'actionDone'; index: number };

/**
 * The Alt+digit keys of a call on the line, read from `code` like the wrap-up form's (Alt+digit
 * types other characters on a Mac). They work while typing: the agent may be in the note.
 */
export function inCallShortcut(press: PhysicalKeyPress): InCallShortcut | null {
  const digit = altDigit(press);
  if (digit === null) return null;
  const step = (Object.keys(HARASSMENT_KEYS) as HarassmentKey[]).find(
    (key) => HARASSMENT_KEYS[key] === digit,
  );
  if (step) return { kind: 'harassment', step };
  const index = (ACTION_DONE_KEYS as readonly string[]).indexOf(digit);
  return index === -1 ? null : { kind: 'actionDone', index };
}

/** Alt+− (the key right of 0, any layout) moves to a proactive call's outcome in its wrap-up. */
export const OUTREACH_OUTCOME_KEY = 'alt+−';

export function isOutreachOutcomeKey(press: PhysicalKeyPress): boolean {
  if (!press.altKey || press.ctrlKey || press.metaKey || press.shiftKey) return false;
  return press.code === 'Minus' || press.code === 'NumpadSubtract';
}
