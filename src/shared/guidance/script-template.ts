import type { ScriptContext } from './script-context';
import { applyFilters, isKnownFilter, type FilterCall } from './script-filters';

/**
 * Script step text → structured lines of segments. Step text is a tiny Markdown subset with
 * `{{variables}}`: **bold**, line breaks and `- ` bullet lines. Nothing here produces HTML: the
 * renderer shows every segment as a text node, so a script body such as `<img onerror=…>`,
 * `<script>` or `[x](javascript:…)` stays visible, inert text.
 */
export type ScriptSegment =
  | { kind: 'text'; text: string; bold: boolean }
  /** A filled variable; `fallback` when the text came from a `default:"…"` filter. */
  | { kind: 'variable'; name: string; text: string; bold: boolean; fallback: boolean }
  /** A variable this customer has no data for (or that does not exist): show as a placeholder. */
  | { kind: 'missing'; name: string; bold: boolean };

export interface ScriptLine {
  kind: 'paragraph' | 'bullet' | 'blank';
  segments: ScriptSegment[];
}

export interface RenderedScriptText {
  lines: ScriptLine[];
  /** Names of the variables left missing, each once, in order of appearance. */
  missing: string[];
}

export interface Placeholder {
  /** The variable name, or the trimmed raw text when it is not a valid name. */
  name: string;
  valid: boolean;
  filters: FilterCall[];
}

type Token =
  | { kind: 'text'; text: string }
  | { kind: 'placeholder'; placeholder: Placeholder }
  | { kind: 'bold' };

export interface TemplateLine {
  kind: ScriptLine['kind'];
  tokens: Token[];
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const BULLET = /^\s*(?:[-*]|・)\s+/;
const MAX_NAME = 64;

/** Splits `a | b:"x|y"` on the bars outside quotes. */
function splitPipes(raw: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (const ch of raw) {
    if (quote) {
      if (ch === quote) quote = null;
      current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      current += ch;
    } else if (ch === '|') {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim());
}

const FILTER = /^([A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*(?:"([^"]*)"|'([^']*)'|(.*)))?$/;

/** A filter call; text that is not one keeps its raw text as the (unknown) filter name. */
function parseFilter(raw: string): FilterCall {
  const m = FILTER.exec(raw);
  if (!m || m[1] === undefined) return { name: raw, arg: null };
  const arg = m[2] ?? m[3] ?? (m[4] !== undefined ? m[4].trim() : null);
  return { name: m[1], arg };
}

export function parsePlaceholder(inner: string): Placeholder {
  const [head = '', ...rest] = splitPipes(inner);
  const valid = VARIABLE_NAME.test(head) && head.length <= MAX_NAME;
  const name = valid ? head : inner.trim().slice(0, MAX_NAME);
  return { name, valid, filters: rest.map(parseFilter) };
}

function tokenizeInline(text: string): Token[] {
  const tokens: Token[] = [];
  const pushText = (chunk: string): void => {
    // `**` markers outside placeholders; pairing happens afterwards.
    const pieces = chunk.split('**');
    pieces.forEach((piece, i) => {
      if (i > 0) tokens.push({ kind: 'bold' });
      if (piece) tokens.push({ kind: 'text', text: piece });
    });
  };
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    pushText(text.slice(last, m.index));
    tokens.push({ kind: 'placeholder', placeholder: parsePlaceholder(m[1] ?? '') });
    last = m.index + m[0].length;
  }
  pushText(text.slice(last));
  // An unpaired last `**` is literal text.
  const markers = tokens.filter((t) => t.kind === 'bold').length;
  if (markers % 2 === 1) {
    const idx = tokens.map((t) => t.kind).lastIndexOf('bold');
    tokens[idx] = { kind: 'text', text: '**' };
  }
  return tokens;
}

/** The structure of step text, before any variable is resolved (for the editor and lint). */
export function parseScriptText(text: string): TemplateLine[] {
  const lines: TemplateLine[] = [];
  for (const raw of text.split(/\r\n|\r|\n/)) {
    if (raw.trim() === '') {
      if (lines.length > 0 && lines[lines.length - 1]?.kind !== 'blank') {
        lines.push({ kind: 'blank', tokens: [] });
      }
      continue;
    }
    const bullet = BULLET.exec(raw);
    lines.push(
      bullet
        ? { kind: 'bullet', tokens: tokenizeInline(raw.slice(bullet[0].length)) }
        : { kind: 'paragraph', tokens: tokenizeInline(raw) },
    );
  }
  while (lines.length > 0 && lines[lines.length - 1]?.kind === 'blank') lines.pop();
  return lines;
}

/** Fills step text from a context: every placeholder becomes a variable or a missing segment. */
export function renderScriptText(text: string, context: ScriptContext): RenderedScriptText {
  const missing: string[] = [];
  const lines = parseScriptText(text).map((line): ScriptLine => {
    const segments: ScriptSegment[] = [];
    let bold = false;
    for (const token of line.tokens) {
      if (token.kind === 'bold') {
        bold = !bold;
      } else if (token.kind === 'text') {
        const prev = segments[segments.length - 1];
        if (prev?.kind === 'text' && prev.bold === bold) prev.text += token.text;
        else segments.push({ kind: 'text', text: token.text, bold });
      } else {
        const { name, valid, filters } = token.placeholder;
        const value = valid ? (context.values.get(name) ?? null) : null;
        const filled = applyFilters(value, filters, context);
        if (filled === null) {
          segments.push({ kind: 'missing', name, bold });
          if (!missing.includes(name)) missing.push(name);
        } else {
          segments.push({
            kind: 'variable',
            name,
            text: filled.text,
            bold,
            fallback: filled.fallback,
          });
        }
      }
    }
    return { kind: line.kind, segments };
  });
  return { lines, missing };
}

/**
 * Plain text of rendered lines (copy to clipboard, tests, screen readers): bullets as `・`,
 * missing variables as `missingText(name)` (default `［name］`).
 */
export function scriptTextToPlain(
  lines: readonly ScriptLine[],
  missingText: (name: string) => string = (name) => `［${name}］`,
): string {
  return lines
    .map((line) => {
      const body = line.segments
        .map((s) => (s.kind === 'missing' ? missingText(s.name) : s.text))
        .join('');
      return line.kind === 'bullet' ? `・${body}` : body;
    })
    .join('\n');
}

export type ScriptTextIssue =
  | { kind: 'unknown_variable'; name: string }
  | { kind: 'invalid_placeholder'; text: string }
  | { kind: 'unknown_filter'; name: string; filter: string };

/** What a trainer should fix before publishing: unknown variables and filters, bad placeholders. */
export function lintScriptText(text: string, knownVariables: readonly string[]): ScriptTextIssue[] {
  const issues: ScriptTextIssue[] = [];
  for (const line of parseScriptText(text)) {
    for (const token of line.tokens) {
      if (token.kind !== 'placeholder') continue;
      const { name, valid, filters } = token.placeholder;
      if (!valid) {
        issues.push({ kind: 'invalid_placeholder', text: name });
        continue;
      }
      if (!knownVariables.includes(name)) issues.push({ kind: 'unknown_variable', name });
      for (const f of filters) {
        if (!isKnownFilter(f.name)) issues.push({ kind: 'unknown_filter', name, filter: f.name });
      }
    }
  }
  return issues;
}
