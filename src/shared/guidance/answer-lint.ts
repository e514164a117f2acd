import type { Language } from '../domain/primitives';
import type { AnswerContent } from '../protocol/answer-authoring';
import { listsMeet } from './script-lint';

/**
 * What blocks publishing an approved answer. The studio shows these as the trainer types, and
 * the server runs the same function before it accepts a publish. Like the script lint, every
 * issue blocks: a language of the audience without its text is a missing translation, because
 * agents of that language would search and find nothing (or, worse, an older version).
 */
export type AnswerLintIssue =
  | { kind: 'missing_translation'; language: Language; part: 'title' | 'body' }
  | { kind: 'body_too_long'; language: Language; length: number; limit: number }
  /**
   * Answers are read out as written, not filled in like scripts: a `{{` or `}}` would reach the
   * customer as braces (a placeholder copied from a script, or a half-typed one).
   */
  | { kind: 'stray_placeholder'; language: Language; part: 'title' | 'body'; text: string }
  | { kind: 'duplicate_title'; language: Language; otherAnswerId: string; title: string };

/**
 * Longest body, in characters: about three minutes read aloud in Japanese, and what still fits
 * the agent's answer drawer without scrolling past the next answer. The demo's are under 200.
 */
export const ANSWER_BODY_LIMIT = 2000;

/** Another answer agents already have, as the duplicate-title check needs it. */
export interface PublishedAnswerTitles {
  answerId: string;
  audience: AnswerContent['audience'];
  title: AnswerContent['title'];
}

export interface AnswerLintOptions {
  /** The studio id of the answer being linted (it never duplicates itself). */
  answerId: string;
  /** The latest version of every other published answer. */
  published: readonly PublishedAnswerTitles[];
}

/** Titles that an agent scanning the results could not tell apart. */
export function titleKey(title: string): string {
  return title.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A whole `{{…}}` placeholder, or a lone `{{` or `}}`. */
const PLACEHOLDER = /\{\{[^{}\n]{0,60}\}\}|\{\{|\}\}/;

/** The placeholder as written, or a lone brace pair with a little context, for the message. */
function strayAt(text: string): string | null {
  const match = PLACEHOLDER.exec(text);
  if (!match) return null;
  if (match[0].length > 2) return match[0];
  return text.slice(Math.max(0, match.index - 8), match.index + 10).trim();
}

export function lintAnswerContent(
  content: AnswerContent,
  options: AnswerLintOptions,
): AnswerLintIssue[] {
  const issues: AnswerLintIssue[] = [];
  for (const language of content.audience.languages) {
    const title = content.title[language] ?? '';
    const body = content.body[language] ?? '';
    if (!title.trim()) issues.push({ kind: 'missing_translation', language, part: 'title' });
    if (!body.trim()) issues.push({ kind: 'missing_translation', language, part: 'body' });
    if (body.length > ANSWER_BODY_LIMIT) {
      issues.push({
        kind: 'body_too_long',
        language,
        length: body.length,
        limit: ANSWER_BODY_LIMIT,
      });
    }
    for (const [part, text] of [
      ['title', title],
      ['body', body],
    ] as const) {
      const stray = strayAt(text);
      if (stray !== null) issues.push({ kind: 'stray_placeholder', language, part, text: stray });
    }
    const key = titleKey(title);
    if (key === '') continue;
    for (const other of options.published) {
      if (other.answerId === options.answerId) continue;
      if (!other.audience.languages.includes(language)) continue;
      // Agents of different centers never see both, so the same title there is fine.
      if (!listsMeet(content.audience.centers, other.audience.centers)) continue;
      if (titleKey(other.title[language] ?? '') === key) {
        issues.push({
          kind: 'duplicate_title',
          language,
          otherAnswerId: other.answerId,
          title: title.trim(),
        });
      }
    }
  }
  return issues;
}
