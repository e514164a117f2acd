/**
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
