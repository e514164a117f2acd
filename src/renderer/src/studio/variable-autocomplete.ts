import { SCRIPT_VARIABLES } from '../../../shared/guidance';

/** An unfinished `{{name` right before the caret: what the editor suggests variables for. */
export interface OpenPlaceholder {
  /** Where the typed name starts (after `{{` and spaces). */
  start: number;
  typed: string;
}

const OPEN = /\{\{\s*([A-Za-z0-9_.]*)$/;

export function openPlaceholderAt(text: string, caret: number): OpenPlaceholder | null {
  const before = text.slice(0, caret);
  const m = OPEN.exec(before);
  if (!m) return null;
  const typed = m[1] ?? '';
  return { start: caret - typed.length, typed };
}

/** Variables of the data model matching what was typed, best first (prefix, then contains). */
export function suggestVariables(typed: string, limit = 8): string[] {
  const q = typed.toLowerCase();
  const prefix = SCRIPT_VARIABLES.filter((v) => v.toLowerCase().startsWith(q));
  const contains = SCRIPT_VARIABLES.filter(
    (v) => !v.toLowerCase().startsWith(q) && v.toLowerCase().includes(q),
  );
  return [...prefix, ...contains].slice(0, limit);
}

/** The text with the open placeholder completed to `{{name}}`, and where the caret goes. */
export function completeVariable(
  text: string,
  caret: number,
  open: OpenPlaceholder,
  name: string,
): { text: string; caret: number } {
  const after = text.slice(caret);
  // Keep a closing `}}` the trainer already typed.
  const closing = /^[A-Za-z0-9_.]*\s*\}\}/.exec(after);
  const rest = closing ? after.slice(closing[0].length) : after;
  const inserted = `${name}}}`;
  return {
    text: text.slice(0, open.start) + inserted + rest,
    caret: open.start + inserted.length,
  };
}
